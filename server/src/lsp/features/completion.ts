/**
 * `textDocument/completion`: the hole's fills as completion items, each editing the hole (`_()` or the identifier at
 * the cursor), within the completion's budget.
 */
import {
  CompletionItem,
  CompletionList,
  CompletionParams,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { DIAGNOSTIC_SOURCE, FillCompletionData } from '../../../../protocol/index.js';
import { positionParams } from '../convert.js';
import { completionKindOf, documentationOf, filterTextOf, sortTextOf } from '../fillPresentation.js';
import { fillEdit, fillsAt, holeText } from '../fills.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const NONE: CompletionList = { isIncomplete: false, items: [] };

/**
 * Completion at a hole (an explicit `_()` or the cursor): the engine's fills, which type-check in place, ahead of the
 * TypeScript server's items in the same list. In a comment or a string there is no hole: an empty list.
 */
export function completion(session: Session, params: CompletionParams, budget: Budget): Promise<CompletionList> {
  return orIfRefused(['unsupportedFile', 'invalidPosition'], NONE, () => fillCompletion(session, params, budget));
}

async function fillCompletion(session: Session, params: CompletionParams, budget: Budget): Promise<CompletionList> {
  const { file, offset } = positionParams(params, session.positions);
  const result = await fillsAt(session, file, offset, budget);
  const hole = holeText(session, result);
  const formats = session.capabilities.textDocument?.completion?.completionItem?.documentationFormat;
  const markdown = formats?.includes(MarkupKind.Markdown) ?? false;
  const data: FillCompletionData = { source: DIAGNOSTIC_SOURCE };
  const items = result.fills.map((fill, rank): CompletionItem => ({
    label: fill.text,
    kind: completionKindOf(fill.form),
    detail: fill.type,
    documentation: documentationOf(fill, result.expectedType, markdown, result.unresolved),
    sortText: sortTextOf(rank, fill.verified),
    filterText: filterTextOf(result.hole.kind, hole, fill.text),
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: fillEdit(session, result, fill),
    data,
  }));
  // What is typed at a cursor hole re-ranks the fills, and only the best `limit` are here: ask again as it grows.
  return { isIncomplete: result.hole.kind === 'cursor', items };
}
