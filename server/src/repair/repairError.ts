/**
 * Repairs of compiler errors: `repairsAt` finds the errors around the range (`errors.ts`), `site.ts` turns each into a
 * hole of a family, proposals come from `names.ts` and `expressions.ts`, and `verify.ts` checks them in rank order;
 * extra candidate sources (`CandidateSource`: the model) are asked at once, answer while the embedded proposals are
 * checked, go again with the errors of their rejected texts (error rounds), and their verified repairs lead. The
 * embedded engine's answers are kept per program (a `WeakMap` of shared promises; one the deadline cut short only for
 * askers with less time than it had), so the quick-fix menu after the light bulb answers at once, and a request for an
 * error whose repairs are being found joins that work (a cancelled asker is let go at the work's next turn; the work
 * stops when no one is left, and keeps the earliest deadline among them). Invariant: a returned repair removes its
 * error and adds none in the statements it can affect.
 */
import type ts from 'typescript';
import { Budget, cancellation } from '../budget.js';
import type { SpackleError } from '../errors.js';
import { typeText } from '../ts/ast.js';
import { targetName } from '../holes/site.js';
import { RankingContext } from '../synth/rank.js';
import { usageStats } from '../synth/stats.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { closeness } from './closeness.js';
import { describe, narrowed } from './describe.js';
import { arityProposals, expressionProposals } from './expressions.js';
import { memberProposals, nameProposals } from './names.js';
import { CLOSENESS_WEIGHT, Proposal, rankedProposals } from './proposals.js';
import { distinct, errorKey, errorsAround } from './fileErrors.js';
import { RepairSite, repairSite, REPAIRABLE_CODES, usesOf } from './repairSite.js';
import type {
  CandidateSource,
  CompilerError,
  Repair,
  RepairOptions,
  RepairRequest,
  TargetRepairs,
} from './repairData.js';
import { Check, checkHoleTexts, PROVEN, proveChanges, typeVerdicts, UNCHECKED } from './verify.js';

export const REPAIR_DEFAULTS = { limit: 3 };
/** Proposals checked together, in multiples of the limit: one speculative program checks a batch at little more
 * than the cost of one, and most proposals fail. */
const BATCH = 2;
/** Past this many, the proposals are far from the erroneous text and rarely hold: the rest are not checked. */
const MAX_CHECKED = 36;

const ENOUGH: Check = { ok: false, errors: ['enough repairs hold already'] };

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
 * ranker, checked in speculative programs in rank order until `limit` hold or the deadline passes. The sources are
 * asked at once and answer while the embedded proposals are checked. Gives the event loop a turn between speculative
 * programs, so that requests are served meanwhile and a cancellation can stop it.
 */
export function repairError(
  base: FileSnapshot,
  target: CompilerError,
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs> {
  const limit = options.limit ?? REPAIR_DEFAULTS.limit;
  if (options.sources?.length) return repairErrorNow(base, target, limit, options, budget);
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
  const result = repairErrorNow(
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

async function repairErrorNow(
  base: FileSnapshot,
  target: CompilerError,
  limit: number,
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs> {
  const started = performance.now();
  const stats = { candidates: 0, checked: 0, byType: 0, ms: 0, timedOut: false };
  const done = (result: Omit<TargetRepairs, 'stats'>): TargetRepairs => ({
    ...result,
    stats: { ...stats, ms: Math.round((performance.now() - started) * 10) / 10 },
  });
  const site = repairSite(base, target, budget);
  if (typeof site === 'string') return done({ target, repairs: [], reason: site });
  const ranking: RankingContext = {
    stats: usageStats(base.project, base.program),
    targetName:
      site.family === 'type' || site.family === 'literal' ? targetName(site.node as ts.Expression) : undefined,
    prefix: '',
  };
  const sourced = Promise.all((options.sources ?? []).map((source) => fromSource(base, site, source, budget)));
  sourced.catch(() => {}); // a cancellation is seen below too; the embedded work must not leave it unhandled
  const proposals = rankedProposals(embeddedProposals(base, site, ranking));
  stats.candidates = proposals.length;
  await budget.turn();

  const repairs: Repair[] = [];
  for (let i = 0; i < Math.min(proposals.length, MAX_CHECKED) && repairs.length < limit; i += BATCH * limit) {
    // The best proposals are checked whatever finding them cost (a large type is slow to read): an answer a little
    // late beats none. Later batches only within the deadline.
    const batchBudget = i === 0 ? budget.atLeast(budget.ms / 2) : budget;
    if (performance.now() > batchBudget.deadline) {
      stats.timedOut = true;
      break;
    }
    const batch = proposals.slice(i, i + BATCH * limit);
    const checks = await checkProposals(base, site, batch, limit - repairs.length, batchBudget);
    stats.checked += checks.filter((c) => !c.unchecked && !c.byType && c !== ENOUGH).length;
    stats.byType += checks.filter((c) => c.byType).length;
    if (checks.some((c) => c.unchecked)) stats.timedOut = true;
    checks.forEach((check, j) => {
      if (check.ok) repairs.push(repairOf(site, batch[j]));
    });
    if (batch.some((p, j) => p.extra && p.text === site.wrong && checks[j].ok)) break;
  }
  repairs.sort((a, b) => b.score - a.score);
  // A configured model leads: it read the code around the error, the ranker only counted it.
  const fromSources = (await sourced).flat();
  const all = [...fromSources, ...repairs.filter((r) => !fromSources.some((s) => s.text === r.text))];
  const reason = all.length
    ? undefined
    : stats.timedOut
      ? 'no repair verified before the deadline'
      : proposals.length || fromSources.length
        ? 'no candidate removes the error without adding another'
        : 'no candidate';
  return done({ target, family: site.family, repairs: all.slice(0, limit), reason });
}

/** An error the editor already knows of (from its TypeScript server): repaired too, wherever it is. */
export interface KnownError {
  start: number;
  end: number;
  code: number;
}

/** Errors repaired per request at most, the nearest to the range first: each costs a speculative program. */
const MAX_ERRORS = 3;

/**
 * What code actions at `start..end` offer: the repairable errors touching the range (found by checking only the
 * statements around it) and those the editor names, nearest first, each with its verified repairs. The extra sources
 * (a model: slow) are asked about the nearest error only.
 */
export async function repairsAt(
  base: FileSnapshot,
  start: number,
  end: number,
  known: KnownError[],
  options: RepairOptions,
  budget: Budget,
): Promise<TargetRepairs[]> {
  const around = [{ start, end }, ...known].flatMap((span) => errorsAround(base, span.start, span.end));
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

function embeddedProposals(base: FileSnapshot, site: RepairSite, ranking: RankingContext): Proposal[] {
  switch (site.family) {
    case 'member':
      return memberProposals(site, ranking);
    case 'name':
      return nameProposals(base, site, ranking);
    case 'arity':
      return arityProposals(site, ranking);
    default:
      return expressionProposals(site, ranking);
  }
}

/**
 * A proposal with another change (an import) is proven on its own, first, with the uses of the name it imports; an
 * import of the very name that holds is what the code meant, and near names are not checked after it. Then the texts
 * for the hole, together, unless their types decide (`typeVerdicts`); where a text reaches past the
 * statements that checks (`site.reach`), the ones that pass are proven again there, best first, until `wanted` hold.
 */
async function checkProposals(
  base: FileSnapshot,
  site: RepairSite,
  proposals: Proposal[],
  wanted: number,
  budget: Budget,
): Promise<Check[]> {
  const late = () => performance.now() > budget.deadline;
  const proven = new Map<Proposal, Check>();
  for (const p of proposals.filter((q) => q.extra)) {
    proven.set(
      p,
      late()
        ? UNCHECKED
        : proveChanges(base, repairOf(site, p).changes, [site.target], { alsoAt: usesOf(base.sourceFile, p.text) }),
    );
    await budget.turn();
  }
  const imported = [...proven].some(([p, check]) => check.ok && p.text === site.wrong);
  const plain = imported ? [] : proposals.filter((p) => !p.extra);
  // What the types decide needs no program: those proven hold, those refuted fail. Once `wanted` proven ones lead,
  // what ranks below them is not needed; only the undecided ones ranked above them are checked.
  const { proven: byType, refuted } = typeVerdicts(
    site,
    plain.map((p) => p.text),
  );
  let held = [...proven.values()].filter((c) => c.ok).length;
  const cut = plain.findIndex((p) => byType.has(p.text) && ++held >= wanted);
  const needed = (cut < 0 ? plain : plain.slice(0, cut + 1)).filter((p) => !byType.has(p.text) && !refuted.has(p.text));
  const checked = new Map(
    checkHoleTexts(
      base,
      site,
      needed.map((p) => p.text),
      budget,
    ).map((c, i) => [needed[i], c]),
  );
  await budget.turn();
  for (const p of plain) {
    const why = refuted.get(p.text);
    checked.set(
      p,
      byType.has(p.text) ? PROVEN : why ? { ok: false, errors: [why], byType: true } : (checked.get(p) ?? ENOUGH),
    );
  }
  if (site.reach) {
    held = [...proven.values()].filter((c) => c.ok).length;
    for (const p of plain.filter((q) => checked.get(q)!.ok)) {
      if (held >= wanted || late()) {
        checked.set(p, held >= wanted ? ENOUGH : UNCHECKED);
        continue;
      }
      checked.set(p, proveChanges(base, repairOf(site, p).changes, [site.target], site.reach));
      if (checked.get(p)!.ok) held++;
      await budget.turn();
    }
  }
  const skipped: Check = { ok: false, errors: [`\`${site.wrong}\` is imported instead`] };
  return proposals.map((p) => proven.get(p) ?? checked.get(p) ?? skipped);
}

/**
 * An extra source, round after round: each round's texts are checked like the embedded ones; when none holds, the
 * next round is told what was rejected and why. Its repairs, by closeness to the erroneous text.
 */
async function fromSource(
  base: FileSnapshot,
  site: RepairSite,
  source: CandidateSource,
  budget: Budget,
): Promise<Repair[]> {
  const request: RepairRequest = {
    file: base.sourceFile.fileName,
    target: site.target,
    family: site.family,
    hole: { ...site.hole, text: site.original },
    expectedType: site.expected && typeText(site.checker, site.expected, site.node, 600),
    round: 0,
    rejected: [],
  };
  for (; request.round < source.rounds; request.round++) {
    const texts = [...new Set(await source.candidates(request, budget))].filter((t) => t !== site.original);
    budget.check();
    const rounds = request.round === 1 ? 'round' : 'rounds';
    const verified = request.round ? `, verified after ${request.round} error ${rounds}` : '';
    const rationale = `proposed by ${source.name}${verified}`;
    const proposals = texts.map((text): Proposal => ({
      text,
      score: CLOSENESS_WEIGHT[site.family] * closeness(site.wrong, text),
      why: () => rationale,
      source: source.name,
    }));
    // A model's answer costs far more than its check: it is checked even past the deadline.
    const checks = await checkProposals(base, site, proposals, proposals.length, budget.atLeast(1000));
    const held = proposals.filter((_p, i) => checks[i].ok);
    if (held.length) return held.map((p) => repairOf(site, p)).sort((a, b) => b.score - a.score);
    request.rejected.push(...texts.map((text, i) => ({ text, errors: checks[i].errors })));
  }
  return [];
}

function repairOf(site: RepairSite, p: Proposal): Repair {
  const hole = narrowed(site.hole.start, site.original, p.text);
  const changes = [...(hole.start === hole.end && !hole.text ? [] : [hole]), ...(p.extra ? [p.extra.change] : [])].sort(
    (a, b) => a.start - b.start,
  );
  return {
    target: site.target,
    family: site.family,
    text: p.text,
    description: describe(site, p),
    rationale: p.why(),
    changes,
    score: Math.round(p.score * 1000) / 1000,
    source: p.source,
  };
}
