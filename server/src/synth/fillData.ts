/**
 * The fill's plain data: `Candidate`, `FillResult` (what every engine returns) and `FillOptions`.
 */
import type { Hole, Unresolved } from '../holes/holeData.js';

/** How a candidate expression is built; also a prior for ranking (simpler forms first). */
export type CandidateForm =
  'binding' | 'member' | 'literal' | 'call' | 'new' | 'await' | 'array' | 'object' | 'arrow' | 'nullish';

/** An expression that may fill a hole, before or after validation. */
export interface Candidate {
  /** The text that replaces the hole (nested holes stay as `_()`). */
  text: string;
  /** Its type, as the checker prints it. */
  type: string;
  form: CandidateForm;
  score: number;
  /** Why it fits, for the user: "parameter of type User", "returns Observable<T>". */
  rationale: string;
  /** Nested `_()` holes left in it. */
  holes: number;
  source: 'embedded' | 'llm';
}

export interface FillResult {
  hole: Hole;
  expectedType?: string;
  /** The expected type says something (not absent, `any` or `unknown`): fills are more than the nearest bindings. */
  constrained: boolean;
  /**
   * The expected type is or holds one the checker could not resolve: no fill can be checked against it, so none is
   * `verified` (they are guesses, shown as such).
   */
  unresolved?: Unresolved;
  /**
   * Best first; every one type-checks in place (strict mode) unless `verified` says otherwise (lenient mode, or a
   * type that does not resolve).
   */
  fills: Array<Candidate & { verified: boolean }>;
  /**
   * `proven`: accepted without a check, their type being assignable where the context fixes the type; `refuted`:
   * rejected without a check, their type surely not assignable there, or lacking what the code around the hole (or
   * the uses of the variable it initialises) needs.
   */
  stats: {
    generated: number;
    checked: number;
    rejected: number;
    proven?: number;
    refuted?: number;
    ms: number;
    timedOut: boolean;
  };
}

export interface FillOptions {
  /** How many fills at most (default 5). */
  limit?: number;
  /** `strict` never returns a candidate that adds an error; `lenient` returns it ranked down. */
  mode?: 'strict' | 'lenient';
}
