/**
 * The hole context as plain data (`HoleContext` and its parts): what the LSP, the CLI, the prompt and the protocol
 * serve. Invariant: offsets, not positions, and no compiler objects.
 */

/** A span of a file, in UTF-16 offsets (TypeScript's positions). */
export interface SourceRef {
  file: string;
  start: number;
  end: number;
}

export type HoleKind = 'explicit' | 'cursor';

export interface Hole extends SourceRef {
  kind: HoleKind;
}

export type BindingKind = 'local' | 'parameter' | 'import' | 'member' | 'global';

export interface Binding {
  name: string;
  /** Absent for bindings far from the hole: they are named, not typed, to keep a context cheap. */
  type?: string;
  kind: BindingKind;
  /** Scopes between the hole and the binding's declaration: 0 is the innermost. */
  distance: number;
}

export interface ExpectedType {
  text: string;
  /** Declarations of the named types in it (a union names several). */
  definitions: SourceRef[];
  /** It is, or holds, a type the checker could not resolve: nothing can be checked against it. */
  unresolved?: Unresolved;
}

/** A type the checker could not resolve, as written, and why. */
export interface Unresolved {
  type: string;
  why: string;
}

export interface RelevantType {
  name: string;
  /** The declaration, rendered without bodies; for library types just the name. */
  text: string;
  ref: SourceRef;
  /** Why it is here, e.g. "expected type", "member of Subscriber", "library type". */
  reason: string;
  /** Estimated tokens of `text`. */
  tokens: number;
}

export interface RelevantHeader {
  /** How the header is called in the hole's scope: `map`, `source.pipe`, `new Subject`. */
  name: string;
  /** Body-less signature. */
  signature: string;
  ref: SourceRef;
  score: number;
  reason: string;
}

/** Receiver of a member-name hole (the cursor after `expr.`). */
export interface Receiver {
  text: string;
  type: string;
  members: Array<{ name: string; type: string; kind: 'method' | 'property' }>;
}

/** Everything an engine needs to fill a hole; plain data, no compiler objects. */
export interface HoleContext {
  hole: Hole;
  /** Text of an identifier the user already typed at a cursor hole. */
  prefix: string;
  expectedType?: ExpectedType;
  bindings: Binding[];
  relevantTypes: RelevantType[];
  relevantHeaders: RelevantHeader[];
  enclosing?: { signature: string; ref: SourceRef };
  receiver?: Receiver;
}

/** A hole of a document and what it needs, for diagnostics and `spackle/holes`. */
export interface HoleSummary {
  hole: Hole;
  expectedType?: string;
}
