/**
 * The fill's first phase, synthesis: the hole's site, the candidates built for it (`enumerate.ts`, `members.ts` after
 * a dot, the nearest values where no type constrains the hole, with those built for a type a later use of the value
 * fixes) and their ranking (`rank.ts`), one per text, best first. It has its share of the fill's budget and stops at
 * it with what it has. On the fresh checker of each edit typing costs: the values in scope are typed when first
 * needed (not after `recv.|(…)`, nor where nothing constrains the hole), and a candidate's type is printed and its
 * rationale written only once it is shown.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { callAround } from '../check/proof.js';
import { UseDemands, useDemands } from '../check/uses.js';
import { SpackleError } from '../errors.js';
import { isTyped, ScopeValue, scopeValues, TypedScopeValue } from '../holes/bindings.js';
import { isUninformative } from '../holes/expectedType.js';
import { usesValue } from '../holes/mutators.js';
import { HoleSite, holeSiteAt, targetName } from '../holes/site.js';
import { enclosingFunction } from '../ts/ast.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { Built, enumerate, SynthScope } from './enumerate.js';
import { memberCandidates, MemberSite } from './members.js';
import { handlerEvidence, Place, placeOf, printedType, showsValue } from './places.js';
import { byScore, RankingContext, score } from './rank.js';
import { typeRefutation, type TypeRefutation } from './triage.js';
import { UsageStats, usageStats } from './stats.js';

/** Share of the budget synthesis may use; the rest is for validation. */
const SYNTHESIS_SHARE = 0.4;
/** Share of synthesis' share that learning a project not yet learned may take (`usageStats`); the rest searches. */
const LEARNING_SHARE = 0.25;

/** A candidate as ranked: its type printed and its rationale written only if it is shown. */
export interface Ranked {
  text: string;
  score: number;
  built: Built;
}

/** The hole as synthesis sees it: its site, the scope candidates come from, and what steers them. */
export interface SynthesisSite {
  site: HoleSite;
  fileName: string;
  scope: SynthScope;
  /** The expected type, when it says something (not absent, `any` or `unknown`). */
  expected: ts.Type | undefined;
  /** At a member hole, the receiver's type when present (after `?.` too). */
  receiver: ts.Type | undefined;
  /** At a member hole, the access `recv.|`. */
  access: ts.Node | undefined;
  /** `recv.|(…)`: the call the parser saw after the missing name. */
  call: ts.CallExpression | undefined;
  place: Place | undefined;
  /** Where no type is expected, what the code around the value asks of it (`check/uses.ts`): the value is the call
   * after `recv.|(…)`, else the access `recv.|`, else the hole. A type it names is built for. */
  demands: UseDemands | undefined;
  /** The types the code around that value surely rejects (`triage.ts`): refuted members rank last, candidates are
   * refuted in triage. */
  refutes: TypeRefutation | undefined;
}

/** What synthesis hands on: the site, every candidate built, and those ranked. */
export interface Synthesis extends SynthesisSite {
  /** The file's snapshot, where candidates are validated (a cursor hole's site is in a speculative one). */
  real: FileSnapshot;
  built: Built[];
  /** Best first, the best-scored of each text. */
  ranked: Ranked[];
  /** Synthesis's share of the fill's budget: expired when synthesis stopped short of it. */
  share: Budget;
}

/** Synthesises and ranks the candidates for the hole at `offset` of `real` (the snapshot of `fileName`). */
export function synthesise(real: FileSnapshot, fileName: string, offset: number, budget: Budget): Synthesis {
  // Synthesis has its share of the whole budget, whatever finding the hole's site costs.
  const share = budget.share(SYNTHESIS_SHARE);
  if (!Number.isInteger(offset) || offset < 0 || offset > real.sourceFile.text.length) {
    throw new SpackleError(
      'invalidPosition',
      `offset ${offset} is outside ${fileName} (0..${real.sourceFile.text.length})`,
    );
  }
  const hole = synthesisSite(holeSiteAt(real, offset), fileName, share);
  const stats = usageStats(real.project, real.program, {
    budget: share.share(LEARNING_SHARE),
    first: real.sourceFile,
  });
  const built = candidates(hole, real.sourceFile.text, stats);
  const { checker } = hole.scope;
  const ranking: RankingContext = {
    stats,
    targetName: hole.site.expression && targetName(hole.site.expression),
    prefix: hole.site.prefix,
    placeEvidence: hole.place === 'eventHandler' ? (b: Built) => handlerEvidence(checker, b) : undefined,
  };
  const ranked = bestOfEachText(built.map((b) => ({ text: b.text, score: score(b, ranking), built: b }))).sort(byScore);
  return { ...hole, real, built, ranked, share };
}

function synthesisSite(site: HoleSite, fileName: string, share: Budget): SynthesisSite {
  const { checker, program } = site.snapshot;
  // The values in scope are typed when first needed: on the fresh checker of an edit that is costly, and after
  // `recv.|(…)` (arguments written) or where no type constrains the hole (the nearest values are the guesses) nothing
  // needs their types.
  let typed: TypedScopeValue[] | undefined;
  const scope: SynthScope = {
    checker,
    program,
    at: site.node,
    get values() {
      return (typed ??= scopeValues(checker, program, site.node, { typing: share, written: false }).filter(isTyped));
    },
    inAsync: isInAsyncFunction(site.node),
    awaitOperand: !!site.expression && ts.isAwaitExpression(site.expression.parent),
    budget: share,
  };
  const access = site.receiver?.parent;
  const call = access && ts.isPropertyAccessExpression(access) ? callAround(access) : undefined;
  const expected = site.expected && !isUninformative(site.expected) ? site.expected : undefined;
  const value = call ?? access ?? site.expression;
  const demands = !expected && value && ts.isExpression(value) ? useDemands(checker, value) : undefined;
  return {
    site,
    fileName,
    scope,
    expected,
    // After `?.` (or on a value that may be absent) the members are those of the value when present.
    receiver: site.receiver && checker.getNonNullableType(checker.getTypeAtLocation(site.receiver)),
    access,
    call,
    place: site.expression && placeOf(site.expression),
    demands,
    refutes: typeRefutation(checker, value, expected ? { expected } : { demands }),
  };
}

/**
 * The candidates: a receiver's members at a member hole, else expressions of the expected type; where no type
 * constrains the hole, the nearest values (in a template, values that print too; where the value goes to a place of
 * a fixed type, `check/uses.ts`, those built for it).
 */
function candidates(hole: SynthesisSite, text: string, stats: UsageStats): Built[] {
  const { scope: s, site, expected, receiver, place } = hole;
  if (receiver) {
    const called = callFollows(text, site.hole.end);
    return memberCandidates(s, {
      receiver,
      expected,
      callFollows: called,
      valueUsed: usesValue(expected) || showsValue(place),
      callArguments: hole.call?.arguments,
      usage: (name) => stats.memberWeight(name),
      refutes: refutedByUses(hole, called),
    });
  }
  if (expected) return enumerate(s, expected);
  // None typed here: only the values shown are, when shown.
  const values = scopeValues(s.checker, s.program, site.node, { typing: Budget.spent, written: false });
  const nearest = bindingsByLocality(values, s.checker, site.node);
  // In a template, values that print are built (member chains, calls), and any value in scope may print too.
  if (place === 'template') return [...enumerate(s, printedType(s.checker)), ...nearest];
  // A place the value goes to fixes a type (`const unsub = _()` then `return unsub` from an effect): built for it.
  const demanded = hole.demands?.targets[0];
  return demanded ? [...enumerate(s, demanded, { contextual: false }), ...nearest] : nearest;
}

/** Where no type is expected and a member's value is used as it is (no call follows the hole), the types the uses
 * refute. */
function refutedByUses({ expected, refutes }: SynthesisSite, callFollows: boolean): MemberSite['refutes'] {
  return expected || callFollows || !refutes ? undefined : (type) => refutes(type, true);
}

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

function bestOfEachText(candidates: Ranked[]): Ranked[] {
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
