/**
 * One error's repairs, in phases that hand data on: the error's site, a hole of a family (`repairSite.ts`) → the
 * extra sources asked at once, answering meanwhile, and the embedded proposals ranked (`sources.ts`) → the embedded
 * ones checked in batches in rank order until `limit` hold or the deadline passes (`checkProposals.ts`) → the
 * result, the extra sources' repairs first. Gives the event loop a turn between speculative programs, so that
 * requests are served meanwhile and a cancellation can stop it.
 */
import type { Budget } from '../budget.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { checkProposals, ENOUGH } from './checkProposals.js';
import { repairOf } from './describe.js';
import type { Proposal } from './proposals.js';
import type { CompilerError, Repair, RepairOptions, TargetRepairs } from './repairData.js';
import { RepairSite, repairSite } from './repairSite.js';
import { embeddedProposals, sourceRepairs } from './sources.js';

/** Proposals checked together, in multiples of the limit: one speculative program checks a batch at little more
 * than the cost of one, and most proposals fail. */
const BATCH = 2;
/** Past this many, the proposals are far from the erroneous text and rarely hold: the rest are not checked. */
const MAX_CHECKED = 36;

/** What checking the embedded proposals found, and what it cost. */
interface Checked {
  /** Those that hold, best first. */
  repairs: Repair[];
  /** Checked in a program. */
  checked: number;
  /** Decided by their types alone. */
  byType: number;
  timedOut: boolean;
}

const NOTHING_CHECKED: Checked = { repairs: [], checked: 0, byType: 0, timedOut: false };

/** The verified repairs of `target`, best first: each extra source's, then the embedded engine's, `limit` at most. */
export async function findRepairs(
  base: FileSnapshot,
  target: CompilerError,
  limit: number,
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs> {
  const started = performance.now();
  const site = repairSite(base, target, budget);
  if (typeof site === 'string') return withStats({ target, repairs: [], reason: site }, 0, NOTHING_CHECKED, started);
  const sourced = sourceRepairs(base, site, options.sources ?? [], budget);
  const proposals = embeddedProposals(base, site);
  await budget.turn();
  const checked = await checkInBatches(base, site, proposals, limit, budget);
  // A configured model leads: it read the code around the error, the ranker only counted it.
  const fromSources = await sourced;
  const repairs = [...fromSources, ...checked.repairs.filter((r) => !fromSources.some((s) => s.text === r.text))];
  const reason = repairs.length
    ? undefined
    : checked.timedOut
      ? 'no repair verified before the deadline'
      : proposals.length || fromSources.length
        ? 'no candidate removes the error without adding another'
        : 'no candidate';
  const found = { target, family: site.family, repairs: repairs.slice(0, limit), reason };
  return withStats(found, proposals.length, checked, started);
}

/** The proposals checked a batch at a time, in rank order, until `limit` hold or the deadline passes. */
async function checkInBatches(
  base: FileSnapshot,
  site: RepairSite,
  proposals: Proposal[],
  limit: number,
  budget: Budget,
): Promise<Checked> {
  const out: Checked = { ...NOTHING_CHECKED, repairs: [] };
  for (let i = 0; i < Math.min(proposals.length, MAX_CHECKED) && out.repairs.length < limit; i += BATCH * limit) {
    // The best proposals are checked whatever finding them cost (a large type is slow to read): an answer a little
    // late beats none. Later batches only within the deadline.
    const batchBudget = i === 0 ? budget.atLeast(budget.ms / 2) : budget;
    if (performance.now() > batchBudget.deadline) {
      out.timedOut = true;
      break;
    }
    const batch = proposals.slice(i, i + BATCH * limit);
    const checks = await checkProposals(base, site, batch, limit - out.repairs.length, batchBudget);
    out.checked += checks.filter((c) => !c.unchecked && !c.byType && c !== ENOUGH).length;
    out.byType += checks.filter((c) => c.byType).length;
    if (checks.some((c) => c.unchecked)) out.timedOut = true;
    checks.forEach((check, j) => {
      if (check.ok) out.repairs.push(repairOf(site, batch[j]));
    });
    // An import of the very name written is what the code meant: nothing ranked below it is needed.
    if (batch.some((p, j) => p.extra && p.text === site.wrong && checks[j].ok)) break;
  }
  out.repairs.sort((a, b) => b.score - a.score);
  return out;
}

function withStats(
  found: Omit<TargetRepairs, 'stats'>,
  candidates: number,
  { checked, byType, timedOut }: Checked,
  started: number,
): TargetRepairs {
  const ms = Math.round((performance.now() - started) * 10) / 10;
  return { ...found, stats: { candidates, checked, byType, ms, timedOut } };
}
