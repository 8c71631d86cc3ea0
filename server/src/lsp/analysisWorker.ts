/**
 * The analysis worker as the main thread holds it (router.ts): a worker thread running worker.ts, with a deep stack
 * (TypeScript parses and checks by recursion: generated code nests thousands of levels) and its output sent to
 * stderr, never into the LSP stream. It says when it stops (its own crash, running out of memory) and when its event
 * loop has not turned for longer than the router allows (a single step that does not end).
 */
import { Worker } from 'node:worker_threads';
import type { Message } from 'vscode-languageserver-protocol';
import type { ToMain } from './worker.js';

export interface WorkerData {
  spackle: 'analysis';
  /** Ticked by the worker while its event loop turns. */
  heartbeat: SharedArrayBuffer;
}

export interface ToWorker {
  lsp?: Message;
  control?: { kind: 'quarantine'; files: Array<[string, string]> };
}

export interface AnalysisEvents {
  message(message: ToMain): void;
  /** The worker is gone (a crash, out of memory) or was stopped for stalling; `reason` says which. */
  stopped(reason: string): void;
}

/** Deep enough for a 100,000-level expression; reserved, not committed, until used. */
const STACK_MB = 256;
const WATCH_MS = 500;

export class AnalysisWorker {
  private worker: Worker | undefined;
  private heartbeat = new Int32Array(new SharedArrayBuffer(4));
  private watch: NodeJS.Timeout | undefined;
  /** Bumped at each start: what an older worker sent is stale. */
  generation = 0;

  constructor(
    private readonly entry: string,
    private readonly events: AnalysisEvents,
    private readonly stallLimitMs: () => number,
  ) {}

  start(): void {
    this.stop();
    const generation = ++this.generation;
    this.heartbeat = new Int32Array(new SharedArrayBuffer(4));
    const workerData: WorkerData = { spackle: 'analysis', heartbeat: this.heartbeat.buffer as SharedArrayBuffer };
    const worker = new Worker(this.entry, {
      workerData,
      stdout: true,
      stderr: true,
      resourceLimits: { stackSizeMb: STACK_MB },
    });
    worker.stdout.pipe(process.stderr, { end: false });
    worker.stderr.pipe(process.stderr, { end: false });
    const current = () => this.worker === worker && this.generation === generation;
    worker.on('message', (message: ToMain) => {
      if (current()) this.events.message(message);
    });
    worker.on('error', (error) => {
      if (current()) this.lost(error.message);
    });
    worker.on('exit', (code) => {
      if (current()) this.lost(`it exited with code ${code}`);
    });
    this.worker = worker;
    this.watchHeartbeat();
  }

  post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  stop(): void {
    clearInterval(this.watch);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private lost(reason: string): void {
    this.stop();
    this.events.stopped(reason);
  }

  private watchHeartbeat(): void {
    let beat = Atomics.load(this.heartbeat, 0);
    let since = performance.now();
    this.watch = setInterval(() => {
      const now = Atomics.load(this.heartbeat, 0);
      if (now !== beat) {
        beat = now;
        since = performance.now();
        return;
      }
      const stalledMs = performance.now() - since;
      if (stalledMs > this.stallLimitMs()) this.lost(`one step ran ${Math.round(stalledMs / 1000)} s without an end`);
    }, WATCH_MS);
    this.watch.unref();
  }
}
