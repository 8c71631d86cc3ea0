/**
 * A repair proposal before verification, the weight closeness to the erroneous text has in its score per family, and
 * the one order of proposals: by score, each text once.
 */
import { byScore } from '../synth/rank.js';
import type { TextChange } from './repairData.js';

/** A candidate repair before verification. */
export interface Proposal {
  /** What replaces the hole. */
  text: string;
  score: number;
  /** Why it may be the repair, for the user; asked of those offered only (printing types can be costly). */
  why: () => string;
  /** A change it needs elsewhere (an import), and what that change does. */
  extra?: { change: TextChange; description: string };
  source: string;
}

/**
 * How much closeness to the erroneous text counts against the usual ranking (about 1–6): a misspelt member or
 * name is nearly always the nearest name; an expression of the wrong type is less often near the right one.
 */
export const CLOSENESS_WEIGHT = { member: 6, name: 6, literal: 6, type: 3, arity: 1 } as const;

/** Proposals by score, best first, each text once (its best score). */
export function rankedProposals(proposals: Proposal[]): Proposal[] {
  const best = new Map<string, Proposal>();
  for (const p of proposals) {
    const key = `${p.text}\u0000${p.extra?.change.text ?? ''}`;
    const known = best.get(key);
    if (!known || known.score < p.score) best.set(key, p);
  }
  return [...best.values()].sort(byScore);
}
