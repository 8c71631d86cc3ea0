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

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
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
  return new Set(text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0));
}

/** The name the checker suggests in its message ("Did you mean 'name'?"), if any. */
export function suggestedName(message: string): string | undefined {
  return /Did you mean(?: to write)? '(.+?)'\?/.exec(message)?.[1];
}
