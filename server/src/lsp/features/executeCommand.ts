/**
 * `workspace/executeCommand`: each command to its feature.
 */
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { FillHoleResult, REPAIR_FILE_COMMAND, RepairFileResult } from '../../../../protocol/index.js';
import type { Session } from '../session.js';
import { fillHoleCommand } from './fillHoleCommand.js';
import { repairFileCommand } from './repairFileCommand.js';

/** `workspace/executeCommand`: each command to its feature (the fill command refuses any it does not know). */
export function executeCommand(
  session: Session,
  params: ExecuteCommandParams,
  budget: Budget,
): Promise<FillHoleResult | RepairFileResult> {
  return params?.command === REPAIR_FILE_COMMAND
    ? repairFileCommand(session, params, budget)
    : fillHoleCommand(session, params, budget);
}
