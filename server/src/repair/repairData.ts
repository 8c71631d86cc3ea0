/**
 * Repairs as plain data (offsets, texts, error codes): what the LSP, the CLI and the candidate sources exchange with
 * the core.
 */
import type { Budget } from '../budget.js';
/** A compiler error of a file, as plain data (UTF-16 offsets): what a repair targets. */
export interface CompilerError {
  code: number;
  start: number;
  end: number;
  message: string;
}

/**
 * What kind of fault an error is, which decides the hole and where candidates come from:
 * - `member`: a property that does not exist on its receiver (2339, 2551): the access is the hole, the receiver's
 *   members fill it;
 * - `name`: a name that does not resolve (2304, 2552): names in scope, or a project export with an import;
 * - `type`: an expression of the wrong type (2322, 2345, 2769): expressions of the expected type;
 * - `literal`: a literal outside its union (2322, 2345, 2820): the union's members;
 * - `arity`: too few or too many arguments (2554, 2555): the call with arguments added or dropped.
 */
export type RepairFamily = 'member' | 'name' | 'type' | 'literal' | 'arity';

/** One replacement in a file, in offsets of the file before any change. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** A verified repair of one error. */
export interface Repair {
  target: CompilerError;
  family: RepairFamily;
  /** What replaces the hole (the erroneous expression or name). */
  text: string;
  /** What it does, for a title: "change `naem` to `name`", "import `LIMIT` from './limits'". */
  description: string;
  /** Why it is a candidate: "member of User", "closest name in scope". */
  rationale: string;
  /** The edit: the hole's replacement and, for an import, the import. Sorted, non-overlapping. */
  changes: TextChange[];
  score: number;
  /** `embedded`, or the name of the candidate source that proposed it. */
  source: string;
}

/** The repairs of one error, best first; `reason` says why there are none. */
export interface TargetRepairs {
  target: CompilerError;
  family?: RepairFamily;
  repairs: Repair[];
  reason?: string;
  /** Proposals `checked` in speculative programs, and decided `byType` alone (surely holding or surely failing). */
  stats: { candidates: number; checked: number; byType: number; ms: number; timedOut: boolean };
}

/**
 * What an extra candidate source (the LLM engine with error rounds) is asked at an error: plain data. `hole` is the
 * span its texts replace; `rejected` holds its own earlier texts that did not verify, with the errors they caused, so
 * that the next round can do better.
 */
export interface RepairRequest {
  file: string;
  target: CompilerError;
  family: RepairFamily;
  hole: { start: number; end: number; text: string };
  expectedType?: string;
  round: number;
  rejected: Array<{ text: string; errors: string[] }>;
}

/**
 * A source of candidate texts for a repair's hole beside the embedded engine. Each text replaces `hole` and is
 * verified like the embedded candidates; the verified ones rank after the embedded ones of equal closeness.
 */
export interface CandidateSource {
  name: string;
  /** Rounds at most: after a round with nothing verified, the source is asked again with what was rejected. */
  rounds: number;
  candidates(request: RepairRequest, budget: Budget): Promise<string[]>;
}

export interface RepairOptions {
  /** Verified repairs per error, at most (default 3). */
  limit?: number;
  sources?: CandidateSource[];
}

/** What repairing a whole file did: the changes of the best verified repair of each error, proven together. */
export interface FileRepair {
  file: string;
  fixed: Repair[];
  unfixed: Array<{ target: CompilerError; reason: string }>;
  /** All changes of `fixed`, sorted; applying them leaves no error of `fixed` and adds none. */
  changes: TextChange[];
}
