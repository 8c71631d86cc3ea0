/**
 * The worker thread of `ModelThread` (modelThread.ts): the scripted OpenAI-compatible server, streaming on its own
 * event loop as a remote model does while the client checks what it has received.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeOpenAI, FakeOptions } from '../../test/helpers/fakeOpenAI.js';
import { scriptedAnswer, SiteScript } from './scriptedAnswer.js';

export type ModelMessage = { kind: 'script'; script: SiteScript } | { kind: 'times'; from: number } | { kind: 'stop' };

const SETTLE_POLL_MS = 5;

async function serve(): Promise<void> {
  const fake = await FakeOpenAI.start(() => ({ text: '' }), workerData as FakeOptions);
  parentPort!.postMessage({ baseUrl: fake.baseUrl });
  parentPort!.on('message', async (message: ModelMessage) => {
    if (message.kind === 'script') {
      fake.script = scriptedAnswer(message.script);
      parentPort!.postMessage({ scripted: true });
    } else if (message.kind === 'times') {
      // A request's time is known once its connection closed (the client may close it after its last piece).
      const asked = fake.requests.slice(message.from);
      while (asked.some((r) => r.ms === undefined)) await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
      parentPort!.postMessage({ times: asked.map((r) => r.ms!) });
    } else {
      await fake.stop();
      parentPort!.postMessage({ stopped: true });
    }
  });
}

void serve();
