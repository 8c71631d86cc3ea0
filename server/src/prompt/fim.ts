/**
 * Fill-in-the-middle templates of the code model families (`llm.template`): how prefix and suffix are written for each.
 */
import type { FimFamily } from '../config.js';

/** A model family's fill-in-the-middle prompt format, as its model card documents it. */
export interface FimTemplate {
  render(prefix: string, suffix: string): string;
  /** Tokens that end the middle: the model's end of text and file markers. */
  stop: string[];
}

export const FIM_TEMPLATES: Readonly<Record<FimFamily, FimTemplate>> = {
  starcoder2: {
    render: (prefix, suffix) => `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
    stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>'],
  },
  'qwen2.5-coder': {
    render: (prefix, suffix) => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|repo_name|>'],
  },
  'deepseek-coder': {
    render: (prefix, suffix) => `<｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`,
    stop: ['<｜end▁of▁sentence｜>', '<|EOT|>'],
  },
  codellama: {
    render: (prefix, suffix) => `<PRE> ${prefix} <SUF>${suffix} <MID>`,
    stop: ['<EOT>', '</s>'],
  },
  // Codestral takes the suffix first.
  codestral: {
    render: (prefix, suffix) => `[SUFFIX]${suffix}[PREFIX]${prefix}`,
    stop: ['</s>', '[PREFIX]', '[SUFFIX]'],
  },
};
