/**
 * Timing one fill site: `fillHole` at the hole against tsserver's completion where the expression was removed, each
 * after an edit (so each pays its program update, as after a keystroke), in alternating order.
 */
import { Budget } from '../../server/src/budget.js';
import ts from 'typescript';
import { fillHole } from '../../server/src/synth/fill.js';
import type { FillResult } from '../../server/src/synth/fillData.js';
import type { Workspace } from '../../server/src/workspace/workspace.js';
import { elapsed } from './measure.js';
import { Site, withHole } from './sites.js';

export interface FillTiming {
  fillMs: number;
  completionMs: number;
  result?: FillResult;
  /** Why fillHole refused or failed. */
  error?: string;
  /** The name of tsserver's first completion, by sortText then name. */
  peerFirst?: string;
}

/** The file without the removed expression: where an editor's cursor is before anything is typed. */
export function withoutExpression(site: Site, text: string): string {
  return withHole({ ...site, replacement: '' }, text);
}

/**
 * Times fillHole on the file with the site's hole and tsserver's completion on the file with the expression removed
 * (for a member site both are the bare `expr.`), each after an edit, so each pays its program update as after a
 * keystroke; `fillFirst` alternates the order. The file's text is restored afterwards.
 */
export function measureFill(
  workspace: Workspace,
  site: Site,
  original: string,
  deadlineMs: number,
  fillFirst: boolean,
): FillTiming {
  const service = workspace.projectFor(site.file).service;
  const timing: FillTiming = { fillMs: NaN, completionMs: NaN };
  const fill = () => {
    workspace.change(site.file, withHole(site, original));
    const started = performance.now();
    try {
      // The deadline starts once the program is up to date, as the server's does.
      workspace.snapshot(site.file);
      timing.result = fillHole(workspace, site.file, site.start, { limit: 5 }, Budget.of(deadlineMs));
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error);
    }
    timing.fillMs = performance.now() - started;
  };
  const completion = () => {
    workspace.change(site.file, withoutExpression(site, original));
    let entries: readonly ts.CompletionEntry[] = [];
    timing.completionMs = elapsed(() => {
      entries = service.getCompletionsAtPosition(site.file, site.start, {})?.entries ?? [];
    });
    timing.peerFirst = firstBySortText(entries)?.name;
  };
  try {
    for (const step of fillFirst ? [fill, completion] : [completion, fill]) step();
  } finally {
    workspace.change(site.file, original);
  }
  return timing;
}

function firstBySortText(entries: readonly ts.CompletionEntry[]): ts.CompletionEntry | undefined {
  let first: ts.CompletionEntry | undefined;
  for (const entry of entries) {
    if (
      !first ||
      entry.sortText < first.sortText ||
      (entry.sortText === first.sortText && entry.name.localeCompare(first.name) < 0)
    )
      first = entry;
  }
  return first;
}
