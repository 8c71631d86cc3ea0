/**
 * Ranking of candidates: type fit, form (simpler first), scope distance, the project's own name frequencies
 * (`stats.ts`), the target's name, a typed prefix, the place. Invariant: deterministic (ties broken by text).
 */
import { nameAffinity } from '../holes/nameAffinity.js';
import type { Built } from './enumerate.js';
import type { UsageStats } from './stats.js';
import type { CandidateForm } from './fillData.js';

/** Simpler expressions first, other things equal: what programmers write most. */
const FORM_PRIOR: Record<CandidateForm, number> = {
  binding: 1.0,
  member: 0.8,
  literal: 0.7,
  call: 0.6,
  await: 0.6,
  new: 0.5,
  array: 0.4,
  object: 0.3,
  arrow: 0.3,
  nullish: 0,
};

export interface RankingContext {
  stats: UsageStats;
  /** The name the value will be known by (`const total = _()`): look-alike names rank up. */
  targetName?: string;
  /** What the user typed at a cursor hole. */
  prefix: string;
  /** What the hole's place says for a candidate beyond its type, -1..1 (an event-handler prop: a handler). */
  placeEvidence?: (b: Built) => number;
}

/**
 * Score of a candidate: type fit (identical > assignable > generic), the form's prior, locality (scope distance),
 * how often the project uses its names, affinity with the target's name, a typed prefix, what the site says for it
 * (arguments already written, the place); minus nested holes.
 * Deterministic: equal scores fall back to the text.
 */
export function score(b: Built, r: RankingContext): number {
  const usage = b.head ? r.stats.identifierWeight(b.head) : 0;
  const memberUsage = b.members.length ? Math.max(...b.members.map((m) => r.stats.memberWeight(m))) : 0;
  const affinity = r.targetName ? nameAffinity(r.targetName, b.text.replace(/\(.*$/s, '')) : 0;
  const prefix = !r.prefix ? 0 : b.text.toLowerCase().startsWith(r.prefix.toLowerCase()) ? 2 : -1;
  const evidence = (b.evidence ?? 0) + (r.placeEvidence?.(b) ?? 0);
  const value =
    b.fit * 1.0 +
    FORM_PRIOR[b.form] +
    (1 - Math.min(b.distance, 5) * 0.15) +
    usage * 0.8 +
    memberUsage * 0.6 +
    affinity * 1.5 +
    prefix +
    evidence * 1.5 -
    b.holes * 0.7 -
    b.members.length * 0.1;
  return Math.round(value * 1000) / 1000;
}

/** The order of `localeCompare`, a collator made once: synthesis sorts thousands of candidates a fill. */
const TEXT_ORDER = new Intl.Collator();

/** Best score first, then the shorter text, then the text's order. */
export function byScore<T extends { score: number; text: string }>(a: T, b: T): number {
  return b.score - a.score || a.text.length - b.text.length || TEXT_ORDER.compare(a.text, b.text);
}
