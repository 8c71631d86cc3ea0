/**
 * Blanks: spans of a file's text replaced by as many spaces, code removed with every position kept (the idle bodies of
 * a side-by-side program, `check/idleBodies.ts`). A speculative text's blanks add no text: the warm checker looks past
 * them for what changed.
 */

type Span = { start: number; end: number };

/** Is this replacement a blank: spaces as long as what they replace? */
export function isBlank({ start, end, text }: Span & { text: string }): boolean {
  return text.length === end - start && !text.trim();
}

/** The text with the spans (in order, none inside another) blanked. */
export function withBlanks(text: string, blanks: readonly Span[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (const { start, end } of blanks) {
    parts.push(text.slice(copied, start), ' '.repeat(end - start));
    copied = end;
  }
  return parts.join('') + text.slice(copied);
}
