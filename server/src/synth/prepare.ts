/**
 * Readies what the first fill in a file needs before anyone asks: the project's usage statistics (a pass over every
 * project file), the export index of its modules, and the real program's checker warmed on the file itself (the
 * types of its declarations and imports, and what they reach in the libraries). Without it the first completion
 * after a project loads or an edit settles spends its whole budget on that and answers nothing.
 *
 * Runs in slices of at most SLICE_MS with a turn of the event loop between, so a request waits at most one slice;
 * stops when its budget is cancelled (a newer edit, a closed file). Invariant: only caches are filled; nothing here
 * changes an answer, only how soon it comes.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { moduleIndex } from '../holes/exportIndex.js';
import { isProjectFile } from '../ts/ast.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { statsOf } from './stats.js';

/** The longest a slice runs before the event loop gets a turn (one step may run over: a statement is checked whole). */
const SLICE_MS = 20;

/** Region checking: `getSemanticDiagnostics` checks only `nodesToCheck` when given (internal; TypeScript's own). */
type RegionProgram = ts.Program & {
  getSemanticDiagnostics(
    sourceFile: ts.SourceFile,
    token?: ts.CancellationToken,
    nodesToCheck?: readonly ts.Node[],
  ): readonly ts.Diagnostic[];
};

export interface Preparation {
  /** Wall-clock time of the whole work, ms. */
  ms: number;
  /** Slices it ran in, and the longest, ms: how long a request could have waited for it. */
  slices: number;
  longestSliceMs: number;
}

export async function prepareFills(snapshot: FileSnapshot, budget = Budget.unlimited): Promise<Preparation> {
  const started = performance.now();
  let slices = 0;
  let longest = 0;
  let sliceStart = performance.now();
  for (const _step of steps(snapshot)) {
    if (performance.now() - sliceStart < SLICE_MS) continue;
    longest = Math.max(longest, performance.now() - sliceStart);
    slices++;
    await budget.turn();
    sliceStart = performance.now();
  }
  longest = Math.max(longest, performance.now() - sliceStart);
  return { ms: performance.now() - started, slices: slices + 1, longestSliceMs: longest };
}

function* steps({ project, program, sourceFile }: FileSnapshot): Generator<void> {
  yield* statsOf(project).updating(program);
  for (const sf of program.getSourceFiles()) {
    if (!sf.isDeclarationFile && isProjectFile(sf, program)) moduleIndex(sf);
  }
  yield;
  for (const node of checkedUnits(sourceFile)) {
    (program as RegionProgram).getSemanticDiagnostics(sourceFile, undefined, [node]);
    yield;
  }
}

/** The file's top-level statements, a class's members one by one (a large class is checked in several slices). */
function* checkedUnits(sourceFile: ts.SourceFile): Generator<ts.Node> {
  for (const statement of sourceFile.statements) {
    if (ts.isClassDeclaration(statement)) yield* statement.members;
    else yield statement;
  }
}
