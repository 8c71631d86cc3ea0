import ts from 'typescript';
import { splice, TYPED_HOLE } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';

export type ValidationMode = 'strict' | 'lenient';

/** A compiler error a candidate would add, in the candidate's own text (offsets relative to the file with it). */
export interface AddedError {
  code: number;
  message: string;
  start: number;
}

export interface Verdict {
  text: string;
  /** No error added anywhere in the file. */
  ok: boolean;
  added: AddedError[];
}

export interface ValidationOptions {
  /** What stands in the hole for the baseline; a typed hole (no error of its own) unless given. */
  baseline?: string;
  /** Stop checking new candidates after this time (`performance.now()` based); unchecked ones are not ok. */
  deadline?: number;
  isCancelled?: () => boolean;
}

/**
 * Splices each candidate into the hole of a speculative copy of the file and compares the file's diagnostics with
 * those of the file holding a typed hole (which is itself error-free). Only the edited file is checked again; the
 * rest of the program is shared. A candidate is ok when it adds no error anywhere in the file.
 */
export function validateCandidates(base: FileSnapshot, hole: { start: number; end: number }, texts: string[], options: ValidationOptions = {}): Verdict[] {
  const standIn = options.baseline ?? TYPED_HOLE;
  const baseline = errorKeys(splice(base, [{ ...hole, text: standIn }]).snapshot, hole.start, standIn.length);
  return texts.map((text) => {
    if (options.isCancelled?.() || (options.deadline !== undefined && performance.now() > options.deadline)) {
      return { text, ok: false, added: [{ code: 0, message: 'not checked before the deadline', start: hole.start }] };
    }
    const { snapshot } = splice(base, [{ ...hole, text }]);
    const added = errorsOf(snapshot).filter((d) => !baseline.has(keyOf(d, hole.start, text.length)));
    return { text, ok: added.length === 0, added };
  });
}

function errorsOf({ program, sourceFile }: FileSnapshot): AddedError[] {
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), start: d.start ?? 0 }));
}

/**
 * Errors of the baseline keyed so they match the same error in a candidate's file: positions after the hole are
 * made relative to the hole's end, since the candidate's text has another length than the typed hole.
 */
function errorKeys(baseline: FileSnapshot, holeStart: number, holeLength: number): Set<string> {
  return new Set(errorsOf(baseline).map((d) => keyOf(d, holeStart, holeLength)));
}

function keyOf(d: AddedError, holeStart: number, holeLength: number): string {
  const where = d.start < holeStart ? `b${d.start}` : d.start >= holeStart + holeLength ? `a${d.start - holeStart - holeLength}` : 'in';
  return `${d.code}:${where}:${d.message}`;
}
