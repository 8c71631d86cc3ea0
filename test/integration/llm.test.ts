import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CancellationTokenSource,
  CompletionList,
  InlineCompletionList,
  LSPErrorCodes,
  MarkupContent,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { FakeOpenAI, Fault, FakeRequest, Reply } from '../helpers/fakeOpenAI.js';
import { FILL_PROJECT, openSpot, SPOTS, UNHURRIED_FILL } from '../helpers/fillProject.js';
import { Served, serveProject } from '../helpers/shop.js';

/** The real server over stdio, the real `openai` client inside it, and a local OpenAI-compatible server. */
let fake: FakeOpenAI;
let script: (request: FakeRequest) => Reply;
beforeAll(async () => {
  fake = await FakeOpenAI.start((request) => script(request));
});
afterAll(() => fake.stop());

const KEY = 'sk-integration-0123456789';
/** Roomy enough for a loaded CI machine; the fault tests check the answer comes within it all the same. */
const DEADLINE_MS = 4000;
const llmSettings = () => ({
  logLevel: 'debug',
  engine: 'llm',
  fill: { deadlineMs: 1000 },
  llm: { baseUrl: fake.baseUrl, model: 'fake-coder', apiKey: KEY, timeoutMs: 400, deadlineMs: DEADLINE_MS },
});

async function completionAt(
  served: Served,
  where = SPOTS.explicit,
  token?: CancellationTokenSource,
): Promise<{ list: CompletionList; ms: number }> {
  const params = await openSpot(served, where);
  const started = performance.now();
  const list = await (token
    ? served.client.connection.sendRequest<CompletionList>('textDocument/completion', params, token.token)
    : served.client.connection.sendRequest<CompletionList>('textDocument/completion', params));
  return { list, ms: performance.now() - started };
}

describe('the LLM engine over stdio', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveProject(FILL_PROJECT, { initializationOptions: llmSettings() });
  });
  afterAll(() => served.dispose());

  test("completion at an explicit hole: the model's fill, checked in place, saying which model made it", async () => {
    script = () => ({ text: 'guest' });
    const { list } = await completionAt(served);
    expect(list.items[0]).toMatchObject({ label: 'guest', detail: 'User' });
    expect((list.items[0].documentation as MarkupContent).value).toContain('by fake\\-coder');
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);
  });

  test('inline completion after `.`: a hallucinated member is corrected while the model streams', async () => {
    script = (r) => ({ text: r.prefill ? '' : 'cty' });
    const params = await openSpot(served, SPOTS.member);
    const ghost = await served.client.request<InlineCompletionList>('textDocument/inlineCompletion', {
      ...params,
      context: { triggerKind: 1 },
    });
    expect(ghost.items.map((i) => i.insertText)).toEqual(['city']);
  });

  test("the fill command applies the model's fill", async () => {
    script = () => ({ text: 'guest' });
    const params = await openSpot(served, SPOTS.explicit);
    const applied = await served.client.request<{ text: string }>('workspace/executeCommand', {
      command: 'spackle.fillHole',
      arguments: [{ uri: params.textDocument.uri, position: params.position }],
    });
    expect(applied.text).toBe('guest');
    expect(served.client.text(params.textDocument.uri)).toContain('signedIn ?? guest');
    await served.client.replace(params.textDocument.uri, 'signedIn ?? guest', 'signedIn ?? _()');
  });

  const FAULTS: Array<[string, Fault]> = [
    ['a slow first byte', { kind: 'slowFirstByte', ms: 5000 }],
    ['a disconnect mid-stream', { kind: 'disconnect', afterTokens: 1 }],
    ['429 with a Retry-After past the deadline', { kind: 'status', status: 429, retryAfterSeconds: 30 }],
    ['500', { kind: 'status', status: 500 }],
    ['invalid JSON', { kind: 'invalidJson' }],
    ['a never-ending stream', { kind: 'endless' }],
  ];
  test.each(FAULTS)(
    '%s: answered within the deadline with the embedded fills, and the server still serves',
    async (_name, fault) => {
      script = () => ({ text: 'guest.nope.nope', fault });
      const { list, ms } = await completionAt(served);
      expect(ms).toBeLessThan(DEADLINE_MS + 1000);
      expect(list.items[0]).toMatchObject({ label: 'guest' });
      expect((list.items[0].documentation as MarkupContent).value).toMatch(/embedded engine; LLM: /);
      script = () => ({ text: 'guest' });
      expect((await completionAt(served)).list.items[0].label).toBe('guest');
    },
  );

  test('$/cancelRequest while the model is slow: RequestCancelled at once, and the server still serves', async () => {
    script = () => ({ text: 'guest', fault: { kind: 'slowFirstByte', ms: 5000 } });
    const cancel = new CancellationTokenSource();
    const pending = completionAt(served, SPOTS.explicit, cancel);
    setTimeout(() => cancel.cancel(), 200);
    const started = performance.now();
    const outcome = await pending.then(
      () => undefined,
      (error: ResponseError<unknown>) => error,
    );
    expect(outcome?.code).toBe(LSPErrorCodes.RequestCancelled);
    expect(performance.now() - started).toBeLessThan(1500);
    script = () => ({ text: 'guest' });
    expect((await completionAt(served)).list.items[0].label).toBe('guest');
  });

  test('the API key never reaches the logs, even when the server quotes it', async () => {
    script = () => ({ fault: { kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}` } });
    const { list } = await completionAt(served);
    expect((list.items[0].documentation as MarkupContent).value).toContain('401');
    const said = JSON.stringify([
      ...served.client.notifications('window/logMessage'),
      ...served.client.notifications('window/showMessage'),
      list,
    ]);
    expect(said).toContain('401');
    expect(said).not.toContain('0123456789');
    expect(served.client.stderr.join('')).not.toContain('0123456789');
  });
});

describe('settings of the LLM engine over stdio', () => {
  test('from the environment: SPACKLE_ENGINE, SPACKLE_BASE_URL, SPACKLE_MODEL, OPENAI_API_KEY', async () => {
    script = () => ({ text: 'guest' });
    const saved = { ...process.env };
    Object.assign(process.env, {
      SPACKLE_ENGINE: 'llm',
      SPACKLE_BASE_URL: fake.baseUrl,
      SPACKLE_MODEL: 'env-coder',
      OPENAI_API_KEY: 'sk-from-env',
    });
    let served: Served | undefined;
    try {
      served = await serveProject(FILL_PROJECT);
    } finally {
      for (const name of ['SPACKLE_ENGINE', 'SPACKLE_BASE_URL', 'SPACKLE_MODEL', 'OPENAI_API_KEY']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    const { list } = await completionAt(served);
    expect((list.items[0].documentation as MarkupContent).value).toContain('by env\\-coder');
    expect(fake.requests.at(-1)).toMatchObject({ authorization: 'Bearer sk-from-env', body: { model: 'env-coder' } });
    await served.dispose();
  });

  test('workspace/configuration switches the engine; an incomplete one is refused with a clear message', async () => {
    const served = await serveProject(FILL_PROJECT, {
      configuration: { engine: 'llm', fill: UNHURRIED_FILL, llm: { model: 'm' } },
    });
    const warning = await served.client.waitForNotification('window/showMessage', (m: { message: string }) =>
      m.message.includes('spackle.engine llm needs spackle.llm.baseUrl'),
    );
    expect(warning.message).toContain('the embedded engine fills holes meanwhile');
    const requests = fake.requests.length;
    const { list } = await completionAt(served);
    expect(list.items[0].label).toBe('guest');
    expect(fake.requests.length).toBe(requests);
    served.client.configuration = {
      engine: 'llm',
      fill: UNHURRIED_FILL,
      llm: { baseUrl: fake.baseUrl, model: 'configured-coder' },
    };
    script = () => ({ text: 'guest' });
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await served.client.waitFor(
      'the new configuration',
      () => served.client.serverRequests.filter((r) => r.method === 'workspace/configuration').length >= 2 || undefined,
    );
    const after = await completionAt(served);
    expect((after.list.items[0].documentation as MarkupContent).value).toContain('by configured\\-coder');
    await served.dispose();
  });
});
