import { isScriptFile } from '../../workspace/tsconfig.js';
import { pathToUri } from '../convert.js';
import { HoleDiagnostics } from './holes.js';
import { RepairsAhead } from './repairsAhead.js';
import type { Session } from '../session.js';

/** How long a document must stay unchanged before the work on its new text starts: not on every keystroke. */
const SETTLE_MS = 150;

/**
 * What runs once an open document stops changing: the hole diagnostics are published, then the errors the edit
 * left are repaired ahead of the code actions.
 */
export class AfterEdits {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly holes: HoleDiagnostics;
  private readonly ahead: RepairsAhead;

  constructor(private readonly session: Session) {
    this.holes = new HoleDiagnostics(session);
    this.ahead = new RepairsAhead(session);
  }

  opened(file: string, text: string): void {
    if (isScriptFile(file)) this.ahead.opened(file, text);
  }

  /** Whether the main thread left the document alone (it stalled the analysis before): nothing runs on it. */
  private leftAlone(file: string): boolean {
    return this.session.activity.quarantine(pathToUri(file)) !== undefined;
  }

  changed(file: string): void {
    if (!isScriptFile(file)) return;
    clearTimeout(this.timers.get(file));
    this.timers.set(file, setTimeout(() => this.settled(file), SETTLE_MS));
  }

  closed(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
    this.holes.clear(file);
    this.ahead.closed(file);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private settled(file: string): void {
    this.timers.delete(file);
    if (this.leftAlone(file)) return;
    void this.session.working(pathToUri(file), async () => {
      try {
        this.holes.publish(file);
      } catch (error) {
        this.session.failures.report('hole diagnostics', error);
      }
      await this.ahead.run(file);
    });
  }
}
