/**
 * Small statistics the benches share: quantiles, ratios, grouping.
 */

/** The q-quantile (0..1) of `values` by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return groups;
}

/** `summarize` applied to each group of `items` that `key` makes. */
export function summarizeBy<T, R>(
  items: readonly T[],
  key: (item: T) => string,
  summarize: (group: T[]) => R,
): Record<string, R> {
  return Object.fromEntries([...groupBy(items, key)].map(([k, group]) => [k, summarize(group)]));
}
