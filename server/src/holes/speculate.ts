/**
 * Speculative texts of a file: spans replaced (by a typed hole, a candidate, a repair) and the program rebuilt over
 * `workspace/speculative.ts`, with the way back from speculative to real positions. The typed hole is the stand-in
 * every check compares against: an expression of any type that adds no error of its own (in JavaScript too).
 */
import ts from 'typescript';
import { isBlank } from '../workspace/textChanges.js';
import { speculativeSnapshot } from '../workspace/speculative.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { innermostAt } from '../ts/ast.js';

/**
 * A hole the checker types from its context alone: a generic function applied at once, so its type parameter is
 * inferred from the contextual type. An undeclared `_()` has the error type instead, and a generic call around it
 * (`id(_())`, `<List items={…} pick={_()} />`) then infers `any` for its type arguments.
 */
const TYPED_HOLE = '(<T,>(): T => null!)()';
/** The same in JavaScript, whose files refuse TypeScript's syntax: the generic function's type given in JSDoc. An
 * inference with nothing to go on gives `any` there, as in every JavaScript file. */
const TYPED_HOLE_JS = '(/** @type {<T,>() => T} */ (/** @type {any} */ (0)))()';

/** The typed hole in a file of this name. */
export function typedHole(fileName: string): string {
  return /\.(m|c)?jsx?$/.test(fileName) ? TYPED_HOLE_JS : TYPED_HOLE;
}

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** A speculative snapshot of a file with some spans replaced, and the way back to the real file's positions. */
export interface SplicedSnapshot {
  snapshot: FileSnapshot;
  /** Where each replacement starts in the spliced text, in the order given. */
  starts: number[];
  /** A position of the spliced text as a position of the real file; inside a replacement, its start. */
  toOriginal(pos: number): number;
}

/** Replaces non-overlapping spans (in any order) and builds the speculative program (`warm`: see speculative.ts). */
export function splice(base: FileSnapshot, replacements: Replacement[], options?: { warm?: boolean }): SplicedSnapshot {
  const blanks = replacements.filter(isBlank);
  const original = base.sourceFile.text;
  if (replacements.every(({ start, end, text }) => original.slice(start, end) === text)) {
    return { snapshot: base, starts: replacements.map((r) => r.start), toOriginal: (pos) => pos };
  }
  const order = replacements.map((_r, i) => i).sort((a, b) => replacements[a].start - replacements[b].start);
  const starts: number[] = new Array(replacements.length);
  const shifts: Array<{ start: number; end: number; originalStart: number; delta: number }> = [];
  let text = '';
  let copied = 0;
  for (const i of order) {
    const { start, end, text: inserted } = replacements[i];
    text += original.slice(copied, start);
    starts[i] = text.length;
    text += inserted;
    copied = end;
    shifts.push({ start: starts[i], end: text.length, originalStart: start, delta: text.length - end });
  }
  text += original.slice(copied);
  const toOriginal = (pos: number) => {
    let delta = 0;
    for (const shift of shifts) {
      if (pos < shift.start) break;
      if (pos < shift.end) return shift.originalStart;
      delta = shift.delta;
    }
    return pos - delta;
  };
  return { snapshot: speculativeSnapshot(base, text, { ...options, blanks }), starts, toOriginal };
}

/** Each span replaced by a typed hole; `calls[i]` is the hole of span i, unless the syntax there would not hold one. */
export function typedHoles(
  base: FileSnapshot,
  spans: Array<{ start: number; end: number }>,
): SplicedSnapshot & { calls: Array<ts.CallExpression | undefined> } {
  const hole = typedHole(base.sourceFile.fileName);
  const spliced = splice(
    base,
    spans.map(({ start, end }) => ({ start, end, text: hole })),
  );
  const { sourceFile } = spliced.snapshot;
  const isHoleAt =
    (start: number) =>
    (node: ts.Node): node is ts.CallExpression =>
      ts.isCallExpression(node) && node.end === start + hole.length && node.getStart(sourceFile) === start;
  const calls = spliced.starts.map((start) => innermostAt(sourceFile, start, isHoleAt(start)));
  return { ...spliced, calls };
}
