/**
 * Work that waits for a document to settle (150 ms without a change), not done on every keystroke: the hole diagnostics
 * are published, the first fill is readied (`fillsAhead.ts`) and the errors the edit left are repaired ahead
 * (`repairsAhead.ts`).
 */
import { isScriptFile } from '../../analysis.js';
import { pathToUri } from '../convert.js';
import { prepareFillsAhead } from './fillsAhead.js';
import { HoleDiagnostics } from './holes.js';
import { RepairsAhead } from './repairsAhead.js';
import type { Session } from '../session.js';

/** How long a document must stay unchanged before the work on its new text starts: not on every keystroke. */
const SETTLE_MS = 150;

/**
 * What runs once an open document stops changing: the hole diagnostics are published, the first fill is readied
 * (once per opening, and again when the file's warm checker was lost: after an edit, the repairs ahead check the
 * statements it touched), then the errors the edit left are repaired ahead of the code actions. Work a newer edit
 * overtook is left to that edit's turn.
 */
export class AfterEdits {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly holes: HoleDiagnostics;
  private readonly ahead: RepairsAhead;
  /** Open documents whose first fill is readied. */
  private readonly readied = new Set<string>();

  constructor(private readonly session: Session) {
    this.holes = new HoleDiagnostics(session);
    this.ahead = new RepairsAhead(session);
  }

  opened(file: string, text: string): void {
    if (!isScriptFile(file)) return;
    this.ahead.opened(file, text);
    this.readied.delete(file);
  }

  /** Whether the main thread left the document alone (it stalled the analysis before): nothing runs on it. */
  private leftAlone(file: string): boolean {
    return this.session.activity.quarantine(pathToUri(file)) !== undefined;
  }

  changed(file: string): void {
    if (!isScriptFile(file)) return;
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => void this.settled(file), SETTLE_MS),
    );
  }

  closed(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
    this.holes.clear(file);
    this.ahead.closed(file);
    this.readied.delete(file);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Was what readying warmed in the file lost (its warm checker: a cancelled check, spent, pushed out)? */
  private readiedLost(file: string): boolean {
    try {
      return this.session.analysis.readiedLost(file);
    } catch (error) {
      this.session.failures.report('readying fills', error);
      return false;
    }
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
      if (!this.readied.has(file) || this.readiedLost(file)) {
        if (await prepareFillsAhead(this.session, file)) this.readied.add(file);
        if (this.timers.has(file)) return;
      }
      await this.ahead.run(file);
    });
  }
}
