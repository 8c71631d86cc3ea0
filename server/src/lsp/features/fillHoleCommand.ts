/**
 * The `spackle.fillHole` command: the hole at a position filled with its best fill through `workspace/applyEdit`,
 * answered with what was applied, or an error saying why nothing was.
 */
import {
  ExecuteCommandParams,
  LSPErrorCodes,
  ResponseError,
  TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { FILL_HOLE_COMMAND, FillHoleArguments, FillHoleResult } from '../../../../protocol/index.js';
import { SpackleError } from '../../errors.js';
import { positionParams } from '../convert.js';
import { unverifiedBecause } from '../fillPresentation.js';
import { confidentFill, fillEdit, fillsAt } from '../fills.js';
import type { Session } from '../session.js';

/**
 * `workspace/executeCommand` `spackle.fillHole`: fills the hole at a position with its best fill through
 * `workspace/applyEdit`, and answers with what it applied; with an error when there is no hole, no fill, or the
 * editor refused the edit.
 */
export async function fillHoleCommand(
  session: Session,
  params: ExecuteCommandParams,
  budget: Budget,
): Promise<FillHoleResult> {
  if (params?.command !== FILL_HOLE_COMMAND)
    throw new SpackleError('invalidParams', `unknown command ${JSON.stringify(params?.command)?.slice(0, 100)}`);
  if (!session.capabilities.workspace?.applyEdit) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `${FILL_HOLE_COMMAND} needs a client that applies workspace edits`,
    );
  }
  const target = targetOf(params.arguments);
  const { file, offset } = positionParams(target, session.positions);
  const result = await fillsAt(session, file, offset, budget);
  const best = confidentFill(result);
  const where = `${target.position.line + 1}:${target.position.character + 1}`;
  if (!best && result.unresolved) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `no fill can be verified at ${where}: ${unverifiedBecause(result.unresolved)}`,
    );
  }
  if (!best) {
    const expected = result.expectedType ? ` of type ${result.expectedType}` : '';
    throw new ResponseError(LSPErrorCodes.RequestFailed, `no fill${expected} type-checks at the hole at ${where}`);
  }
  const edit = fillEdit(session, result, best);
  const uri = target.textDocument.uri;
  const applied = await session.connection.workspace.applyEdit({
    label: `Fill hole with ${best.text}`,
    edit: { changes: { [uri]: [edit] } },
  });
  if (!applied.applied) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `the editor did not apply the fill ${best.text}${applied.failureReason ? `: ${applied.failureReason}` : ''}`,
    );
  }
  return { uri, range: edit.range, text: best.text, type: best.type };
}

/** `[{ uri, position }]` (what a client builds) or `[uri, position]` (what a keybinding passes). */
function targetOf(args: unknown[] | undefined): TextDocumentPositionParams {
  const [first, second] = Array.isArray(args) ? args : [];
  if (typeof first === 'string')
    return { textDocument: { uri: first }, position: second as FillHoleArguments['position'] };
  if (first && typeof first === 'object') {
    const { uri, position } = first as Partial<FillHoleArguments>;
    return { textDocument: { uri: uri as string }, position: position as FillHoleArguments['position'] };
  }
  throw new SpackleError('invalidParams', `${FILL_HOLE_COMMAND} takes [{ uri, position }] or [uri, position]`);
}
