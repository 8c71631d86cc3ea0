/**
 * Counting tokens as the model does: exact for OpenAI models (gpt-tokenizer), a calibrated estimate otherwise.
 */

/** Counts (and, when exact, encodes) text as a model's tokenizer does. */
export interface Tokenizer {
  /** `o200k_base`, `cl100k_base`, or `estimate`. */
  name: string;
  count(text: string): number;
  /** Token ids, for `logit_bias`: only with the model's own tokenizer. */
  encode?(text: string): number[];
  decode?(ids: number[]): string;
}

/**
 * For code without a known tokenizer: a linear model of o200k_base counts over the pieces its pre-tokenizer makes
 * (words, camelCase humps, long-word tails, line breaks with indentation, spaces, punctuation), fitted by least
 * squares on 600-character windows of rxjs and zod: median error 7% (characters / 3.6: 11%).
 */
const WEIGHTS = { word: 0.63, longTail: 0.09, hump: 0.68, newline: 0.31, space: 0.26, symbol: 0.76 };
const LONG_WORD = 7;

export const ESTIMATE: Tokenizer = {
  name: 'estimate',
  count(text) {
    let n = 0;
    for (const [piece] of text.matchAll(/[A-Za-z]+|\n[ \t]*|[ \t]+|[^\sA-Za-z]/g)) {
      const c = piece.charCodeAt(0);
      if (c === 10) n += WEIGHTS.newline;
      else if (c === 32 || c === 9) n += WEIGHTS.space;
      else if (/[A-Za-z]/.test(piece[0])) {
        n +=
          WEIGHTS.word +
          Math.max(0, piece.length - LONG_WORD) * WEIGHTS.longTail +
          (piece.match(/[a-z][A-Z]/g)?.length ?? 0) * WEIGHTS.hump;
      } else n += WEIGHTS.symbol;
    }
    return Math.ceil(n);
  },
};

type Encoding = 'o200k_base' | 'cl100k_base';

/** OpenAI's models by name (a provider prefix such as `openai/` aside). */
export function encodingOf(model: string | undefined): Encoding | undefined {
  const name = (model ?? '').toLowerCase().split('/').pop() ?? '';
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o[134](-|$)|gpt-oss|codex)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding-(3|ada))/.test(name)) return 'cl100k_base';
  return undefined;
}

const loaded = new Map<Encoding, Promise<Tokenizer>>();

/** The model's exact tokenizer when it is an OpenAI model, else the calibrated estimate. Loaded once, lazily. */
export function tokenizerFor(model: string | undefined): Promise<Tokenizer> {
  const encoding = encodingOf(model);
  if (!encoding) return Promise.resolve(ESTIMATE);
  let tokenizer = loaded.get(encoding);
  if (!tokenizer) loaded.set(encoding, (tokenizer = load(encoding)));
  return tokenizer;
}

async function load(encoding: Encoding): Promise<Tokenizer> {
  const api =
    encoding === 'o200k_base'
      ? await import('gpt-tokenizer/encoding/o200k_base')
      : await import('gpt-tokenizer/encoding/cl100k_base');
  return {
    name: encoding,
    count: (text) => api.encode(text, { disallowedSpecial: new Set() }).length,
    encode: (text) => api.encode(text, { disallowedSpecial: new Set() }),
    decode: (ids) => api.decode(ids),
  };
}
