/**
 * Text changes: spans of a file's text replaced, applied to a text. A *blank* replaces code by as many spaces, every
 * position kept (the idle bodies of a side-by-side program, `check/idleBodies.ts`): it adds no text, so the warm
 * checker looks past it for what changed.
 */

/** A span of the text and what replaces it. */
type Change = { start: number; end: number; text: string };

/** The text with the changes (in any order, none overlapping another) applied. */
export function applyChanges(text: string, changes: readonly Change[]): string {
  let out = '';
  let copied = 0;
  for (const c of [...changes].sort((a, b) => a.start - b.start)) {
    out += text.slice(copied, c.start) + c.text;
    copied = c.end;
  }
  return out + text.slice(copied);
}

/** Is this change a blank: spaces as long as what they replace? */
export function isBlank({ start, end, text }: Change): boolean {
  return text.length === end - start && !text.trim();
}
