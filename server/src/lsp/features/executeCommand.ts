/**
 * `workspace/executeCommand`: each command to its feature.
 */
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import {
  ACCEPTED_UNVERIFIED_COMMAND,
  AcceptedUnverifiedArguments,
  FillHoleResult,
  REPAIR_FILE_COMMAND,
  RepairFileResult,
} from '../../../../protocol/index.js';
import type { Session } from '../session.js';
import { fillHoleCommand } from './fillHoleCommand.js';
import { repairFileCommand } from './repairFileCommand.js';

/** `workspace/executeCommand`: each command to its feature (the fill command refuses any it does not know). */
export function executeCommand(
  session: Session,
  params: ExecuteCommandParams,
  budget: Budget,
): Promise<FillHoleResult | RepairFileResult | null> {
  if (params?.command === ACCEPTED_UNVERIFIED_COMMAND) return acceptedUnverified(session, params);
  if (params?.command === REPAIR_FILE_COMMAND) return repairFileCommand(session, params, budget);
  return fillHoleCommand(session, params, budget);
}

/** The user accepted a completion that does not type-check (lenient mode): say which errors it adds. */
async function acceptedUnverified(session: Session, params: ExecuteCommandParams): Promise<null> {
  const errors = (params.arguments?.[0] as Partial<AcceptedUnverifiedArguments> | undefined)?.errors;
  const messages = Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
  const why = messages.length ? `: ${messages.join('; ')}` : '';
  session.showWarning(`Spackle: the completion you accepted does not type-check${why}`);
  return null;
}
