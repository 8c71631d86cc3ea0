/**
 * Readies what the first fill in a file needs before anyone asks: the project's usage statistics (a pass over every
 * project file), the export index of its modules, and the real program's checker warmed on the file itself (the
 * types of its declarations and imports, and what they reach in the libraries), then the file's warm checker the
 * same way (what checks candidates and completions). Without it the first completion after a project loads or an
 * edit settles spends its whole budget on that and answers nothing.
 *
 * Runs in slices of at most SLICE_MS with a turn of the event loop between, so a request waits at most one slice;
 * stops when its budget is cancelled (a newer edit, a closed file). Invariant: only caches are filled; nothing here
 * changes an answer, only how soon it comes.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { moduleIndex } from '../holes/exportIndex.js';
import { forEachDescendant, isProjectFile } from '../ts/ast.js';
import type { RegionProgram } from '../ts/regionProgram.js';
import { MAX_SPECULATIVE_CHARS, speculativeSnapshot } from '../workspace/speculative.js';
import { checksWarm, warmCheckerOf, warmedUp } from '../workspace/warmChecker.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { statsOf } from './stats.js';

/** The longest a slice runs before the event loop gets a turn (one step may run over: a statement is checked whole). */
const SLICE_MS = 20;

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

function* steps(snapshot: FileSnapshot): Generator<void> {
  const { project, program, sourceFile } = snapshot;
  yield* statsOf(project).updating(program);
  for (const sf of program.getSourceFiles()) {
    if (!sf.isDeclarationFile && isProjectFile(sf, program)) moduleIndex(sf);
  }
  yield;
  yield* checkedInSlices(program, sourceFile);
  const warm = warmSnapshotOf(snapshot);
  if (warm) yield* checkedInSlices(warm.program, warm.sourceFile);
  warmedUp(snapshot);
}

function* checkedInSlices(program: ts.Program, sourceFile: ts.SourceFile): Generator<void> {
  for (const node of checkedUnits(sourceFile)) {
    (program as RegionProgram).getSemanticDiagnostics(sourceFile, undefined, [node]);
    yield;
  }
}

/**
 * The file's own text as the warm checker checks it, where it may (not a file on an import cycle, nor one too large to
 * check again): asked before the text is parsed again.
 */
function warmSnapshotOf(snapshot: FileSnapshot): FileSnapshot | undefined {
  if (!checksWarm(snapshot) || snapshot.sourceFile.text.length > MAX_SPECULATIVE_CHARS) return undefined;
  const warm = speculativeSnapshot(snapshot, snapshot.sourceFile.text, { warm: true });
  return warmCheckerOf(warm) ? warm : undefined;
}

/** A function body longer than this is checked statement by statement before the whole (characters). */
const LARGE_BODY = 1000;

/**
 * The file's top-level statements, a class's members one by one, and before a unit that holds large function bodies
 * those bodies' statements (so on, nested): a 300-line component is checked in several slices, not one. Checking the
 * unit after its parts costs little more: the types its parts resolved are cached.
 */
export function* checkedUnits(sourceFile: ts.SourceFile): Generator<ts.Node> {
  for (const statement of sourceFile.statements) {
    if (ts.isClassDeclaration(statement)) for (const member of statement.members) yield* partsFirst(member);
    else yield* partsFirst(statement);
  }
}

function* partsFirst(unit: ts.Node): Generator<ts.Node> {
  if (unit.end - unit.pos > LARGE_BODY) {
    for (const body of largeBodies(unit)) for (const statement of body.statements) yield* partsFirst(statement);
  }
  yield unit;
}

/** The function bodies over LARGE_BODY in `unit`: its own, else the outermost ones inside it. */
function largeBodies(unit: ts.Node): ts.Block[] {
  const large = (node: ts.Node) => node.end - node.pos > LARGE_BODY;
  const own = bodyOf(unit);
  if (own && large(own)) return [own];
  const bodies: ts.Block[] = [];
  forEachDescendant(unit, (node) => {
    if (!large(node)) return 'skip';
    const body = bodyOf(node);
    if (!body) return;
    if (large(body)) bodies.push(body);
    return 'skip';
  });
  return bodies;
}

function bodyOf(node: ts.Node): ts.Block | undefined {
  const body = ts.isFunctionLike(node) ? (node as { body?: ts.Node }).body : undefined;
  return body && ts.isBlock(body) ? body : undefined;
}
