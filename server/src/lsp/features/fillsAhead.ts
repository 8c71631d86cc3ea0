/**
 * Readies the first fill of a document once it settles (synth/prepare.ts): after the project loads and after each
 * edit, so that the completion asked next answers within its budget. A newer edit or closing the file stops it.
 */
import { SpackleError } from '../../errors.js';
import { prepareFills } from '../../synth/prepare.js';
import type { Session } from '../session.js';

export async function prepareFillsAhead(session: Session, file: string): Promise<void> {
  const { workspace, logger } = session;
  if (!workspace.files.isOpen(file)) return;
  const version = workspace.files.version(file);
  try {
    const snapshot = workspace.snapshot(file);
    const stale = () => !workspace.files.isOpen(file) || workspace.files.version(file) !== version;
    const done = await prepareFills(snapshot, stale);
    logger.log('debug', `readied fills in ${file}: ${Math.round(done.ms)} ms in ${done.slices} slices, the longest ${Math.round(done.longestSliceMs)} ms`);
  } catch (error) {
    if (error instanceof SpackleError && error.reason === 'cancelled') return;
    const message = error instanceof Error ? error.message : String(error);
    logger.log(error instanceof SpackleError ? 'debug' : 'error', `readying fills in ${file}: ${message}`);
  }
}
