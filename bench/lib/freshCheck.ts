/**
 * The benches' judge, bounded: a fresh program (freshProgram.ts) in a worker with a heap limit and a time limit per
 * check, answering synchronously. A check that runs out of time or memory costs that text's verdict (it counts as
 * adding an error), not the run.
 */
import * as path from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type ts from 'typescript';
import type { FileError, ProgramInit } from './freshProgram.js';

export type { FileError } from './freshProgram.js';

/**
 * What one fresh check may take. Some texts send TypeScript into a type comparison that does not end: a code fix
 * importing zod v3's `ZodType` into v4 code filled 8 GB. Such a check is given up, and the text counts as adding an
 * error (it was not shown to hold).
 */
const LIMITS = { ms: 60_000, heapMb: 3072 };
const POLL_MS = 10;

/**
 * `FreshProgram` in a worker thread with a heap limit, answering synchronously: the benches judge one text after
 * another, and a check that runs out of time or memory costs that text's verdict, not the run.
 */
export class FreshChecker {
  private readonly init: ProgramInit;
  private running?: { worker: Worker; port: MessagePort };
  private requests = 0;
  private readonly pause = new Int32Array(new SharedArrayBuffer(4));

  constructor(project: ts.Program) {
    this.init = {
      rootNames: project.getRootFileNames(),
      options: project.getCompilerOptions(),
      projectReferences: project.getProjectReferences(),
    };
  }

  /** The errors (syntactic and semantic) of `fileName` when it holds `text`. */
  errors(fileName: string, text: string): FileError[] {
    const { worker, port } = (this.running ??= this.start());
    const id = ++this.requests;
    worker.postMessage({ id, fileName, text });
    const deadline = Date.now() + LIMITS.ms;
    for (;;) {
      const received = receiveMessageOnPort(port)?.message as { id: number; errors: FileError[] } | undefined;
      if (received?.id === id) return received.errors;
      if (Date.now() > deadline) break;
      Atomics.wait(this.pause, 0, 0, POLL_MS);
    }
    void worker.terminate();
    this.running = undefined;
    return [
      {
        code: 0,
        start: 0,
        message: `the fresh check gave no answer within ${LIMITS.ms / 1000} s and ${LIMITS.heapMb} MB`,
      },
    ];
  }

  private start(): { worker: Worker; port: MessagePort } {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(path.join(__dirname, 'freshCheckWorker.js'), {
      workerData: { init: this.init, port: port2 },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: LIMITS.heapMb },
    });
    // The process ends when the bench does, the worker with it.
    worker.unref();
    // A worker killed by its heap limit reports it as an error event: the check above gives up on its own clock.
    worker.on('error', () => {});
    return { worker, port: port1 };
  }
}
