/**
 * bench:complete's scripted model in a worker thread. In the client's thread the server could not stream while the
 * client checks (monitors, checks in place): its time would hold the client's work, which a remote model's does not.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FakeOptions } from '../../test/helpers/fakeOpenAI.js';
import type { ModelMessage } from './modelWorker.js';
import type { SiteScript } from './scriptedAnswer.js';

export class ModelThread {
  private constructor(
    private readonly worker: Worker,
    readonly baseUrl: string,
  ) {}

  static async start(options: FakeOptions): Promise<ModelThread> {
    const worker = new Worker(path.join(__dirname, 'modelWorker.js'), { workerData: options });
    const { baseUrl } = await reply<{ baseUrl: string }>(worker);
    return new ModelThread(worker, baseUrl);
  }

  /** Requests the server has answered so far. */
  requests = 0;

  /** The script of the next site. */
  async script(script: SiteScript): Promise<void> {
    await this.ask({ kind: 'script', script });
  }

  /** The server's own time for each request since the `from`th (from its arrival to the end of its response), ms. */
  async timesSince(from: number): Promise<number[]> {
    const { times } = await this.ask<{ times: number[] }>({ kind: 'times', from });
    this.requests = from + times.length;
    return times;
  }

  async stop(): Promise<void> {
    await this.ask({ kind: 'stop' });
    await this.worker.terminate();
  }

  private ask<T>(message: ModelMessage): Promise<T> {
    const answered = reply<T>(this.worker);
    this.worker.postMessage(message);
    return answered;
  }
}

function reply<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const answered = (message: T) => {
      worker.off('error', failed);
      resolve(message);
    };
    const failed = (error: Error) => {
      worker.off('message', answered);
      reject(error);
    };
    worker.once('message', answered);
    worker.once('error', failed);
  });
}
