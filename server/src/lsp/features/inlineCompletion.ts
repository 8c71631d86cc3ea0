/**
 * `textDocument/inlineCompletion`: ghost text. At a hole, its one confident fill; with a model, elsewhere in code, the
 * code it completes the cursor with, verified in place.
 */
import type { InlineCompletionItem, InlineCompletionList, InlineCompletionParams } from 'vscode-languageserver/node';
import type { Budget, CodeCompletion } from '../../analysis.js';
import { ACCEPTED_UNVERIFIED_COMMAND, AcceptedUnverifiedArguments } from '../../../../protocol/index.js';
import { positionParams } from '../convert.js';
import { filterTextOf } from '../fillPresentation.js';
import { confidentFill, fillEdit, holeText } from '../fills.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const NONE: InlineCompletionList = { items: [] };

/**
 * `textDocument/inlineCompletion` (LSP 3.18): ghost text. At a hole, its best fill; with a model, elsewhere in code,
 * the code it completes the cursor with, verified in place (in lenient mode, unverified code carries a command that
 * says so once accepted).
 */
export function inlineCompletion(
  session: Session,
  params: InlineCompletionParams,
  budget: Budget,
): Promise<InlineCompletionList> {
  return orIfRefused(['unsupportedFile', 'invalidPosition'], NONE, async () => {
    const { file, offset } = positionParams(params, session.positions);
    const suggestion = await session.suggestions.at(session, file, offset, budget, true);
    if (!suggestion) return NONE;
    if (suggestion.kind === 'code')
      return { items: suggestion.completion.text ? [codeItem(session, file, suggestion.completion)] : [] };
    const result = suggestion.result;
    const best = confidentFill(result);
    if (!best) return NONE;
    const { range, newText } = fillEdit(session, result, best);
    // Shown only while the text in `range` is a prefix of the filter text; as for completion, `_()` goes in front.
    return {
      items: [
        { insertText: newText, range, filterText: filterTextOf(result.hole.kind, holeText(session, result), newText) },
      ],
    };
  });
}

function codeItem(session: Session, file: string, completion: CodeCompletion): InlineCompletionItem {
  const range = session.positions.range(file, completion.offset, completion.offset);
  if (completion.verified) return { insertText: completion.text, range };
  const unverified: AcceptedUnverifiedArguments = { errors: completion.errors };
  return {
    insertText: completion.text,
    range,
    command: { title: 'Spackle: unverified completion', command: ACCEPTED_UNVERIFIED_COMMAND, arguments: [unverified] },
  };
}
