/**
 * `textDocument/completion`: the hole's fills as completion items, each editing the hole (`_()` or the identifier at
 * the cursor), within the completion's budget; with a model, for clients without inline completion, the code it
 * completes any other cursor in code with, as one item.
 */
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  CompletionParams,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver/node';
import type { Budget, CodeCompletion, FillResult } from '../../analysis.js';
import { DIAGNOSTIC_SOURCE, FillCompletionData } from '../../../../protocol/index.js';
import { positionParams } from '../convert.js';
import {
  completionDocumentation,
  completionKindOf,
  documentationOf,
  filterTextOf,
  sortTextOf,
} from '../fillPresentation.js';
import { fillEdit, holeText } from '../fills.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const NONE: CompletionList = { isIncomplete: false, items: [] };

/**
 * Completion at a hole (an explicit `_()` or the cursor): the engine's fills, which type-check in place, ahead of the
 * TypeScript server's items in the same list; with a model, elsewhere in code, for clients without inline completion,
 * the code it completes the cursor with. In a comment or a string there is no hole: an empty list.
 */
export function completion(session: Session, params: CompletionParams, budget: Budget): Promise<CompletionList> {
  return orIfRefused(['unsupportedFile', 'invalidPosition'], NONE, () => fillCompletion(session, params, budget));
}

async function fillCompletion(session: Session, params: CompletionParams, budget: Budget): Promise<CompletionList> {
  const { file, offset } = positionParams(params, session.positions);
  // A client that shows no ghost text gets the code a model completes the cursor with as an item (its whole edit).
  const wantsCode = !session.capabilities.textDocument?.inlineCompletion;
  const suggestion = await session.suggestions.at(session, file, offset, budget, wantsCode);
  if (!suggestion) return { isIncomplete: true, items: [] };
  if (suggestion.kind === 'fill') return fillItems(session, suggestion.result);
  const { completion } = suggestion;
  // Where nothing the model wrote holds, the embedded engine's fills, as the LLM engine falls back to them.
  if (!completion.text)
    return fillItems(session, await session.analysis.embeddedFill(file, offset, session.settings.fill.limit, budget));
  return { isIncomplete: true, items: [codeItem(session, file, completion)] };
}

function fillItems(session: Session, result: FillResult): CompletionList {
  const hole = holeText(session, result);
  const markdown = prefersMarkdown(session);
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

/**
 * The code as one item replacing the identifier typed before the cursor (editors filter items by it) with that
 * identifier and the code: labelled by its first line, the whole code in its documentation.
 */
function codeItem(session: Session, file: string, completion: CodeCompletion): CompletionItem {
  const before = session.positions.document(file).getText().slice(0, completion.offset);
  const typed = /[\p{ID_Continue}$]*$/u.exec(before)![0];
  const newText = typed + completion.text;
  const lines = newText.split(/\r?\n/).filter((line) => line.trim());
  const data: FillCompletionData = { source: DIAGNOSTIC_SOURCE };
  return {
    label: `${lines[0].trim()}${lines.length > 1 ? ' …' : ''}`,
    kind: CompletionItemKind.Snippet,
    detail: completion.verified ? 'type-checks in place' : 'unverified',
    documentation: completionDocumentation(completion, prefersMarkdown(session)),
    sortText: sortTextOf(0, completion.verified),
    filterText: newText,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: session.positions.range(file, completion.offset - typed.length, completion.offset), newText },
    data,
  };
}

function prefersMarkdown(session: Session): boolean {
  const formats = session.capabilities.textDocument?.completion?.completionItem?.documentationFormat;
  return formats?.includes(MarkupKind.Markdown) ?? false;
}
