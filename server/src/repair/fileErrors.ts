/**
 * The compiler errors a repair targets, as plain data: of a whole file, or around a range (only the innermost
 * statements there are checked, not the file), keyed to compare them across programs.
 */
import ts from 'typescript';
import { isStatementList } from '../check/region.js';
import { forEachDescendant } from '../ts/ast.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import type { CompilerError } from './repairData.js';

/**
 * `getSemanticDiagnostics` checks only `nodesToCheck` when given (internal; TypeScript's region diagnostics use it).
 */
type RegionChecking = (
  sourceFile: ts.SourceFile,
  token?: ts.CancellationToken,
  nodesToCheck?: readonly ts.Node[],
) => readonly ts.Diagnostic[];

/**
 * The errors (syntactic and semantic) of a file, or of some of its statements only. A region check answers with every
 * error the checker has found in the file so far (statements checked before, by anyone): only those within the
 * nodes asked about are theirs.
 */
export function fileErrors({ program, sourceFile }: FileSnapshot, nodes?: readonly ts.Node[]): CompilerError[] {
  const semantic = (program.getSemanticDiagnostics as RegionChecking).call(program, sourceFile, undefined, nodes);
  const within = (d: ts.Diagnostic) =>
    !nodes || nodes.some((n) => d.start !== undefined && n.pos <= d.start && d.start <= n.end);
  return [...program.getSyntacticDiagnostics(sourceFile), ...semantic.filter(within)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file === sourceFile)
    .map(plainError);
}

/**
 * The errors touching `start..end`, found by checking only the innermost statements around the span: an editor asks
 * for code actions on every cursor move, and a large module is checked in tens of milliseconds, a statement in a few.
 */
export function errorsAround(snapshot: FileSnapshot, start: number, end: number): CompilerError[] {
  const nodes = statementsOver(snapshot.sourceFile, start, end);
  if (!nodes.length) return [];
  return fileErrors(snapshot, nodes).filter((e) => e.start <= end && start <= e.end);
}

/** One error told from another: the same error at the same place. */
export function errorKey(e: CompilerError): string {
  return `${e.code}:${e.start}:${e.end}:${e.message}`;
}

/** Each error once: the checker may report one twice (at one place, with one message). */
export function distinct(errors: CompilerError[]): CompilerError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(errorKey(e)) && seen.add(errorKey(e)));
}

export function plainError(d: ts.Diagnostic): CompilerError {
  const start = d.start ?? 0;
  return {
    code: d.code,
    start,
    end: start + (d.length ?? 0),
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  };
}

/** The innermost statements of one statement list that together cover `start..end`. */
export function statementsOver(sourceFile: ts.SourceFile, start: number, end: number): ts.Statement[] {
  let list: readonly ts.Statement[] = sourceFile.statements;
  let chosen: ts.Statement[] = [];
  for (;;) {
    const over = list.filter((s) => s.getStart(sourceFile) <= end && start <= s.end);
    if (over.length !== 1) return over.length ? over : chosen;
    chosen = over;
    const inner = innerList(over[0], start, end);
    if (!inner) return chosen;
    list = inner;
  }
}

/** The outermost statement list inside `node` (not `node` itself) that contains the span. */
function innerList(node: ts.Node, start: number, end: number): readonly ts.Statement[] | undefined {
  let found: readonly ts.Statement[] | undefined;
  forEachDescendant(node, (child) => {
    if (child.pos > start || end > child.end) return 'skip';
    if (!isStatementList(child)) return;
    found = (child as ts.Block).statements;
    return 'stop';
  });
  return found;
}
