/**
 * The fill's second phase, triage: what the types settle without a program. A candidate is *proven* where its type
 * is assignable to the one the hole's context fixes (`check/proof.ts`), *refuted* where no narrowing could make it
 * fit there or it lacks what the code around the hole needs (`check/uses.ts`), and dropped where the hole's place
 * rules it out (`places.ts`); the rest are *to check* in a speculative program. Triage goes window by window of the
 * ranking, so that once enough are proven what ranks below them is not looked at.
 */
import ts from 'typescript';
import { isFixedContext, isPlainValue, provenMembers, surelyAssignable, surelyUnassignable } from '../check/proof.js';
import { unmetDemand, UseDemands } from '../check/uses.js';
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
  const { scope: s, site, expected, call, access, demands } = synthesis;
  return {
    proven: provenTexts(synthesis),
    refutes: refutation(s.checker, call ?? access ?? site.expression, !!call, expected ? { expected } : { demands }),
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

/**
 * Which candidates need no program to be rejected: where the context fixes the type, those no narrowing could make
 * assignable to it (check/proof.ts); elsewhere those whose type lacks what the code around the hole, or the uses of
 * the variable it initialises, need (`const x = _(); x.due = 1` wants a `due`; check/uses.ts). Only plain values,
 * and calls whose holes cannot change their type: their type is theirs.
 */
function refutation(
  checker: ts.TypeChecker,
  value: ts.Node | undefined,
  called: boolean,
  { expected, demands }: { expected?: ts.Type; demands?: UseDemands },
): (b: Built) => boolean {
  // After `recv.|(…)` a member is called as written, and what the call returns is the value.
  if (!value || !ts.isExpression(value)) return () => false;
  const fixed = expected && isFixedContext(checker, value) ? expected : undefined;
  if (!fixed && !demands) return () => false;
  // A binding or member is a plain value; a call's type may be a result that inference settles in place.
  const fails = (type: ts.Type, plain: boolean) =>
    fixed
      ? surelyUnassignable(checker, type, fixed, { value: plain })
      : unmetDemand(checker, demands!, type, { value: plain }) !== undefined;
  return (b) => {
    if ((b.holes && !b.typeFixed) || !REFUTABLE.has(b.form)) return false;
    if (!called) return fails(b.type, b.form === 'binding' || b.form === 'member');
    const signatures = b.type.getCallSignatures();
    return signatures.length > 0 && signatures.every((signature) => fails(signature.getReturnType(), false));
  };
}

const REFUTABLE = new Set<Built['form']>(['binding', 'member', 'literal', 'call', 'new']);
