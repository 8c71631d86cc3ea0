/**
 * Readies the first fill of a document (synth/prepare.ts) once it settles after opening, so that the completion asked
 * next answers within its budget. A newer edit or closing the file stops it; resolves to whether it ran to the end.
 */
import { Budget, isCancellation } from '../../budget.js';
import { SpackleError } from '../../errors.js';
import type { Session } from '../session.js';

export async function prepareFillsAhead(session: Session, file: string): Promise<boolean> {
  const { analysis, logger } = session;
  if (!analysis.files.isOpen(file)) return false;
  const version = analysis.files.version(file);
  try {
    const stale = () => !analysis.files.isOpen(file) || analysis.files.version(file) !== version;
    const done = await analysis.readyFills(file, Budget.cancellable(stale));
    const slices = `${done.slices} slices, the longest ${Math.round(done.longestSliceMs)} ms`;
    logger.log('debug', `readied fills in ${file}: ${Math.round(done.ms)} ms in ${slices}`);
    return true;
  } catch (error) {
    if (isCancellation(error)) return false;
    const message = error instanceof Error ? error.message : String(error);
    logger.log(error instanceof SpackleError ? 'debug' : 'error', `readying fills in ${file}: ${message}`);
    return false;
  }
}
