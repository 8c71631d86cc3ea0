import ts from 'typescript';
import { repairsAt, sameError } from '../../server/src/repair/repair.js';
import type { TargetRepairs, TextChange } from '../../server/src/repair/types.js';
import { proveChanges } from '../../server/src/repair/verify.js';
import type { Workspace } from '../../server/src/workspace/workspace.js';
import { MadeMutation, mutatedText } from './mutations.js';

/** The server's defaults: 3 actions per error, the fill deadline of 150 ms. */
export const SERVED = { limit: 3, deadlineMs: 150 };

/** One of TypeScript's code fixes, as changes to the mutated file (or a note that it changes other files). */
export interface PeerFix {
  description: string;
  fixName: string;
  changes: TextChange[];
  /** It edits other files too (declares the member in its interface, say): not applied, not counted as fixed. */
  otherFiles: boolean;
}

export interface RepairTiming {
  result?: TargetRepairs;
  error?: string;
  peerFixes: PeerFix[];
  /** Code actions at the error's range (what the server runs: finding the errors there and repairing them), after
   * the program was brought up to date. */
  readyMs: number;
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
 * TypeScript's code fixes at the same error; each four ways: after an edit (program update included) and with the
 * program up to date, each time after a version bump so that each pays for a fresh checker. `oursFirst` alternates
 * the order, so neither always runs on a warmer cache. The file's text is restored afterwards.
 */
export async function measureRepair(workspace: Workspace, mutation: MadeMutation, original: string, oursFirst: boolean): Promise<RepairTiming> {
  const { file, target } = mutation;
  const text = mutatedText(mutation, original);
  const service = workspace.projectFor(file).service;
  const timing: RepairTiming = { peerFixes: [], readyMs: NaN, coldMs: NaN, peerReadyMs: NaN, peerColdMs: NaN };
  const ours = async (ready: boolean) => {
    workspace.change(file, text);
    if (ready) workspace.snapshot(file);
    const started = performance.now();
    try {
      const snapshot = workspace.snapshot(file);
      const results = await repairsAt(snapshot, target.start, target.end, [], SERVED);
      const ms = performance.now() - started;
      const result = results.find((r) => sameError(r.target, target));
      if (!ready) return void (timing.coldMs = ms);
      timing.readyMs = ms;
      timing.result = result;
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
  const peer = (ready: boolean) => {
    workspace.change(file, text);
    if (ready) service.getProgram();
    const started = performance.now();
    let fixes: readonly ts.CodeFixAction[] = [];
    try {
      fixes = service.getCodeFixesAtPosition(file, target.start, target.end, [target.code], ts.getDefaultFormatCodeSettings(), {});
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
      changes: fix.changes.filter((c) => c.fileName === file).flatMap((c) => c.textChanges.map((t) => ({ start: t.span.start, end: t.span.start + t.span.length, text: t.newText }))),
      otherFiles: fix.changes.some((c) => c.fileName !== file),
    }));
  };
  try {
    for (const ready of [false, true]) {
      if (oursFirst) { await ours(ready); peer(ready); }
      else { peer(ready); await ours(ready); }
    }
  } finally {
    workspace.change(file, original);
  }
  return timing;
}
