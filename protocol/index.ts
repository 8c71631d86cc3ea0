/**
 * Spackle's wire contract: the ChatLSP methods (Blinn et al., OOPSLA 2024) and Spackle's own extensions.
 * Shared by the server and every client; depends only on the LSP protocol types.
 */
import { ParameterStructures, RequestType } from 'vscode-languageserver-protocol';
import type {
  Location,
  Position,
  Range,
  TextDocumentIdentifier,
  TextDocumentPositionParams,
} from 'vscode-languageserver-protocol';

export type HoleKind = 'explicit' | 'cursor';

export interface WireHole {
  uri: string;
  range: Range;
  kind: HoleKind;
}

/** `textDocument/expectedType`: the type the hole at a position must have; null when nothing constrains it. */
export interface ExpectedTypeResult {
  hole: WireHole;
  text: string;
  /** Declarations of the named types in it. */
  definitions: Location[];
  /** It is, or holds, a type the compiler could not resolve (as written, and why): no fill can be verified. */
  unresolved?: { type: string; why: string };
}

export interface RelevantTypeItem {
  name: string;
  /** The declaration without bodies; for library types just the name. */
  text: string;
  location: Location;
  reason: string;
}

export interface RelevantHeaderItem {
  /** How it is called from the hole: `map`, `source.pipe`, `new Subject`. */
  name: string;
  signature: string;
  location: Location;
  score: number;
  reason: string;
}

export interface BindingItem {
  name: string;
  /** Absent for bindings far from the hole (named, not typed). */
  type?: string;
  kind: 'local' | 'parameter' | 'import' | 'member' | 'global';
  distance: number;
}

/** `spackle/holeContext`: everything Spackle knows about the hole at a position. */
export interface HoleContextResult {
  hole: WireHole;
  /** Identifier already typed at a cursor hole. */
  prefix: string;
  expectedType?: Omit<ExpectedTypeResult, 'hole'>;
  bindings: BindingItem[];
  relevantTypes: RelevantTypeItem[];
  relevantHeaders: RelevantHeaderItem[];
  enclosing?: { signature: string; location: Location };
  receiver?: {
    text: string;
    type: string;
    members: Array<{ name: string; type: string; kind: 'method' | 'property' }>;
  };
}

export interface HolesParams {
  textDocument: TextDocumentIdentifier;
}

/** `spackle/holes`: one explicit hole of a document. */
export interface HoleItem {
  range: Range;
  kind: HoleKind;
  expectedType?: string;
}

/** Params come as an object: a list (by position) is refused with InvalidParams before a handler sees it. */
const BY_NAME = ParameterStructures.byName;

export const ExpectedTypeRequest = new RequestType<TextDocumentPositionParams, ExpectedTypeResult | null, void>(
  'textDocument/expectedType',
  BY_NAME,
);
export const RelevantTypesRequest = new RequestType<TextDocumentPositionParams, RelevantTypeItem[], void>(
  'textDocument/relevantTypes',
  BY_NAME,
);
export const RelevantHeadersRequest = new RequestType<TextDocumentPositionParams, RelevantHeaderItem[], void>(
  'textDocument/relevantHeaders',
  BY_NAME,
);
export const HoleContextRequest = new RequestType<TextDocumentPositionParams, HoleContextResult, void>(
  'spackle/holeContext',
  BY_NAME,
);
export const HolesRequest = new RequestType<HolesParams, HoleItem[], void>('spackle/holes', BY_NAME);

/**
 * `spackle/document`: the server's view of an open document, to check that a client's edits reached it: the version
 * of its last change and a digest of the text Spackle analyses. null when the document is not open.
 */
export interface DocumentState {
  version: number;
  length: number;
  /** SHA-256 of the text, UTF-8, in hex. */
  sha256: string;
}

export const DocumentRequest = new RequestType<HolesParams, DocumentState | null, void>('spackle/document', BY_NAME);

/** Source of every diagnostic Spackle publishes, and of its completion items (`data.source`). */
export const DIAGNOSTIC_SOURCE = 'spackle';

/** `data` of Spackle's completion items: enough for a client to tell them from the TypeScript server's. */
export interface FillCompletionData {
  source: typeof DIAGNOSTIC_SOURCE;
}

/**
 * `workspace/executeCommand` `spackle.fillHole`: fill the hole at a position with its best fill, applied with
 * `workspace/applyEdit`. Arguments: `[{ uri, position }]` or `[uri, position]`.
 */
export const FILL_HOLE_COMMAND = 'spackle.fillHole';

export interface FillHoleArguments {
  uri: string;
  position: Position;
}

/** What `spackle.fillHole` applied. */
export interface FillHoleResult {
  uri: string;
  /** The hole's range before the edit. */
  range: Range;
  /** The text that replaced it. */
  text: string;
  /** The type of that text. */
  type: string;
}

/**
 * `workspace/executeCommand` `spackle.acceptedUnverified`: the command an unverified completion (lenient mode) carries,
 * which the editor runs once the user accepts it: the server then says which errors the accepted code adds.
 * Arguments: `[{ errors }]`.
 */
export const ACCEPTED_UNVERIFIED_COMMAND = 'spackle.acceptedUnverified';

export interface AcceptedUnverifiedArguments {
  /** The compiler's messages about the accepted code. */
  errors: string[];
}

/**
 * `workspace/executeCommand` `spackle.repairFile`: apply the best verified repair of each compiler error of a document
 * in one `workspace/applyEdit`. Arguments: `[{ uri }]` or `[uri]`.
 */
export const REPAIR_FILE_COMMAND = 'spackle.repairFile';

export interface RepairFileArguments {
  uri: string;
}

/** A compiler error of the document, before the edit. */
export interface RepairedError {
  range: Range;
  code: number;
  message: string;
}

/** What `spackle.repairFile` did: the errors it repaired (and how), and those it left with the reason. */
export interface RepairFileResult {
  uri: string;
  fixed: Array<RepairedError & { description: string }>;
  unfixed: Array<RepairedError & { reason: string }>;
}
