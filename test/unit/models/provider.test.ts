import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, LlmSettings } from '../../../server/src/config.js';
import { silentLogger } from '../../../server/src/log.js';
import { ModelProvider } from '../../../server/src/models/provider.js';
import { Budget } from '../../../server/src/budget.js';
import { ModelError, ModelRequest } from '../../../server/src/models/modelData.js';
import { FakeOpenAI, FakeOptions, Reply } from '../../helpers/fakeOpenAI.js';

/** The real `openai` client against a real local HTTP server: no HTTP mocking anywhere. */
let fake: FakeOpenAI;
let replies: Array<(request: number) => Reply>;
beforeAll(async () => {
  fake = await FakeOpenAI.start((request) => (replies[request.index] ?? replies[replies.length - 1])(request.index));
});
afterAll(() => fake.stop());

let endpoints = 0;
/** A provider on a fresh endpoint name (capabilities are learned per endpoint), the fake reset to `options`. */
function provider(
  llm: Partial<LlmSettings> = {},
  options: FakeOptions = {},
  ...script: Array<Reply | ((request: number) => Reply)>
): ModelProvider {
  fake.options = options;
  fake.requests.length = 0;
  replies = script.map((r) => (typeof r === 'function' ? r : () => r));
  // Each test its own model name: capabilities are learned per endpoint and model.
  return new ModelProvider(
    {
      ...DEFAULT_SETTINGS.llm,
      timeoutMs: 1000,
      ...llm,
      baseUrl: fake.baseUrl,
      model: `m${++endpoints}`,
    } as LlmSettings & { baseUrl: string; model: string },
    silentLogger,
  );
}

const chat = (content: string): ModelRequest => ({ input: { messages: [{ role: 'user', content }] }, maxTokens: 32 });
const within = (ms: number): Budget => Budget.of(ms);

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

describe('ModelProvider over the openai client', () => {
  test('chat: streams the answer, greedy, with the key as bearer token', async () => {
    const p = provider({ apiKey: 'sk-test-secret' }, {}, { text: 'user.address.city' });
    const { text, pieces } = await p.complete(chat('fill'), within(5000));
    expect(text).toBe('user.address.city');
    expect(pieces.length).toBeGreaterThan(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ api: 'chat', prompt: 'fill', authorization: 'Bearer sk-test-secret' });
    expect(request.body).toMatchObject({ temperature: 0, stream: true, max_tokens: 32 });
  });

  test('completions: the prompt as is, top logprobs as alternatives of each token', async () => {
    const p = provider(
      { api: 'completions' },
      { supports: { logprobs: true } },
      { text: 'adress', alternatives: { 0: ['address', 'city'] } },
    );
    const { pieces } = await p.complete({ input: { prompt: 'user.' }, maxTokens: 8, topLogprobs: 3 }, within(5000));
    expect(fake.requests[0]).toMatchObject({ api: 'completions', prompt: 'user.' });
    expect(pieces[0].alternatives?.map((a) => a.text)).toEqual([pieces[0].text, 'address', 'city']);
    expect(p.capabilities.get('logprobs')).toBe(true);
  });

  test('a server that refuses logprobs: asked again without, and not asked for them again', async () => {
    const p = provider({}, { supports: {}, unsupported: 'reject' }, { text: 'name' });
    const asking = { ...chat('fill'), topLogprobs: 3 };
    expect((await p.complete(asking, within(5000))).text).toBe('name');
    expect(fake.requests.map((r) => !!r.body.logprobs)).toEqual([true, false]);
    expect(p.capabilities.get('logprobs')).toBe(false);
    await p.complete(asking, within(5000));
    expect(fake.requests.map((r) => !!r.body.logprobs)).toEqual([true, false, false]);
  });

  test('429 with Retry-After: waits as told, then succeeds', async () => {
    const p = provider({}, {}, { fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } }, { text: 'ok' });
    const started = performance.now();
    expect((await p.complete(chat('x'), within(5000))).text).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(p.requests).toBe(2);
  });

  test('a Retry-After past the deadline: fails at once instead of waiting', async () => {
    const p = provider({}, {}, { fault: { kind: 'status', status: 429, retryAfterSeconds: 30 } });
    const started = performance.now();
    const error = await failure(p.complete(chat('x'), within(2000)));
    expect(error.failure).toBe('deadline');
    expect(error.message).toContain('429');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('500s: retried with backoff, at most three attempts', async () => {
    const recovering = provider(
      {},
      {},
      { fault: { kind: 'status', status: 500 } },
      { fault: { kind: 'status', status: 503 } },
      { text: 'ok' },
    );
    expect((await recovering.complete(chat('x'), within(10_000))).text).toBe('ok');
    expect(recovering.requests).toBe(3);
    const failing = provider({}, {}, { fault: { kind: 'status', status: 500 } });
    const error = await failure(failing.complete(chat('x'), within(10_000)));
    expect(error).toMatchObject({ failure: 'status', status: 500 });
    expect(failing.requests).toBe(3);
  });

  test('400: not retried', async () => {
    const p = provider({}, {}, { fault: { kind: 'status', status: 400, message: 'bad model' } });
    expect(await failure(p.complete(chat('x'), within(5000)))).toMatchObject({ failure: 'status', status: 400 });
    expect(p.requests).toBe(1);
  });

  test('a slow first byte: each attempt times out after timeoutMs, and the whole within the deadline', async () => {
    const p = provider({ timeoutMs: 200 }, {}, { text: 'late', fault: { kind: 'slowFirstByte', ms: 3000 } });
    const started = performance.now();
    const error = await failure(p.complete(chat('x'), within(1500)));
    expect(['timeout', 'deadline']).toContain(error.failure);
    expect(performance.now() - started).toBeLessThan(1700);
    expect(p.requests).toBeGreaterThanOrEqual(2);
  });

  test('a disconnect mid-stream: the pieces so far, then a disconnected failure (no retry: output used)', async () => {
    const p = provider({}, {}, { text: 'user.address.city', fault: { kind: 'disconnect', afterTokens: 2 } });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const piece of p.stream(chat('x'), within(5000))) seen.push(piece.text);
      })(),
    );
    expect(error.failure).toBe('disconnected');
    expect(seen).toHaveLength(2);
    expect('user.address.city'.startsWith(seen.join(''))).toBe(true);
    expect(p.requests).toBe(1);
  });

  test('invalid JSON in the stream: retried, then an invalid-response failure', async () => {
    const p = provider({}, {}, { fault: { kind: 'invalidJson' } });
    expect((await failure(p.complete(chat('x'), within(10_000)))).failure).toBe('invalidResponse');
    expect(p.requests).toBe(3);
  });

  test('a never-ending stream: stopped at the deadline', async () => {
    const p = provider({ timeoutMs: 5000 }, {}, { fault: { kind: 'endless' } });
    const started = performance.now();
    expect((await failure(p.complete(chat('x'), within(600)))).failure).toBe('deadline');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('cancellation aborts the request at once', async () => {
    const p = provider({ timeoutMs: 5000 }, {}, { text: 'late', fault: { kind: 'slowFirstByte', ms: 3000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    expect(
      (
        await failure(
          p.complete(
            chat('x'),
            Budget.of(5000, () => controller.signal.aborted),
          ),
        )
      ).failure,
    ).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a 401 that quotes the key: the key is not in the message', async () => {
    const p = provider(
      { apiKey: 'sk-live-abcdef123456' },
      {},
      { fault: { kind: 'status', status: 401, message: 'Incorrect API key provided: sk-live-abcdef123456' } },
    );
    const error = await failure(p.complete(chat('x'), within(5000)));
    expect(error.message).toContain('401');
    expect(error.message).not.toContain('abcdef123456');
  });
});
