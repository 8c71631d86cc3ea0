/**
 * What the analysis works on, told to the main thread (router.ts) as it starts and ends: when a step blocks the
 * analysis too long, the main thread restarts it and names the documents it was busy with, which are then left
 * alone ("quarantined") until they change.
 */

/** The main thread's side of the analysis, as the analysis sees it; absent when served in-process. */
export interface AnalysisHost {
  busy(key: number, uri: string | undefined, loading: boolean): void;
  idle(key: number): void;
  /** The budget of one fill or repair, as the settings give it (the main thread answers in time without it). */
  workBudget(ms: number): void;
  onQuarantine(listener: (reasons: Map<string, string>) => void): void;
}

export class Activity {
  private next = 0;
  private quarantined = new Map<string, string>();

  constructor(private readonly host: AnalysisHost | undefined) {
    host?.onQuarantine((reasons) => {
      this.quarantined = reasons;
    });
  }

  /** Why the document at `uri` is left alone, if it is. */
  quarantine(uri: string): string | undefined {
    return this.quarantined.get(uri);
  }

  /** Runs `work` reported as busy with `uri` (`loading` when it may build a project's first program, which is long). */
  async during<T>(uri: string | undefined, loading: boolean, work: () => T | Promise<T>): Promise<T> {
    const key = ++this.next;
    this.host?.busy(key, uri, loading);
    try {
      return await work();
    } finally {
      this.host?.idle(key);
    }
  }

  workBudget(ms: number): void {
    this.host?.workBudget(ms);
  }
}
