/**
 * What code actions at a range offer: the repairable errors touching it (found by checking only the statements
 * around it) and those the editor names, nearest first, each with its verified repairs (`repairError.ts`).
 */
import type { Budget } from '../budget.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { distinct, errorsAround } from './fileErrors.js';
import type { CompilerError, RepairOptions, TargetRepairs } from './repairData.js';
import { repairError } from './repairError.js';
import { REPAIRABLE_CODES } from './repairSite.js';

/** An error the editor already knows of (from its TypeScript server): repaired too, wherever it is. */
export interface KnownError {
  start: number;
  end: number;
  code: number;
}

/** Errors repaired per request at most, the nearest to the range first: each costs a speculative program. */
const MAX_ERRORS = 3;

/**
 * The repairs of the errors at `range` and of those `known`, nearest first, `MAX_ERRORS` at most. The extra sources
 * (a model: slow) are asked about the nearest error only.
 */
export async function repairsAt(
  base: FileSnapshot,
  range: { start: number; end: number },
  known: KnownError[],
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs[]> {
  const { start, end } = range;
  const around = [range, ...known].flatMap((span) => errorsAround(base, span.start, span.end));
  const wanted = (e: CompilerError) =>
    REPAIRABLE_CODES.has(e.code) && ((e.start <= end && start <= e.end) || known.some((k) => sameError(k, e)));
  const targets = distinct(around.filter(wanted))
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start))
    .slice(0, MAX_ERRORS);
  const out: TargetRepairs[] = [];
  // Each error has the budget's allowance from when its turn comes.
  for (const [i, target] of targets.entries()) {
    out.push(await repairError(base, target, i === 0 ? options : { ...options, sources: [] }, budget.restarted()));
  }
  return out;
}

export function sameError(a: KnownError, b: KnownError): boolean {
  return a.code === b.code && a.start === b.start && a.end === b.end;
}
