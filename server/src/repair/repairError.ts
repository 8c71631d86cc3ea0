/**
 * An error's repairs, shared while they are found (`pipeline.ts` finds them). The embedded engine's answers are kept
 * per program (a `WeakMap` of shared promises; one the deadline cut short only for askers with less time than it had),
 * so the quick-fix menu after the light bulb answers at once, and a request for an error whose repairs are being found
 * joins that work (a cancelled asker is let go at the work's next turn; the work stops when no one is left, and keeps
 * the earliest deadline among them). A request with extra sources (a model) is not shared: it is asked anew.
 * Invariant: a returned repair removes its error and adds none in the statements it can affect.
 */
import type ts from 'typescript';
import { Budget, cancellation } from '../budget.js';
import type { SpackleError } from '../errors.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { errorKey } from './fileErrors.js';
import { findRepairs } from './pipeline.js';
import type { CompilerError, RepairOptions, TargetRepairs } from './repairData.js';

export const REPAIR_DEFAULTS = { limit: 3 };

/** One who asked for repairs being found: let go with a cancellation as soon as the work sees it. */
interface Waiter {
  budget: Budget;
  reject: (error: SpackleError) => void;
}

/**
 * Repairs of one error being found, or found: the work goes on while anyone waits for it, and keeps the earliest
 * deadline of those who asked (a request joining work started ahead of it does not wait longer than its own).
 */
interface SharedRepairs {
  result: Promise<TargetRepairs>;
  waiters: Set<Waiter>;
  /** The budgets of all who asked: the work's ends at the earliest of their deadlines. */
  askers: Budget[];
  /** The deadline ended the work before every proposal was checked. */
  cutShort?: boolean;
}

/**
 * The embedded engine's repairs on a program, by error: asked again before anything changes (an editor's light bulb
 * as the cursor lands, then the quick-fix menu), or while the repairs found ahead of the request are still being
 * checked (anticipate.ts), they are answered by the same work. Not a model's (it is asked anew when the user asks),
 * nor work a cancellation stopped; an answer the deadline cut short only to askers with less time than it had (with
 * as much, another try on the warmer checker may find more).
 */
const found = new WeakMap<ts.Program, Map<string, SharedRepairs>>();

/**
 * The verified repairs of one error, best first: each extra source's (the model, with error rounds), then the
 * embedded engine's proposals for the error's hole, ranked by closeness to the erroneous text and by the usual
 * ranker, checked in speculative programs in rank order until `limit` hold or the deadline passes. Without extra
 * sources, the work is shared with whoever asks the same of the same program (`found`).
 */
export function repairError(
  base: FileSnapshot,
  target: CompilerError,
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs> {
  const limit = options.limit ?? REPAIR_DEFAULTS.limit;
  if (options.sources?.length) return findRepairs(base, target, limit, options, budget);
  return new Promise((resolve, reject) => {
    const waiter = { budget, reject };
    const { result, waiters } = sharedRepairs(base, target, limit, options, waiter);
    result.then(
      (r) => {
        waiters.delete(waiter);
        resolve(r);
      },
      (e) => {
        waiters.delete(waiter);
        reject(e);
      },
    );
  });
}

/**
 * The work on an error's repairs on this program, started unless it is under way or done; `waiter` waits for it from
 * now on (before the work's first step asks whether anyone does).
 */
function sharedRepairs(
  base: FileSnapshot,
  target: CompilerError,
  limit: number,
  options: RepairOptions,
  waiter: Waiter,
): SharedRepairs {
  const key = `${limit}:${errorKey(target)}`;
  if (!found.has(base.program)) found.set(base.program, new Map());
  const known = found.get(base.program)!;
  const kept = known.get(key);
  const { budget } = waiter;
  if (kept && !(kept.cutShort && budget.ms >= Math.min(...kept.askers.map((b) => b.ms)))) {
    kept.askers.push(budget);
    kept.waiters.add(waiter);
    return kept;
  }
  const waiters = new Set<Waiter>([waiter]);
  // At each turn of the work, those cancelled meanwhile are let go; it stops when no one is left.
  const wanted = () => {
    for (const w of waiters) {
      if (!w.budget.isCancelled()) continue;
      waiters.delete(w);
      w.reject(cancellation());
    }
    return waiters.size > 0;
  };
  const askers = [budget];
  const result = findRepairs(
    base,
    target,
    limit,
    options,
    Budget.earliestOf(askers, () => !wanted()),
  );
  const shared: SharedRepairs = { result, waiters, askers };
  known.set(key, shared);
  result.then(
    (r) => {
      shared.cutShort = r.stats.timedOut;
    },
    () => {
      if (known.get(key) === shared) known.delete(key);
    },
  );
  return shared;
}
