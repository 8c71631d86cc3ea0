/**
 * The `spackle.repairFile` command: every error of a file repaired (`repair/file.ts`), applied by one workspace edit.
 */
import { ExecuteCommandParams, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  REPAIR_FILE_COMMAND,
  RepairedError,
  RepairFileArguments,
  RepairFileResult,
} from '../../../../protocol/index.js';
import type { Budget, CompilerError } from '../../analysis.js';
import { SpackleError } from '../../errors.js';
import { uriToPath } from '../convert.js';
import type { Session } from '../session.js';
import { editOf } from './repairActions.js';

/**
 * `workspace/executeCommand` `spackle.repairFile`: the best verified repair of every compiler error of a document,
 * proven together on the whole file and applied in one `workspace/applyEdit`; answers what was repaired and what
 * was not (and why). An error when the editor refuses the edit.
 */
export async function repairFileCommand(
  session: Session,
  params: ExecuteCommandParams,
  budget: Budget,
): Promise<RepairFileResult> {
  if (!session.capabilities.workspace?.applyEdit) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `${REPAIR_FILE_COMMAND} needs a client that applies workspace edits`,
    );
  }
  const uri = uriOf(params.arguments);
  const file = uriToPath(uri);
  const result = await session.analysis.repairFile(file, budget.within(session.settings.fill.deadlineMs));
  const plain = (e: CompilerError): RepairedError => ({
    range: session.positions.range(file, e.start, e.end),
    code: e.code,
    message: e.message,
  });
  const report: RepairFileResult = {
    uri,
    fixed: result.fixed.map((r) => ({ ...plain(r.target), description: r.description })),
    unfixed: result.unfixed.map((u) => ({ ...plain(u.target), reason: u.reason })),
  };
  if (!result.changes.length) return report;
  const label = `Spackle: repair ${result.fixed.length} ${result.fixed.length === 1 ? 'error' : 'errors'}`;
  const applied = await session.connection.workspace.applyEdit({
    label,
    edit: editOf(session, uri, file, result.changes),
  });
  if (!applied.applied) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `the editor did not apply the repairs${applied.failureReason ? `: ${applied.failureReason}` : ''}`,
    );
  }
  return report;
}

/** `[{ uri }]` (what a client builds) or `[uri]` (what a keybinding passes). */
function uriOf(args: unknown[] | undefined): string {
  const [first] = Array.isArray(args) ? args : [];
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as Partial<RepairFileArguments>).uri === 'string')
    return (first as RepairFileArguments).uri;
  throw new SpackleError('invalidParams', `${REPAIR_FILE_COMMAND} takes [{ uri }] or [uri]`);
}
