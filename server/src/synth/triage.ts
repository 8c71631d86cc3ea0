/**
 * The fill's second phase, triage: what the types settle without a program. A candidate is *proven* where its type
 * is assignable to the one the hole's context fixes (`check/proof.ts`), *refuted* where no narrowing could make it
 * fit there or it lacks what the code around the hole needs (`check/uses.ts`), and dropped where the hole's place
 * rules it out (`places.ts`); the rest are *to check* in a speculative program. Triage goes window by window of the
 * ranking, so that once enough are proven what ranks below them is not looked at.
 */
import ts from 'typescript';
import { isFixedContext, isPlainValue, provenMembers, surelyAssignable, surelyUnassignable } from '../check/proof.js';
import { unmetDemand, type UseDemands } from '../check/uses.js';
import type { Built } from './enumerate.js';
import { suitsPlace } from './places.js';
import type { Ranked, Synthesis } from './synthesise.js';

/** What triage settles candidates by, judged once per fill. */
export interface Judgement {
  /** The texts proven to type-check in place. */
  proven: Set<string>;
  refutes: (b: Built) => boolean;
  /** The hole's place takes it: what it rules out is never offered, not even in lenient mode. */
  suits: (b: Built) => boolean;
}

/** One window of the ranking, triaged; each list in rank order. */
export interface Triage {
  proven: Ranked[];
  refuted: Ranked[];
  toCheck: Ranked[];
}

export function judgement(synthesis: Synthesis): Judgement {
  const { scope: s, expected, call, refutes } = synthesis;
  return {
    proven: provenTexts(synthesis),
    refutes: refutation(refutes, !!call),
    suits: suitsPlace(synthesis.place, s.checker, s.program, expected),
  };
}

/**
 * Triages `window` in rank order until `wanted` are proven: of the others, only those ranked above the last proven
 * one still wanted can enter the top.
 */
export function triage(window: Ranked[], wanted: number, judgement: Judgement): Triage {
  const out: Triage = { proven: [], refuted: [], toCheck: [] };
  for (const c of window) {
    if (out.proven.length >= wanted) break;
    if (!judgement.suits(c.built)) continue;
    if (judgement.proven.has(c.text)) out.proven.push(c);
    else if (judgement.refutes(c.built)) out.refuted.push(c);
    else out.toCheck.push(c);
  }
  return out;
}

/**
 * The candidates that type-check without a speculative program: plain values whose type the checker found
 * assignable to a type the hole's context fixes, or members whose one signature takes the written arguments
 * (check/proof.ts).
 */
function provenTexts({ scope: s, site, expected, built, receiver, access }: Synthesis): Set<string> {
  if (receiver && access && ts.isPropertyAccessExpression(access)) {
    const members = built.filter((b) => b.form === 'member' && !b.holes).map((b) => b.text);
    return provenMembers(s.checker, receiver, access, members, expected);
  }
  if (!expected || site.receiver || !site.expression || !isFixedContext(s.checker, site.expression)) return new Set();
  const values = new Map(s.values.map((v) => [v.name, v]));
  const proven = built.filter(
    (b) =>
      (b.form === 'binding' || b.form === 'member' || b.form === 'literal') &&
      surelyAssignable(s.checker, b.type, expected) &&
      isPlainValue(b.text, values),
  );
  return new Set(proven.map((b) => b.text));
}

/** Does the code around the hole surely reject a value of this type (`plain`: a binding's or member's, whose type is
 * its own; else a call's result, which inference may settle in place)? */
export type TypeRefutation = (type: ts.Type, plain: boolean) => boolean;

/**
 * What no value of a type can pass, known without a program: where the context fixes the type, one no narrowing could
 * make assignable to it (check/proof.ts); elsewhere one that lacks what the code around the hole, or the uses of the
 * variable it initialises, need (`const x = _(); x.due = 1` wants a `due`; check/uses.ts). Undefined where nothing is
 * known; each type judged once (synthesis asks it of members, triage again of candidates).
 */
export function typeRefutation(
  checker: ts.TypeChecker,
  value: ts.Node | undefined,
  { expected, demands }: { expected?: ts.Type; demands?: UseDemands },
): TypeRefutation | undefined {
  if (!value || !ts.isExpression(value)) return undefined;
  const fixed = expected && isFixedContext(checker, value) ? expected : undefined;
  if (!fixed && !demands) return undefined;
  const judged = [new Map<ts.Type, boolean>(), new Map<ts.Type, boolean>()];
  return (type, plain) => {
    const known = judged[+plain].get(type);
    if (known !== undefined) return known;
    const fails = fixed
      ? surelyUnassignable(checker, type, fixed, { value: plain })
      : unmetDemand(checker, demands!, type, { value: plain }) !== undefined;
    judged[+plain].set(type, fails);
    return fails;
  };
}

/**
 * Which candidates need no program to be rejected: those whose type the site refutes (`typeRefutation`). Only plain
 * values, and calls whose holes cannot change their type: their type is theirs. After `recv.|(…)` a member is called
 * as written, and what the call returns is the value.
 */
function refutation(fails: TypeRefutation | undefined, called: boolean): (b: Built) => boolean {
  if (!fails) return () => false;
  return (b) => {
    if ((b.holes && !b.typeFixed) || !REFUTABLE.has(b.form)) return false;
    if (!called) return fails(b.type, b.form === 'binding' || b.form === 'member');
    const signatures = b.type.getCallSignatures();
    return signatures.length > 0 && signatures.every((signature) => fails(signature.getReturnType(), false));
  };
}

const REFUTABLE = new Set<Built['form']>(['binding', 'member', 'literal', 'call', 'new']);
