/**
 * Timing one context site: tsserver's completion and `holeContextAt` at the hole, each on a program of its own after an
 * edit (as after a keystroke), in alternating order so neither always runs on a warmer cache.
 */
import { holeContextAt } from '../../server/src/holes/context.js';
import type { HoleContext } from '../../server/src/holes/holeData.js';
import type { Workspace } from '../../server/src/workspace/workspace.js';
import { Site, withHole } from './sites.js';

export interface SiteTiming {
  completionMs: number;
  contextMs: number;
  context?: HoleContext;
  /** Why holeContextAt refused or failed. */
  error?: string;
}

/**
 * Puts the hole into the file, then times tsserver's completion and holeContextAt at the hole, each on a program
 * of its own: the file's version is bumped between the two, so each pays its program update and a fresh checker,
 * as after a keystroke. `contextFirst` alternates the order, so neither always runs on a warmer cache. The file's
 * text is restored afterwards.
 */
export function measureSite(workspace: Workspace, site: Site, original: string, contextFirst: boolean): SiteTiming {
  const service = workspace.projectFor(site.file).service;
  const edited = withHole(site, original);
  const timing: SiteTiming = { completionMs: NaN, contextMs: NaN };
  const completion = () => {
    timing.completionMs = elapsed(() => service.getCompletionsAtPosition(site.file, site.start, {}));
  };
  const context = () => {
    const started = performance.now();
    try {
      timing.context = holeContextAt(workspace, site.file, site.start);
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error);
    }
    timing.contextMs = performance.now() - started;
  };
  const [first, second] = contextFirst ? [context, completion] : [completion, context];
  try {
    workspace.change(site.file, edited);
    first();
    workspace.change(site.file, edited);
    second();
  } finally {
    workspace.change(site.file, original);
  }
  return timing;
}

export function elapsed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}
