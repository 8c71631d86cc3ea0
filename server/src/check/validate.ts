import ts from 'typescript';
import { nodeAt } from '../holes/ast.js';
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
    const added = errorsOf(snapshot, hole.start).filter((d) => !baseline.has(keyOf(d, hole.start, text.length)));
    return { text, ok: added.length === 0, added };
  });
}

/** `getSemanticDiagnostics` checks only `nodesToCheck` when given (internal; TypeScript's region diagnostics use it). */
type RegionProgram = ts.Program & {
  getSemanticDiagnostics(sourceFile: ts.SourceFile, token?: ts.CancellationToken, nodesToCheck?: readonly ts.Node[]): readonly ts.Diagnostic[];
};

function errorsOf({ program, sourceFile }: FileSnapshot, holeStart: number): AddedError[] {
  const region = regionOf(sourceFile, holeStart);
  return [...program.getSyntacticDiagnostics(sourceFile), ...(program as RegionProgram).getSemanticDiagnostics(sourceFile, undefined, region)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), start: d.start ?? 0 }));
}

/**
 * Errors of the baseline keyed so they match the same error in a candidate's file: positions after the hole are
 * made relative to the hole's end, since the candidate's text has another length than the typed hole.
 */
function errorKeys(baseline: FileSnapshot, holeStart: number, holeLength: number): Set<string> {
  return new Set(errorsOf(baseline, holeStart).map((d) => keyOf(d, holeStart, holeLength)));
}

function keyOf(d: AddedError, holeStart: number, holeLength: number): string {
  const where = d.start < holeStart ? `b${d.start}` : d.start >= holeStart + holeLength ? `a${d.start - holeStart - holeLength}` : 'in';
  return `${d.code}:${where}:${d.message}`;
}

/**
 * What a candidate can affect: the statement around the hole, unless the hole feeds an inferred type (an
 * un-annotated variable, or the body of a declared function without a return type), whose uses may be anywhere in
 * the file.
 * Checking one statement instead of the file is most of what makes validation cheap.
 */
function regionOf(sourceFile: ts.SourceFile, holeStart: number): ts.Node[] | undefined {
  let statement: ts.Node | undefined;
  for (let n: ts.Node | undefined = nodeAt(sourceFile, holeStart); n && !ts.isSourceFile(n); n = n.parent) {
    if (feedsInference(n, holeStart)) return undefined;
    if (!statement && ts.isStatement(n) && n.parent && (ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isModuleBlock(n.parent) || ts.isCaseOrDefaultClause(n.parent))) statement = n;
  }
  return statement && [statement];
}

function feedsInference(n: ts.Node, holeStart: number): boolean {
  if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && !n.type) return !!n.initializer && n.initializer.pos <= holeStart;
  // A function expression's inferred return type stays in its statement (or reaches a variable, seen above).
  return (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && !n.type && !!n.body && n.body.pos <= holeStart;
}
