/**
 * The embedded engine's fill: for completion, inline completion, the "Fill hole" code action and `spackle.fillHole`. It
 * takes the hole site, synthesises candidates (`enumerate.ts`, `members.ts` after a dot), ranks them (`rank.ts`), keeps
 * those the place takes (`places.ts`), settles what it can by type (`check/proof.ts`, `check/uses.ts`) and validates
 * the rest in batches (`check/validate.ts`) until enough pass, best first. It runs as steps under a deadline; the LSP
 * runs them with a turn of the event loop between, so a cancellation stops it. On the fresh checker of each edit,
 * typing and printing cost: the values in scope are typed when first needed (not after `recv.|(…)`, nor where no type
 * constrains the hole), and types are printed (a fill's detail and rationale) only for the fills returned. Invariant: a
 * returned fill type-checks in place (strict mode), or is marked unverified where the expected type does not resolve.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import {
  callAround,
  isFixedContext,
  isPlainValue,
  provenMembers,
  surelyAssignable,
  surelyUnassignable,
} from '../check/proof.js';
import { unmetDemand, useDemands } from '../check/uses.js';
import { validateCandidates } from '../check/validate.js';
import { SpackleError } from '../errors.js';
import { enclosingFunction, typeText } from '../ts/ast.js';
import { isTyped, ScopeValue, scopeValues, TypedScopeValue } from '../holes/bindings.js';
import { isUninformative } from '../holes/expectedType.js';
import { usesValue } from '../holes/mutators.js';
import { HoleSite, holeSiteAt, targetName } from '../holes/site.js';
import { typedHole } from '../holes/speculate.js';
import type { Workspace } from '../workspace/workspace.js';
import { Built, enumerate, HOLE, SynthScope } from './enumerate.js';
import { memberCandidates } from './members.js';
import { handlerEvidence, placeOf, printedType, showsValue, suitsPlace } from './places.js';
import { byScore, score } from './rank.js';
import { usageStats } from './stats.js';
import type { Candidate, FillOptions, FillResult } from './fillData.js';
import { toFillResult } from './fillResult.js';

const DEFAULTS = { limit: 5 };
/** Share of the budget synthesis may use; the rest is for validation. */
const SYNTHESIS_SHARE = 0.4;
/** Candidates offered to one validation, in multiples of the limit: one speculative program checks them side by side
 * at little more than the cost of one, stopping once enough pass, and at member holes most fail. */
const BATCH = 6;
/** The share of candidates expected to pass validation, which sizes its first program (rxjs bench: 16% of the
 * members checked at member holes, 56% elsewhere). */
const EXPECTED_SHARE = { member: 0.2, expression: 0.5 };
/** What a member hole's baseline holds: a name that exists nowhere (the LLM engine validates against it too). */
export const MISSING_MEMBER = '__spackle_member';

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
  // Synthesis has its share of the whole budget, whatever finding the hole's site costs.
  const synthesis = budget.share(SYNTHESIS_SHARE);
  const limit = options.limit ?? DEFAULTS.limit;
  if (!Number.isInteger(offset) || offset < 0 || offset > real.sourceFile.text.length) {
    throw new SpackleError(
      'invalidPosition',
      `offset ${offset} is outside ${fileName} (0..${real.sourceFile.text.length})`,
    );
  }
  const site = holeSiteAt(real, offset);
  const { checker, program } = site.snapshot;
  const expected = site.expected && !isUninformative(site.expected) ? site.expected : undefined;
  // After `?.` (or on a value that may be absent) the members are those of the value when present.
  const receiver = site.receiver && checker.getNonNullableType(checker.getTypeAtLocation(site.receiver));
  // `recv.|(…)`: the parser saw the call after the missing name.
  const access = site.receiver?.parent;
  const call = access && ts.isPropertyAccessExpression(access) ? callAround(access) : undefined;
  // The values in scope are typed when first needed: on the fresh checker of an edit that is costly, and after
  // `recv.|(…)` (arguments written) or where no type constrains the hole (the nearest values are the guesses) nothing
  // needs their types.
  let typed: TypedScopeValue[] | undefined;
  const s: SynthScope = {
    checker,
    program,
    at: site.node,
    get values() {
      return (typed ??= scopeValues(checker, program, site.node, { typing: synthesis, written: false }).filter(
        isTyped,
      ));
    },
    inAsync: isInAsyncFunction(site.node),
    awaitOperand: !!site.expression && ts.isAwaitExpression(site.expression.parent),
    budget: synthesis,
  };
  const stats = usageStats(real.project, real.program);
  const place = site.expression && placeOf(site.expression);
  const nearest = () => {
    // None typed here: only the values shown are, when shown.
    const values = scopeValues(checker, program, site.node, { typing: Budget.spent, written: false });
    return bindingsByLocality(values, checker, site.node);
  };
  const built = receiver
    ? memberCandidates(s, {
        receiver,
        expected,
        callFollows: callFollows(real.sourceFile.text, site.hole.end),
        valueUsed: usesValue(expected) || showsValue(place),
        callArguments: call?.arguments,
        usage: (name) => stats.memberWeight(name),
      })
    : expected
      ? enumerate(s, expected)
      : // In a template, values that print are built (member chains, calls), and any value in scope may print too.
        place === 'template'
        ? [...enumerate(s, printedType(checker)), ...nearest()]
        : nearest();
  const ranking = {
    stats,
    targetName: site.expression && targetName(site.expression),
    prefix: site.prefix,
    placeEvidence: place === 'eventHandler' ? (b: Built) => handlerEvidence(checker, b) : undefined,
  };
  // What the place rules out is never offered, not even in lenient mode; judged in rank order, as far as needed.
  const suits = suitsPlace(place, checker, program, expected);
  const ranked = dedupe(built.map((b) => ({ text: b.text, score: score(b, ranking), built: b }))).sort(byScore);
  const proven = provenTexts(s, site, expected, built, receiver);
  budget.check();
  yield;

  // A member name cannot hold a typed hole; a name that exists nowhere keeps the code around it parsing the same.
  const baseline = site.receiver ? MISSING_MEMBER : undefined;
  const fills: Array<Ranked & { verified: boolean }> = [];
  let checked = 0;
  let rejected = 0;
  let provenCount = 0;
  let refutedCount = 0;
  const refutes = refutation(s, call ?? access ?? site.expression, !!call, expected);
  // Synthesis stopping at its share of the budget counts as running out of time too.
  let timedOut = synthesis.expired();
  const verifiedCount = () => fills.filter((f) => f.verified).length;
  // Validate in rank order, a few at a time, until enough pass or time is up. A proven candidate needs no check; of
  // the others, only those ranked above the last proven one still wanted can enter the top.
  for (let i = 0; i < ranked.length && verifiedCount() < limit; i += BATCH * limit) {
    if (budget.expired()) {
      timedOut = true;
      break;
    }
    const wanted = limit - verifiedCount();
    const batch: Ranked[] = [];
    let provenHere = 0;
    for (const c of ranked.slice(i, i + BATCH * limit)) {
      if (provenHere >= wanted) break;
      if (!suits(c.built)) continue;
      if (proven.has(c.text)) {
        fills.push({ ...c, verified: true });
        provenHere++;
      } else if (refutes(c.built)) {
        refutedCount++;
        if (options.mode === 'lenient') fills.push({ ...c, score: c.score - 5, verified: false });
      } else batch.push(c);
    }
    provenCount += provenHere;
    if (!batch.length) continue;
    const texts = batch.map((c) => c.text.split(HOLE).join(typedHole(fileName)));
    const expectedShare = site.receiver ? EXPECTED_SHARE.member : EXPECTED_SHARE.expression;
    const verdicts = validateCandidates(real, site.hole, texts, { baseline, enough: wanted, expectedShare }, budget);
    yield;
    verdicts.forEach((verdict, j) => {
      if (verdict.skipped) return;
      if (verdict.added.some((e) => e.code === 0)) {
        timedOut = true;
        return;
      }
      checked++;
      if (verdict.ok) fills.push({ ...batch[j], verified: true });
      else {
        rejected++;
        if (options.mode === 'lenient') fills.push({ ...batch[j], score: batch[j].score - 5, verified: false });
      }
    });
  }
  fills.sort(byScore);
  const returned = fills.slice(0, limit).map((f) => ({ ...toCandidate(f, s), verified: f.verified }));
  return toFillResult(site, returned, {
    generated: ranked.length,
    checked,
    rejected,
    proven: provenCount,
    refuted: refutedCount,
    ms: Math.round((performance.now() - started) * 10) / 10,
    timedOut,
  });
}

/**
 * The candidates that type-check without a speculative program: plain values whose type the checker found
 * assignable to a type the hole's context fixes (check/proof.ts).
 */
function provenTexts(
  s: SynthScope,
  site: HoleSite,
  expected: ts.Type | undefined,
  built: Built[],
  receiver: ts.Type | undefined,
): Set<string> {
  const access = site.receiver?.parent;
  if (receiver && access && ts.isPropertyAccessExpression(access)) {
    return provenMembers(
      s.checker,
      receiver,
      access,
      built.filter((b) => b.form === 'member' && !b.holes).map((b) => b.text),
      expected,
    );
  }
  if (!expected || site.receiver || !site.expression || !isFixedContext(s.checker, site.expression)) return new Set();
  const values = new Map(s.values.map((v) => [v.name, v]));
  return new Set(
    built
      .filter(
        (b) =>
          (b.form === 'binding' || b.form === 'member' || b.form === 'literal') &&
          surelyAssignable(s.checker, b.type, expected) &&
          isPlainValue(b.text, values),
      )
      .map((b) => b.text),
  );
}

/**
 * Which candidates need no program to be rejected: where the context fixes the type, those no narrowing could make
 * assignable to it (check/proof.ts); elsewhere those whose type lacks what the code around the hole, or the uses of
 * the variable it initialises, need (`const x = _(); x.due = 1` wants a `due`; check/uses.ts). Only plain values
 * and calls without holes: their type is theirs.
 */
function refutation(
  s: SynthScope,
  value: ts.Node | undefined,
  called: boolean,
  expected: ts.Type | undefined,
): (b: Built) => boolean {
  // After `recv.|(…)` a member is called as written, and what the call returns is the value.
  if (!value || !ts.isExpression(value)) return () => false;
  const fixed = expected && isFixedContext(s.checker, value) ? expected : undefined;
  const demands = expected ? undefined : useDemands(s.checker, value);
  if (!fixed && !demands) return () => false;
  // A binding or member is a plain value; a call's type may be a result that inference settles in place.
  const fails = (type: ts.Type, plain: boolean) =>
    fixed
      ? surelyUnassignable(s.checker, type, fixed, { value: plain })
      : unmetDemand(s.checker, demands!, type, { value: plain }) !== undefined;
  return (b) => {
    if (b.holes || !REFUTABLE.has(b.form)) return false;
    if (!called) return fails(b.type, b.form === 'binding' || b.form === 'member');
    const signatures = b.type.getCallSignatures();
    return signatures.length > 0 && signatures.every((signature) => fails(signature.getReturnType(), false));
  };
}

const REFUTABLE = new Set<Built['form']>(['binding', 'member', 'literal', 'call', 'new']);

/** Without an expected type, the nearest values are the best guesses; only those shown are typed (for their detail). */
function bindingsByLocality(values: ScopeValue[], checker: ts.TypeChecker, at: ts.Node): Built[] {
  return values.map((v) => {
    let type = v.valueType;
    return {
      text: v.name,
      get type() {
        return (type ??= checker.getTypeOfSymbolAtLocation(v.symbol, at));
      },
      form: 'binding' as const,
      fit: 1 as const,
      head: v.name.split('.')[0],
      members: v.name.split('.').slice(1),
      distance: v.distance,
      holes: 0,
      why: () => `${v.kind} in scope`,
    };
  });
}

/** A candidate as ranked: its type printed and its rationale written only if it is shown. */
interface Ranked {
  text: string;
  score: number;
  built: Built;
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

function dedupe(candidates: Ranked[]): Ranked[] {
  const best = new Map<string, Ranked>();
  for (const c of candidates) {
    const known = best.get(c.text);
    if (!known || known.score < c.score) best.set(c.text, c);
  }
  return [...best.values()];
}

function callFollows(text: string, at: number): boolean {
  return /^\s*\(/.test(text.slice(at, at + 80));
}

function isInAsyncFunction(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  return !!fn && (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}
