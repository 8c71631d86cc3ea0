import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import { FillHoleResult, REPAIR_FILE_COMMAND, RepairFileResult } from '../../../../protocol/index.js';
import type { Session } from '../session.js';
import { fillHoleCommand } from './fillHoleCommand.js';
import { repairFileCommand } from './repairFileCommand.js';

/** `workspace/executeCommand`: each command to its feature (the fill command refuses any it does not know). */
export function executeCommand(session: Session, params: ExecuteCommandParams, isCancelled: () => boolean): Promise<FillHoleResult | RepairFileResult> {
  return params?.command === REPAIR_FILE_COMMAND ? repairFileCommand(session, params, isCancelled) : fillHoleCommand(session, params, isCancelled);
}
