/**
 * Readies the first fill of a document (synth/prepare.ts) once it settles after opening, so that the completion asked
 * next answers within its budget. A newer edit or closing the file stops it; resolves to whether it ran to the end.
 */
import { SpackleError } from '../../errors.js';
import { prepareFills } from '../../synth/prepare.js';
import type { Session } from '../session.js';

export async function prepareFillsAhead(session: Session, file: string): Promise<boolean> {
  const { workspace, logger } = session;
  if (!workspace.files.isOpen(file)) return false;
  const version = workspace.files.version(file);
  try {
    const snapshot = workspace.snapshot(file);
    const stale = () => !workspace.files.isOpen(file) || workspace.files.version(file) !== version;
    const done = await prepareFills(snapshot, stale);
    const slices = `${done.slices} slices, the longest ${Math.round(done.longestSliceMs)} ms`;
    logger.log('debug', `readied fills in ${file}: ${Math.round(done.ms)} ms in ${slices}`);
    return true;
  } catch (error) {
    if (error instanceof SpackleError && error.reason === 'cancelled') return false;
    const message = error instanceof Error ? error.message : String(error);
    logger.log(error instanceof SpackleError ? 'debug' : 'error', `readying fills in ${file}: ${message}`);
    return false;
  }
}
