/** Shared words between the target name and the candidate's last name segment, 0..0.6. */
export function nameAffinity(target: string, candidate: string): number {
  const words = (s: string) =>
    new Set(
      s
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    );
  const a = words(target);
  const b = words(candidate.split('.').pop() ?? candidate);
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (0.6 * shared) / Math.max(a.size, b.size);
}
