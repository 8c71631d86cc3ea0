// Closeness of names: how a misspelt or misremembered identifier is matched to the legal ones.

/**
 * Of legal names (best first by the embedded ranking), the one to put in place of `rejected`: closeness of spelling
 * (a misspelt member is the common hallucination) weighed against the ranking.
 */
export function closest(rejected: string, names: readonly string[]): string {
  let best = names[0];
  let bestScore = -Infinity;
  names.forEach((name, rank) => {
    const score = 2 * similarity(rejected, name) + (1 - rank / names.length);
    if (score > bestScore) { best = name; bestScore = score; }
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

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
