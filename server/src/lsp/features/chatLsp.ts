/**
 * The ChatLSP methods (`textDocument/expectedType`, `relevantTypes`, `relevantHeaders`) and `spackle/holeContext`: the
 * hole context converted to the protocol's shapes (ranges, URIs).
 */
import type { TextDocumentPositionParams } from 'vscode-languageserver/node';
import type {
  ExpectedTypeResult,
  HoleContextResult,
  RelevantHeaderItem,
  RelevantTypeItem,
  WireHole,
} from '../../../../protocol/index.js';
import type { Budget, ExpectedType, Hole, HoleContext, RelevantHeader, RelevantType } from '../../analysis.js';
import { pathToUri, positionParams } from '../convert.js';
import type { Session } from '../session.js';

/** The hole context at the request's position, computed with the user's budgets. */
function contextAt(session: Session, params: TextDocumentPositionParams, budget: Budget): HoleContext {
  const { file, offset } = positionParams(params, session.positions);
  const { typeTokens, maxHeaders } = session.settings.context;
  return session.analysis.holeContext(file, offset, { typeTokens, maxHeaders }, budget);
}

export function chatExpectedType(
  session: Session,
  params: TextDocumentPositionParams,
  budget: Budget,
): ExpectedTypeResult | null {
  const ctx = contextAt(session, params, budget);
  if (!ctx.expectedType) return null;
  return { hole: wireHole(session, ctx.hole), ...wireExpectedType(session, ctx.expectedType) };
}

export function chatRelevantTypes(
  session: Session,
  params: TextDocumentPositionParams,
  budget: Budget,
): RelevantTypeItem[] {
  return contextAt(session, params, budget).relevantTypes.map((t) => wireType(session, t));
}

export function chatRelevantHeaders(
  session: Session,
  params: TextDocumentPositionParams,
  budget: Budget,
): RelevantHeaderItem[] {
  return contextAt(session, params, budget).relevantHeaders.map((h) => wireHeader(session, h));
}

export function holeContext(session: Session, params: TextDocumentPositionParams, budget: Budget): HoleContextResult {
  const ctx = contextAt(session, params, budget);
  const { positions } = session;
  return {
    hole: wireHole(session, ctx.hole),
    prefix: ctx.prefix,
    expectedType: ctx.expectedType && wireExpectedType(session, ctx.expectedType),
    bindings: ctx.bindings,
    relevantTypes: ctx.relevantTypes.map((t) => wireType(session, t)),
    relevantHeaders: ctx.relevantHeaders.map((h) => wireHeader(session, h)),
    enclosing: ctx.enclosing && { signature: ctx.enclosing.signature, location: positions.location(ctx.enclosing.ref) },
    receiver: ctx.receiver,
  };
}

export function wireHole(session: Session, hole: Hole): WireHole {
  return {
    uri: pathToUri(hole.file),
    range: session.positions.range(hole.file, hole.start, hole.end),
    kind: hole.kind,
  };
}

function wireExpectedType(session: Session, expected: ExpectedType): Omit<ExpectedTypeResult, 'hole'> {
  const definitions = expected.definitions.map((d) => session.positions.location(d));
  return { text: expected.text, definitions, ...(expected.unresolved && { unresolved: expected.unresolved }) };
}

function wireType(session: Session, t: RelevantType): RelevantTypeItem {
  return { name: t.name, text: t.text, location: session.positions.location(t.ref), reason: t.reason };
}

function wireHeader(session: Session, h: RelevantHeader): RelevantHeaderItem {
  return {
    name: h.name,
    signature: h.signature,
    location: session.positions.location(h.ref),
    score: h.score,
    reason: h.reason,
  };
}
