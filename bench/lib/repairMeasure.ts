/**
 * Timing the repairs at one error as the server serves them (repairs ahead once the edit settles, the code action
 * arriving during that work) and TypeScript's code fixes at the same error.
 */
import { Budget } from '../../server/src/budget.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ts from 'typescript';
import { anticipateRepairs } from '../../server/src/repair/anticipate.js';
import { repairsAt, sameError } from '../../server/src/repair/repairError.js';
import type { TargetRepairs, TextChange } from '../../server/src/repair/repairData.js';
import { proveChanges } from '../../server/src/repair/verify.js';
import type { Workspace } from '../../server/src/workspace/workspace.js';
import { MadeMutation, mutatedText } from './mutations.js';

/**
 * When a request arrives during the work on a settled edit, in ms after it starts: early, so that it joins the work.
 */
export const JOIN_AFTER_MS = 50;

/** The server's defaults: 3 actions per error, the fill deadline of 150 ms. */
export const SERVED = { limit: 3, deadlineMs: 150 };
/** The budget of one error's repairs as the server gives it. */
const served = () => Budget.of(SERVED.deadlineMs);

/** One of TypeScript's code fixes, as changes to the mutated file (or a note that it changes other files). */
export interface PeerFix {
  description: string;
  fixName: string;
  changes: TextChange[];
  /** It edits other files too (declares the member in its interface, say): not applied, not counted as fixed. */
  otherFiles: boolean;
}

export interface RepairTiming {
  /** What code actions gave once the edit had settled (the repairs found ahead): judged. */
  result?: TargetRepairs;
  /** What they gave on a fresh checker, asked before that work. */
  freshResult?: TargetRepairs;
  error?: string;
  peerFixes: PeerFix[];
  /** Code actions at the error's range (what the server runs: finding the errors there and repairing them), after
   * the program was brought up to date, on its fresh checker: asked the moment the edit is made. */
  readyMs: number;
  /** The same once the edit has settled and the server has repaired ahead the errors it left, as an editor asks. */
  settledMs: number;
  /** The same asked while that work is under way (`JOIN_AFTER_MS` into it), from then to the answer. */
  joiningMs: number;
  /** That work ahead: its wall-clock time, the longest the event loop was blocked meanwhile, whether it found the
   * error. */
  ahead: { ms: number; blockedMs: number; found: boolean };
  /** The same including the program update after the edit. */
  coldMs: number;
  /** TypeScript's getCodeFixesAtPosition, likewise. */
  peerReadyMs: number;
  peerColdMs: number;
  /** Why getCodeFixesAtPosition threw. */
  peerError?: string;
  /** codeAction/resolve of the first action: the proof on the whole file. */
  resolveMs?: number;
}

/**
 * Puts the mutation into the file and asks for repairs of its error, as the server's code actions do, and for
 * TypeScript's code fixes at the same error; each two ways, each after a version bump so that each pays for a fresh
 * checker: after an edit (program update included) and with the program up to date. `oursFirst` alternates the
 * order, so neither always runs on a warmer cache. Then once more as an editor sees it: the edit made, the server's
 * work once it settles (the errors it left repaired ahead), then the code actions. The file's text is restored
 * afterwards.
 */
export async function measureRepair(
  workspace: Workspace,
  mutation: MadeMutation,
  original: string,
  oursFirst: boolean,
): Promise<RepairTiming> {
  const { file, target } = mutation;
  const text = mutatedText(mutation, original);
  const service = workspace.projectFor(file).service;
  const timing: RepairTiming = {
    peerFixes: [],
    readyMs: NaN,
    settledMs: NaN,
    joiningMs: NaN,
    ahead: { ms: NaN, blockedMs: NaN, found: false },
    coldMs: NaN,
    peerReadyMs: NaN,
    peerColdMs: NaN,
  };
  const ours = async (ready: boolean) => {
    workspace.change(file, text);
    if (ready) workspace.snapshot(file);
    const started = performance.now();
    try {
      const snapshot = workspace.snapshot(file);
      const results = await repairsAt(snapshot, target.start, target.end, [], { limit: SERVED.limit }, served());
      const ms = performance.now() - started;
      if (!ready) return void (timing.coldMs = ms);
      timing.readyMs = ms;
      timing.freshResult = results.find((r) => sameError(r.target, target));
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error);
    }
  };
  const settled = async () => {
    workspace.change(file, text);
    try {
      const snapshot = workspace.snapshot(file);
      const blocked = monitorEventLoopDelay({ resolution: 5 });
      blocked.enable();
      const ahead = await anticipateRepairs(snapshot, original, { limit: SERVED.limit }, Budget.unlimited).finally(() =>
        blocked.disable(),
      );
      timing.ahead = {
        ms: ahead.ms,
        blockedMs: blocked.max / 1e6,
        found: ahead.repaired.some((r) => sameError(r.target, target)),
      };
      const started = performance.now();
      const results = await repairsAt(snapshot, target.start, target.end, [], { limit: SERVED.limit }, served());
      timing.settledMs = performance.now() - started;
      const result = (timing.result = results.find((r) => sameError(r.target, target)));
      const first = result?.repairs[0];
      if (first) {
        const proving = performance.now();
        proveChanges(snapshot, first.changes, [target], 'file');
        timing.resolveMs = performance.now() - proving;
      }
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error);
    }
  };
  // A request arriving during the work: it waits for the slice under way, then joins the work (at its own deadline).
  const joining = async () => {
    workspace.change(file, text);
    const snapshot = workspace.snapshot(file);
    const ahead = anticipateRepairs(snapshot, original, { limit: SERVED.limit }, Budget.unlimited).catch(
      () => undefined,
    );
    const asked = performance.now() + JOIN_AFTER_MS;
    await new Promise((resolve) => setTimeout(resolve, JOIN_AFTER_MS));
    try {
      await repairsAt(snapshot, target.start, target.end, [], { limit: SERVED.limit }, Budget.of(SERVED.deadlineMs));
      timing.joiningMs = performance.now() - asked;
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error);
    }
    await ahead;
  };
  const peer = (ready: boolean) => {
    workspace.change(file, text);
    if (ready) service.getProgram();
    const started = performance.now();
    let fixes: readonly ts.CodeFixAction[] = [];
    try {
      fixes = service.getCodeFixesAtPosition(
        file,
        target.start,
        target.end,
        [target.code],
        ts.getDefaultFormatCodeSettings(),
        {},
      );
    } catch (error) {
      // TypeScript's own fixes throw at some errors (an internal bug): no fix, as an editor would show.
      timing.peerError = error instanceof Error ? error.message : String(error);
    }
    const ms = performance.now() - started;
    if (!ready) return void (timing.peerColdMs = ms);
    timing.peerReadyMs = ms;
    timing.peerFixes = fixes.map((fix) => ({
      description: fix.description,
      fixName: fix.fixName,
      changes: fix.changes
        .filter((c) => c.fileName === file)
        .flatMap((c) =>
          c.textChanges.map((t) => ({ start: t.span.start, end: t.span.start + t.span.length, text: t.newText })),
        ),
      otherFiles: fix.changes.some((c) => c.fileName !== file),
    }));
  };
  try {
    for (const ready of [false, true]) {
      if (oursFirst) {
        await ours(ready);
        peer(ready);
      } else {
        peer(ready);
        await ours(ready);
      }
    }
    await settled();
    await joining();
  } finally {
    workspace.change(file, original);
  }
  return timing;
}
