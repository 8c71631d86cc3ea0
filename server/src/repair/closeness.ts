/**
 * How close a proposal is to the erroneous text (edit distance, shared subwords, the name the compiler's message
 * suggests): the first ranking of repair proposals, before `synth/rank.ts`.
 */
import { editDistance } from '../ts/spelling.js';

/**
 * How close a candidate is to the erroneous text it replaces, 0..1: models and people err by a typo (`naem`), a
 * word of the right name (`userName` for `name`), or a sibling expression; the fix is most often the nearest text.
 * Half edit distance (Damerau: a swap is one edit), half shared subwords.
 */
export function closeness(wrong: string, candidate: string): number {
  const a = wrong.toLowerCase();
  const b = candidate.toLowerCase();
  if (!a.length || !b.length) return 0;
  const spelling = 1 - editDistance(a, b) / Math.max(a.length, b.length);
  return 0.5 * spelling + 0.5 * sharedSubwords(wrong, candidate);
}

/** Jaccard overlap of the words of two texts (camelCase and snake_case split, lower case). */
export function sharedSubwords(a: string, b: string): number {
  const x = subwords(a);
  const y = subwords(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

function subwords(text: string): Set<string> {
  return new Set(
    text
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0),
  );
}

/** The name the checker suggests in its message ("Did you mean 'name'?"), if any. */
export function suggestedName(message: string): string | undefined {
  return /Did you mean(?: to write)? '(.+?)'\?/.exec(message)?.[1];
}
