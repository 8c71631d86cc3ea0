/**
 * `textDocument/inlineCompletion`: the one confident fill as ghost text.
 */
import type { InlineCompletionList, InlineCompletionParams } from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { positionParams } from '../convert.js';
import { filterTextOf } from '../fillPresentation.js';
import { confidentFill, fillEdit, fillsAt, holeText } from '../fills.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const NONE: InlineCompletionList = { items: [] };

/** `textDocument/inlineCompletion` (LSP 3.18): the best fill of the hole at the cursor as ghost text. */
export function inlineCompletion(
  session: Session,
  params: InlineCompletionParams,
  budget: Budget,
): Promise<InlineCompletionList> {
  return orIfRefused(['unsupportedFile', 'invalidPosition'], NONE, async () => {
    const { file, offset } = positionParams(params, session.positions);
    const result = await fillsAt(session, file, offset, budget);
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
