/**
 * Text helpers of the context bench: the lines around a hole a model sees anyway, and the words of a text.
 */

/** Lines above and below the hole that a model sees anyway: declarations there are not needed from the context. */
export const NEARBY_LINES = 15;

/** The 30 lines around the hole's line. */
export function nearbyLines(lines: readonly string[], line: number): readonly string[] {
  return lines.slice(Math.max(0, line - NEARBY_LINES), line + NEARBY_LINES + 1);
}

const WORD = /[A-Za-z_$][\w$]*/g;

/** Identifier-like words of a text: what "a name appears as a whole word" is tested against. */
export function wordsOf(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(WORD), ([word]) => word));
}
