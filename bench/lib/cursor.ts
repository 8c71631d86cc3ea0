/**
 * The one cursor marker of the tests, `/*|*\/`: in a fixture file (removed when written, its offset remembered), or in
 * the text that names a position (`'role: Role = /*|*\/_()'` is the position before `_()`). Here, beside the LSP
 * client that finds such texts in open documents, because the tests' helpers import the benches' code, not the
 * reverse.
 */
export const CURSOR = '/*|*/';

/** `marked` without its cursor marker, and the marker's offset (undefined when it has none). */
export function withoutCursor(marked: string): { text: string; cursor?: number } {
  const at = marked.indexOf(CURSOR);
  return at < 0 ? { text: marked } : { text: marked.slice(0, at) + marked.slice(at + CURSOR.length), cursor: at };
}
