/**
 * The LLM's requests about a hole: chat messages or a completions prompt (a FIM template), made of the rendered
 * context, the code around the hole within a token budget, error-round feedback and resumption after a constrained
 * step.
 */
import type { FimFamily, LlmApi } from '../config.js';
import type { HoleContext } from '../holes/holeData.js';
import type { ChatMessage, ModelRequest } from '../models/modelData.js';
import { FIM_TEMPLATES } from './fim.js';
import { renderContext } from './render.js';
import type { Tokenizer } from './tokens.js';

export const HOLE_MARK = '<HOLE>';
/** Of the budget, what the hole's context may take at most; nearby code gets the rest and what the context leaves. */
const CONTEXT_SHARE = 0.75;
/** Lines above the hole taken for each line below it: what leads to the hole says more. */
const LINES_ABOVE_PER_BELOW = 2;

/** What the model is asked to write, and how much of it. */
export interface AnswerShape {
  /** Named in the chat's instruction: what replaces the hole. */
  description: string;
  maxTokens: number;
  /** Where an answer ends in a completions prompt without a FIM template (a template has its own stops). */
  stop: string[];
}

/** A cursor hole's answer: one expression on one line. */
export const EXPRESSION: AnswerShape = { description: 'the one TypeScript expression', maxTokens: 64, stop: ['\n'] };
/** An explicit hole's answer: one expression, on as many lines as it takes (ending at a blank line). */
export const EXPRESSION_LINES: AnswerShape = {
  description: 'the TypeScript code (one expression, lines as needed)',
  maxTokens: 256,
  stop: ['\n\n'],
};

export interface PromptOptions {
  api: LlmApi;
  template?: FimFamily;
  /** Tokens of context and nearby code together. */
  budgetTokens: number;
  tokenizer: Tokenizer;
  answer: AnswerShape;
  /** How the file is named to the model (relative to its folder). */
  fileLabel: string;
}

/** A rejected answer and the compiler's messages about it, fed back in an error round. */
export interface Feedback {
  text: string;
  errors: string[];
}

/**
 * The prompt for one hole: its context (expected type > relevant types > headers > bindings, `renderContext`) and the
 * code around it within one token budget, as chat messages or a completions prompt (a FIM template when the model
 * has one). The same prompt resumes decoding after an intervention and carries the error rounds' feedback.
 */
export class HolePrompt {
  readonly tokens: { context: number; code: number };
  private readonly context: string;
  private readonly before: string;
  private readonly after: string;

  constructor(
    ctx: HoleContext,
    fileText: string,
    private readonly options: PromptOptions,
  ) {
    const count = (text: string) => options.tokenizer.count(text);
    const rendered = renderContext(ctx, Math.floor(options.budgetTokens * CONTEXT_SHARE), { countTokens: count });
    this.context = rendered.text;
    const code = excerpt(fileText, ctx.hole, options.budgetTokens - rendered.tokens, count);
    this.before = code.before;
    this.after = code.after;
    this.tokens = { context: rendered.tokens, code: code.tokens };
  }

  /** The request that continues `generated` (empty at first), after the error rounds of `feedback`. */
  request(generated = '', feedback: readonly Feedback[] = []): ModelRequest {
    const { maxTokens } = this.options.answer;
    if (this.options.api === 'chat') return { input: { messages: this.messages(generated, feedback) }, maxTokens };
    const notes = feedback.map((f) => `Not \`${f.text}\`: ${f.errors.join(' ')}`);
    const header = comment([this.context, ...notes].filter(Boolean).join('\n'));
    const prefix = `${header ? `${header}\n` : ''}${this.before}`;
    const template = this.options.template && FIM_TEMPLATES[this.options.template];
    const prompt = template ? template.render(prefix, this.after) : prefix;
    // Without the code after the hole the model would go on writing it: the answer's shape says where it ends.
    const stop = template ? template.stop : this.options.answer.stop;
    return { input: { prompt: prompt + generated }, maxTokens, stop };
  }

  private messages(generated: string, feedback: readonly Feedback[]): ChatMessage[] {
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content:
          `Reply with ${this.options.answer.description} that replaces ${HOLE_MARK}, and nothing else: ` +
          'no prose, no fences. It must type-check.',
      },
      {
        role: 'user',
        content:
          (this.context ? `${this.context}\n` : '') +
          `// ${this.options.fileLabel}\n${this.before}${HOLE_MARK}${this.after}`,
      },
    ];
    for (const { text, errors } of feedback) {
      messages.push({ role: 'assistant', content: text });
      messages.push({
        role: 'user',
        content:
          `That does not type-check:\n${errors.map((e) => `- ${e}`).join('\n')}\n` +
          `Reply with a corrected replacement for ${HOLE_MARK} only.`,
      });
    }
    if (generated) messages.push({ role: 'assistant', content: generated });
    return messages;
  }
}

/**
 * The code around the hole within `budget` tokens: the hole's line always, then whole lines nearest first, two
 * above for one below.
 */
export function excerpt(
  text: string,
  hole: { start: number; end: number },
  budget: number,
  count: (text: string) => number,
): { before: string; after: string; tokens: number } {
  const lineStart = text.lastIndexOf('\n', hole.start - 1) + 1;
  const newline = text.indexOf('\n', hole.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const above = text.slice(0, lineStart).split('\n').slice(0, -1);
  const below = lineEnd < text.length ? text.slice(lineEnd + 1).split('\n') : [];
  let before = text.slice(lineStart, hole.start);
  let after = text.slice(hole.end, lineEnd);
  let tokens = count(before) + count(after);
  let up = above.length;
  let down = 0;
  for (let turn = 0; up > 0 || down < below.length; turn++) {
    const takeAbove = up > 0 && (down >= below.length || turn % (LINES_ABOVE_PER_BELOW + 1) !== LINES_ABOVE_PER_BELOW);
    const line = takeAbove ? above[up - 1] : below[down];
    const cost = count(line + '\n');
    if (tokens + cost > budget) break;
    tokens += cost;
    if (takeAbove) {
      before = `${line}\n${before}`;
      up--;
    } else {
      after = `${after}\n${line}`;
      down++;
    }
  }
  return { before, after, tokens };
}

function comment(text: string): string {
  return text
    ? text
        .split('\n')
        .map((line) => (line.startsWith('//') ? line : `// ${line}`))
        .join('\n')
    : '';
}
