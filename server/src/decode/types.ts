/**
 * The plain data of guided decoding: a monitor's violation and what it allows instead, and the interventions made.
 */

/** Which monitor rejected an identifier. */
export type MonitorKind = 'dereference' | 'objectKey' | 'literalUnion' | 'inScope' | 'arity';

/** The first identifier of generated code that the types do not allow, and what they allow there. */
export interface Violation {
  monitor: MonitorKind;
  /** Where the rejected identifier (literal, or the `,` or `)` of a call) starts in the generated text. */
  start: number;
  /** The identifier as generated so far (partial when no legal name starts with it). */
  rejected: string;
  /** What may stand there, best first by the embedded engine's ranking. */
  legal: string[];
  /** What made the monitor look: `user.`, `{ key`, `'literal'`, a free name, a call's arity. */
  trigger: string;
}

/** Checks generated code as it grows. */
export interface Monitor {
  /** The first violation in `text`; an identifier at its end is judged as a prefix unless the text is `final`. */
  check(text: string, final: boolean): Violation | undefined;
}

/** How a correction was picked; `only` when one continuation alone is legal (a call's `)`). */
export type Strategy = 'guidedChoice' | 'grammar' | 'logitBias' | 'logprobs' | 'ranker' | 'only';

/** One correction while decoding, for the user's log and the benchmarks. */
export interface Intervention {
  monitor: MonitorKind;
  trigger: string;
  rejected: string;
  chosen: string;
  /** How the legal continuation was picked. */
  strategy: Strategy;
  /** Requests beyond the first: the constrained step's and the resumption's. */
  extraRequests: number;
  /** Time of the monitor's own work at this trigger (checking, listing what is legal, ranking), network excluded. */
  monitorMs: number;
  /** Wall time from the rejection to the resumed stream (network included). */
  ms: number;
}
