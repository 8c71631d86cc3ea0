// Closeness of names: how a misspelt or misremembered identifier is matched to the legal ones.
import { editDistance } from '../ts/spelling.js';

/**
 * Of legal names (best first by the embedded ranking), the one to put in place of `rejected`: closeness of spelling
 * (a misspelt member is the common hallucination) weighed against the ranking.
 */
export function closest(rejected: string, names: readonly string[]): string {
  let best = names[0];
  let bestScore = -Infinity;
  names.forEach((name, rank) => {
    const score = 2 * similarity(rejected, name) + (1 - rank / names.length);
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  });
  return best;
}

/** 1 for equal names, towards 0 for unrelated ones: edit distance over length, case ignored, prefixes favoured. */
export function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!x || !y) return 0;
  const distance = editDistance(x, y);
  const prefix = y.startsWith(x) || x.startsWith(y) ? 0.25 : 0;
  return Math.max(0, 1 - distance / Math.max(x.length, y.length)) + prefix;
}
