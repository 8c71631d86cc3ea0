import ts from 'typescript';
import { splice, TYPED_HOLE } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { isStatementList, regionOf } from './region.js';

/** A compiler error a candidate would add. */
export interface AddedError {
  code: number;
  message: string;
  start: number;
}

export interface Verdict {
  text: string;
  /** No error added. */
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

/** `getSemanticDiagnostics` checks only `nodesToCheck` when given (internal; TypeScript's region diagnostics use it). */
type RegionProgram = ts.Program & {
  getSemanticDiagnostics(sourceFile: ts.SourceFile, token?: ts.CancellationToken, nodesToCheck?: readonly ts.Node[]): readonly ts.Diagnostic[];
};

/**
 * Splices each candidate into the hole and compares the errors with those of the baseline (a typed hole, itself
 * error-free): a candidate is ok when it adds none. Only the edited file is checked, and of it only the region the
 * hole can affect. Inside a function body all candidates share one speculative program: the statement is repeated,
 * once per candidate, each copy in `if (0 as any) { … }` so that none is unreachable or sees another's bindings.
 */
export function validateCandidates(base: FileSnapshot, hole: { start: number; end: number }, texts: string[], options: ValidationOptions = {}): Verdict[] {
  const standIn = options.baseline ?? TYPED_HOLE;
  if (options.isCancelled?.() || (options.deadline !== undefined && performance.now() > options.deadline)) {
    return texts.map((text) => ({ text, ok: false, added: [{ code: 0, message: 'not checked before the deadline', start: hole.start }] }));
  }
  // A text that is no expression on its own could unbalance the file around it: refuse it before splicing.
  const malformed = new Map(texts.map((text) => [text, parseErrors(text)] as const).filter(([, errors]) => errors.length));
  const wellFormed = texts.filter((text) => !malformed.has(text));
  const verdicts = new Map(checked(base, hole, standIn, wellFormed).map((v) => [v.text, v]));
  return texts.map((text) => verdicts.get(text) ?? { text, ok: false, added: malformed.get(text) ?? [] });
}

function checked(base: FileSnapshot, hole: { start: number; end: number }, standIn: string, texts: string[]): Verdict[] {
  if (!texts.length) return [];
  const region = regionOf(base.sourceFile, hole.start);
  const parent = region?.statement.parent;
  if (region && region.nodes?.length === 1 && parent && !ts.isSourceFile(parent) && isStatementList(parent)) {
    const verdicts = inCopies(base, region.statement, hole, [standIn, ...texts]);
    // The checker reports some errors once per type (an iteration error, say): after a rejection in the batch, an
    // acceptance may owe itself to a sibling having taken the error. Those are checked again alone.
    if (verdicts && verdicts.every((v) => v.ok)) return verdicts;
    if (verdicts) {
      const again = new Map(oneByOne(base, hole, standIn, verdicts.filter((v) => v.ok).map((v) => v.text)).map((v) => [v.text, v]));
      return verdicts.map((v) => again.get(v.text) ?? v);
    }
  }
  return oneByOne(base, hole, standIn, texts);
}

function oneByOne(base: FileSnapshot, hole: { start: number; end: number }, standIn: string, texts: string[]): Verdict[] {
  if (!texts.length) return [];
  const baseline = new Set(errorsIn(splice(base, [{ ...hole, text: standIn }]).snapshot, hole.start).map((d) => keyOf(d, hole.start, standIn.length)));
  return texts.map((text) => {
    const added = errorsIn(splice(base, [{ ...hole, text }]).snapshot, hole.start).filter((d) => !baseline.has(keyOf(d, hole.start, text.length)));
    return { text, ok: added.length === 0, added };
  });
}

function parseErrors(text: string): AddedError[] {
  const probe = ts.createSourceFile('candidate.ts', `(${text}\n);`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const diagnostics = (probe as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), start: 0 }));
}

/** The region statement repeated for every text (the first is the baseline), checked together. */
function inCopies(base: FileSnapshot, region: ts.Statement, hole: { start: number; end: number }, texts: string[]): Verdict[] | undefined {
  const source = base.sourceFile.text;
  const start = region.getStart(base.sourceFile);
  const before = source.slice(start, hole.start);
  const after = source.slice(hole.end, region.end);
  const copies: Array<{ start: number; end: number; hole: number; length: number }> = [];
  let replacement = '';
  for (const text of texts) {
    replacement += 'if (0 as any) { ';
    const copy = `${before}${text}${after}`;
    copies.push({ start: start + replacement.length, end: start + replacement.length + copy.length, hole: start + replacement.length + before.length, length: text.length });
    replacement += `${copy} } `;
  }
  const { snapshot } = splice(base, [{ start, end: region.end, text: replacement }]);
  const checked = collectIfs(snapshot.sourceFile, copies.map((c) => c.start));
  // A copy the parser did not see as its own statement would go unchecked: check one by one instead.
  if (checked.length !== copies.length) return undefined;
  const errors = errorsOf(snapshot, checked);
  const keysOf = (i: number) => errors
    .filter((d) => d.start >= copies[i].start && d.start <= copies[i].end)
    .map((d) => ({ d, key: keyOf({ ...d, start: d.start - copies[i].start }, copies[i].hole - copies[i].start, copies[i].length) }));
  const baseline = new Set(keysOf(0).map((e) => e.key));
  return texts.slice(1).map((text, i) => {
    const added = keysOf(i + 1).filter((e) => !baseline.has(e.key)).map((e) => ({ ...e.d, start: e.d.start - copies[i + 1].start + start }));
    return { text, ok: added.length === 0, added };
  });
}

/** The `if` statements holding the copies, found by where their blocks' contents start. */
function collectIfs(sourceFile: ts.SourceFile, starts: number[]): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIfStatement(node) && ts.isBlock(node.thenStatement) && starts.includes(node.thenStatement.statements[0]?.getStart(sourceFile) ?? -1)) found.push(node);
    else if (node.pos <= starts[starts.length - 1] && starts[0] <= node.end) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function errorsIn(snapshot: FileSnapshot, holeStart: number): AddedError[] {
  return errorsOf(snapshot, regionOf(snapshot.sourceFile, holeStart)?.nodes);
}

function errorsOf({ program, sourceFile }: FileSnapshot, region: readonly ts.Node[] | undefined): AddedError[] {
  return [...program.getSyntacticDiagnostics(sourceFile), ...(program as RegionProgram).getSemanticDiagnostics(sourceFile, undefined, region)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), start: d.start ?? 0 }));
}

/** Keys errors so that the same error matches across texts of other lengths: positions after the hole count from
 * the hole's end. */
function keyOf(d: AddedError, holeStart: number, holeLength: number): string {
  const where = d.start < holeStart ? `b${d.start}` : d.start >= holeStart + holeLength ? `a${d.start - holeStart - holeLength}` : 'in';
  return `${d.code}:${where}:${d.message}`;
}
