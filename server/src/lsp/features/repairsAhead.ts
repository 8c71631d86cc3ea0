/**
 * Repairs ahead, per open document: once it settles, the errors its edit left are repaired (`repair/anticipate.ts`)
 * into the store the code actions read.
 */
import { Budget, isCancellation } from '../../budget.js';
import { SpackleError } from '../../errors.js';
import type { Session } from '../session.js';

/**
 * Repairs the errors an edit left once the document settles (anticipate.ts), so that the code actions asked on them
 * are answered from the repairs kept per program. Each file's text when that last ran to the end is the "before" of
 * the next: an edit whose work a newer edit cut short is looked at again with it.
 */
export class RepairsAhead {
  private readonly settled = new Map<string, string>();

  constructor(private readonly session: Session) {}

  opened(file: string, text: string): void {
    this.settled.set(file, text);
  }

  closed(file: string): void {
    this.settled.delete(file);
  }

  async run(file: string): Promise<void> {
    const { analysis, settings, logger } = this.session;
    const before = this.settled.get(file);
    if (before === undefined || !settings.repairAhead || !analysis.files.isOpen(file)) return;
    const version = analysis.files.version(file);
    try {
      const stale = () => !analysis.files.isOpen(file) || analysis.files.version(file) !== version;
      const done = await analysis.repairAhead(file, before, Budget.cancellable(stale));
      if (this.settled.has(file)) this.settled.set(file, done.text);
      if (done.repaired.length)
        logger.log('debug', `repaired ahead ${done.repaired.length} error(s) in ${file} in ${Math.round(done.ms)} ms`);
    } catch (error) {
      if (isCancellation(error)) return;
      const message = error instanceof Error ? error.message : String(error);
      logger.log(error instanceof SpackleError ? 'debug' : 'error', `repairs ahead in ${file}: ${message}`);
    }
  }
}
