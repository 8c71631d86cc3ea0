/**
 * The worker thread of `FreshChecker` (freshCheck.ts): one fresh program per text asked, its errors sent back.
 */
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { FreshProgram, ProgramInit } from './freshProgram.js';

/**
 * The worker of `FreshChecker`: answers each `{ id, fileName, text }` with the file's errors on the port it was given.
 */
const { init, port } = workerData as { init: ProgramInit; port: MessagePort };
const fresh = new FreshProgram(init);
parentPort!.on('message', ({ id, fileName, text }: { id: number; fileName: string; text: string }) => {
  port.postMessage({ id, errors: fresh.errors(fileName, text) });
});
