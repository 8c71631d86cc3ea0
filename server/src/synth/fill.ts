/**
 * The embedded engine's fill: for completion, inline completion, the "Fill hole" code action and `spackle.fillHole`.
 * Phases that hand data on: synthesis (`synthesise.ts`: the hole's site, candidates built and ranked) → triage
 * (`triage.ts`: proven, refuted, to check) → validation of those to check in batches (`check/validate.ts`), best
 * first, until enough pass → the result (`fillResult.ts`). Triage and validation alternate window by window of the
 * ranking; what they found so far is a `Progress` each step hands to the next. The steps run under a deadline; the LSP
 * runs them with a turn of the event loop between, so a cancellation stops it. Invariant: a returned fill type-checks
 * in place (strict mode), or is marked unverified where the expected type does not resolve.
 */
import type { Budget } from '../budget.js';
import { validateCandidates, Verdict } from '../check/validate.js';
import { typedHole } from '../holes/speculate.js';
import { typeText } from '../ts/ast.js';
import type { Workspace } from '../workspace/workspace.js';
import { HOLE, SynthScope } from './enumerate.js';
import type { Candidate, FillOptions, FillResult } from './fillData.js';
import { toFillResult } from './fillResult.js';
import { byScore } from './rank.js';
import { Ranked, Synthesis, synthesise } from './synthesise.js';
import { judgement, triage, Triage } from './triage.js';

const DEFAULTS = { limit: 5 };
/** Candidates offered to one validation, in multiples of the limit: one speculative program checks them side by side
 * at little more than the cost of one, stopping once enough pass, and at member holes most fail. */
const BATCH = 6;
/** The share of candidates expected to pass validation, which sizes its first program (rxjs bench: 16% of the
 * members checked at member holes, 56% elsewhere). */
const EXPECTED_SHARE = { member: 0.2, expression: 0.5 };
/** What a member hole's baseline holds: a name that exists nowhere (the LLM engine validates against it too). */
export const MISSING_MEMBER = '__spackle_member';
/** How far a candidate that adds an error (lenient mode) ranks down. */
const UNVERIFIED_PENALTY = 5;

/**
 * Fills the hole at `offset` with the embedded engine: synthesise candidates of the expected type, rank them with
 * the project's own statistics, and keep those that type-check in place, best first, within `budget` (the best found
 * by its deadline are returned; made once the program is up to date, loading a project is not the engine's to spend).
 */
export function fillHole(
  workspace: Workspace,
  fileName: string,
  offset: number,
  options: FillOptions,
  budget: Budget,
): FillResult {
  const steps = fillSteps(workspace, fileName, offset, options, budget);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same, giving the event loop a turn between steps, so that a `$/cancelRequest` can arrive and stop it. */
export async function fillHoleAsync(
  workspace: Workspace,
  fileName: string,
  offset: number,
  options: FillOptions,
  budget: Budget,
): Promise<FillResult> {
  const steps = fillSteps(workspace, fileName, offset, options, budget);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await budget.turn();
  }
}

/** Filling as steps: synthesis, then one step per batch of candidates validated. */
function* fillSteps(
  workspace: Workspace,
  fileName: string,
  offset: number,
  options: FillOptions,
  budget: Budget,
): Generator<void, FillResult> {
  const real = workspace.snapshot(fileName);
  const started = performance.now();
  const synthesis = synthesise(real, fileName, offset, budget);
  const judged = judgement(synthesis);
  budget.check();
  yield;

  const limit = options.limit ?? DEFAULTS.limit;
  const lenient = options.mode === 'lenient';
  // Synthesis stopping at its share of the budget counts as running out of time too.
  let progress = begun(synthesis.share.expired());
  // Validate in rank order, a few at a time, until enough pass or time is up.
  for (let i = 0; i < synthesis.ranked.length && verified(progress) < limit; i += BATCH * limit) {
    if (budget.expired()) {
      progress = { ...progress, tally: { ...progress.tally, timedOut: true } };
      break;
    }
    const wanted = limit - verified(progress);
    const triaged = triage(synthesis.ranked.slice(i, i + BATCH * limit), wanted, judged);
    progress = withTriage(progress, triaged, lenient);
    if (!triaged.toCheck.length) continue;
    const verdicts = validateBatch(synthesis, triaged.toCheck, wanted, budget);
    yield;
    progress = withVerdicts(progress, triaged.toCheck, verdicts, lenient);
  }
  return fillResult(synthesis, progress, limit, performance.now() - started);
}

/** A fill found so far: verified, or (lenient mode) ranked down. */
type Found = Ranked & { verified: boolean };

/** What a fill reports of its work (`FillResult.stats`, without its size and time). */
interface Tally {
  checked: number;
  rejected: number;
  proven: number;
  refuted: number;
  timedOut: boolean;
}

/** What triage and validation have found so far: what each step hands to the next. */
interface Progress {
  found: Found[];
  tally: Tally;
}

function begun(timedOut: boolean): Progress {
  return { found: [], tally: { checked: 0, rejected: 0, proven: 0, refuted: 0, timedOut } };
}

function verified(progress: Progress): number {
  return progress.found.filter((f) => f.verified).length;
}

/** The proven candidates are fills; the refuted ones too in lenient mode, ranked down. */
function withTriage({ found, tally }: Progress, triaged: Triage, lenient: boolean): Progress {
  return {
    found: [
      ...found,
      ...triaged.proven.map((c) => ({ ...c, verified: true })),
      ...(lenient ? triaged.refuted.map(rankedDown) : []),
    ],
    tally: {
      ...tally,
      proven: tally.proven + triaged.proven.length,
      refuted: tally.refuted + triaged.refuted.length,
    },
  };
}

/**
 * The candidates to check, side by side in one speculative program, until `wanted` pass. A member name cannot hold a
 * typed hole: there a name that exists nowhere is the baseline, which keeps the code around it parsing the same.
 */
function validateBatch(synthesis: Synthesis, batch: Ranked[], wanted: number, budget: Budget): Verdict[] {
  const { real, site, fileName } = synthesis;
  const texts = batch.map((c) => c.text.split(HOLE).join(typedHole(fileName)));
  const baseline = site.receiver ? MISSING_MEMBER : undefined;
  const expectedShare = site.receiver ? EXPECTED_SHARE.member : EXPECTED_SHARE.expression;
  return validateCandidates(real, site.hole, texts, { baseline, enough: wanted, expectedShare }, budget);
}

/** A batch's verdicts counted: a pass is a fill, a failure one only in lenient mode (ranked down). */
function withVerdicts({ found, tally }: Progress, batch: Ranked[], verdicts: Verdict[], lenient: boolean): Progress {
  const out = { found: [...found], tally: { ...tally } };
  verdicts.forEach((verdict, j) => {
    if (verdict.skipped) return;
    // Error code 0: the deadline stopped the check.
    if (verdict.added.some((e) => e.code === 0)) {
      out.tally.timedOut = true;
      return;
    }
    out.tally.checked++;
    if (verdict.ok) out.found.push({ ...batch[j], verified: true });
    else {
      out.tally.rejected++;
      if (lenient) out.found.push(rankedDown(batch[j]));
    }
  });
  return out;
}

function rankedDown(c: Ranked): Found {
  return { ...c, score: c.score - UNVERIFIED_PENALTY, verified: false };
}

/** The best `limit` fills, their types printed and rationales written now that they are shown. */
function fillResult(synthesis: Synthesis, { found, tally }: Progress, limit: number, ms: number): FillResult {
  const best = [...found].sort(byScore).slice(0, limit);
  const fills = best.map((f) => ({ ...toCandidate(f, synthesis.scope), verified: f.verified }));
  const { checked, rejected, proven, refuted, timedOut } = tally;
  const generated = synthesis.ranked.length;
  const stats = { generated, checked, rejected, proven, refuted, ms: Math.round(ms * 10) / 10, timedOut };
  return toFillResult(synthesis.site, fills, stats);
}

function toCandidate({ built: b, score }: Ranked, s: SynthScope): Candidate {
  return {
    text: b.text,
    type: typeText(s.checker, b.type, s.at, 200),
    form: b.form,
    score,
    rationale: b.why(),
    holes: b.holes,
    source: 'embedded',
  };
}
