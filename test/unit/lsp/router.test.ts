import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, LSPErrorCodes, Message, ResponseMessage } from 'vscode-languageserver-protocol';
import { ClientChannel, Limits, Router } from '../../../server/src/lsp/router.js';

/**
 * A scripted analysis worker: it ticks the heartbeat, records what it was sent, and on test methods answers,
 * never answers, spins forever, crashes, asks the client, or waits to see its request cancelled.
 */
const FAKE_ANALYSIS = `
const { parentPort, workerData } = require('node:worker_threads');
const beat = new Int32Array(workerData.heartbeat);
setInterval(() => Atomics.add(beat, 0, 1), 20);
const seen = [];
const post = (lsp) => parentPort.postMessage({ lsp: { jsonrpc: '2.0', ...lsp } });
parentPort.on('message', ({ lsp, control }) => {
  if (control) return seen.push('quarantine ' + control.files.map(([uri]) => uri).join(' '));
  if (!lsp.method) return seen.push('response ' + lsp.id + ' ' + JSON.stringify(lsp.result));
  seen.push(lsp.method + (lsp.params && lsp.params.textDocument ? ' ' + lsp.params.textDocument.uri : ''));
  const answer = (result) => post({ id: lsp.id, result });
  switch (lsp.method) {
    case 'initialize': return answer({ capabilities: {}, processId: lsp.params.processId });
    case 'initialized': return post({ id: 'r1', method: 'client/registerCapability', params: { registrations: [] } });
    case 'test/seen': return answer(seen);
    case 'shutdown': return answer(null);
    case 'test/echo': return answer(lsp.params);
    // A command: the router sets no budget on it, only the stall limit holds.
    case 'workspace/executeCommand':
      parentPort.postMessage({ control: { kind: 'busy', key: 1, file: lsp.params.arguments[0], loading: false } });
      for (;;) {}
    case 'test/crash': return process.exit(3);
    case 'test/ask': return post({ id: 41, method: 'workspace/configuration', params: { items: [] } });
    case 'test/cancelled': {
      const flag = new Int32Array(lsp.$cancellationData);
      const poll = setInterval(() => {
        if (Atomics.load(flag, 0) === 1) { clearInterval(poll); seen.push('saw cancellation'); answer('late'); }
      }, 10);
      return;
    }
  }
});
`;

const LIMITS: Limits = { contextBudgetMs: 200, graceMs: 100, stallMs: 1500, loadStallMs: 5000 };
const dir = mkdtempSync(path.join(tmpdir(), 'spackle-router-'));
const entry = path.join(dir, 'analysis.js');
writeFileSync(entry, FAKE_ANALYSIS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const routers: Array<{ stop(): void }> = [];
afterEach(() => routers.splice(0).forEach((r) => r.stop()));

/** A router over a channel the test writes to and reads from. */
function route() {
  const sent: Message[] = [];
  const exits: number[] = [];
  let events!: Parameters<ClientChannel['listen']>[0];
  const waiters = new Set<() => void>();
  const channel: ClientChannel = {
    listen: (e) => {
      events = e;
    },
    send: (message) => {
      sent.push(message);
      for (const waiter of [...waiters]) waiter();
    },
  };
  const router = new Router(channel, entry, (code) => exits.push(code), LIMITS);
  router.listen();
  routers.push({ stop: () => router.stop() });
  const responses = (id: number | string) =>
    sent.filter((m) => (m as ResponseMessage).id === id && !('method' in m)) as ResponseMessage[];
  const until = <T>(probe: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(
        () => reject(new Error(`no ${what}; sent: ${JSON.stringify(sent).slice(0, 2000)}`)),
        15_000,
      );
      waiters.add(check);
      check();
    });
  const client = {
    sent,
    exits,
    send: (message: object) => events.message({ jsonrpc: '2.0', ...message }),
    response: (id: number | string) => until(() => responses(id)[0], `response to ${id}`),
    responses,
    request: async (id: number | string, method: string, params?: unknown) => {
      client.send({ id, method, params });
      return client.response(id);
    },
    until,
    async initialize() {
      const response = await client.request('init', 'initialize', { processId: null, capabilities: {} });
      client.send({ method: 'initialized', params: {} });
      return response;
    },
  };
  return client;
}

const doc = (uri: string, text = 'x') => ({ textDocument: { uri, languageId: 'typescript', version: 1, text } });

describe('Router', () => {
  it("passes requests on under its own ids: two with one id both answered, the server's requests back", async () => {
    const client = route();
    await client.initialize();
    client.send({ id: 'same', method: 'test/echo', params: { n: 1 } });
    client.send({ id: 'same', method: 'test/echo', params: { n: 2 } });
    await client.until(() => (client.responses('same').length === 2 ? true : undefined), 'two answers');
    expect(client.responses('same').map((r) => r.result)).toEqual([{ n: 1 }, { n: 2 }]);

    client.send({ id: 'q', method: 'test/ask' });
    const asked = await client.until(
      () =>
        client.sent.find((m) => (m as { method?: string }).method === 'workspace/configuration') as
          { id: number } | undefined,
      'a configuration request',
    );
    client.send({ id: asked.id, result: ['settings'] });
    const seen = (await client.request('s', 'test/seen')).result as string[];
    expect(seen).toContain('response 41 ["settings"]');
  });

  it('the analysis never watches the client process itself; the registration it makes reaches the client', async () => {
    const client = route();
    const response = await client.request('init', 'initialize', { processId: process.pid, capabilities: {} });
    expect(response.result).toMatchObject({ processId: null });
    client.send({ method: 'initialized', params: {} });
    await client.until(
      () => client.sent.find((m) => (m as { method?: string }).method === 'client/registerCapability'),
      'the registration',
    );
  });

  it('a request not answered within its budget and the grace is answered with an error', async () => {
    const client = route();
    await client.initialize();
    const response = await client.request(9, 'test/never');
    expect(response.error).toMatchObject({
      code: LSPErrorCodes.RequestFailed,
      message: 'Spackle could not answer test/never within 200 ms: the analysis is busy',
    });
  });

  it('a cancelled request is answered at once; the analysis sees it in shared memory; its answer dropped', async () => {
    const client = route();
    await client.initialize();
    client.send({ id: 5, method: 'test/cancelled' });
    client.send({ method: '$/cancelRequest', params: { id: 5 } });
    expect((await client.response(5)).error).toMatchObject({ code: LSPErrorCodes.RequestCancelled });
    for (let i = 0; ; i++) {
      const seen = (await client.request(`s${i}`, 'test/seen')).result as string[];
      if (seen.includes('saw cancellation')) break;
    }
    expect(client.responses(5)).toHaveLength(1);
  }, 30_000);

  it('a stalled analysis restarts with documents and settings; the file it stalled on waits for an edit', async () => {
    const client = route();
    await client.initialize();
    client.send({
      method: 'workspace/didChangeConfiguration',
      params: { settings: { spackle: { logLevel: 'debug' } } },
    });
    client.send({ method: 'textDocument/didOpen', params: doc('file:///a.ts', 'a') });
    client.send({ method: 'textDocument/didOpen', params: doc('file:///b.ts', 'b') });
    client.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri: 'file:///a.ts', version: 2 }, contentChanges: [{ text: 'a2' }] },
    });
    const stalled = await client.request(1, 'workspace/executeCommand', {
      command: 'spin',
      arguments: ['file:///b.ts'],
    });
    expect(stalled.error).toMatchObject({
      code: LSPErrorCodes.RequestFailed,
      message: expect.stringMatching(/^Spackle's analysis stopped \(one step ran \d+ s without an end\); ask again$/),
    });
    expect(client.sent.filter((m) => (m as { method?: string }).method === 'window/showMessage')).toHaveLength(1);

    const seen = (await client.request('s', 'test/seen')).result as string[];
    // (The registration's answer comes back whenever it does.)
    expect(seen.filter((m) => !m.startsWith('response'))).toEqual([
      'initialize',
      'initialized',
      'workspace/didChangeConfiguration',
      'quarantine file:///b.ts',
      'textDocument/didOpen file:///a.ts',
      'textDocument/didOpen file:///b.ts',
      'test/seen',
    ]);
    // The restarted analysis registered again: answered here, not shown to the client twice.
    expect(client.sent.filter((m) => (m as { method?: string }).method === 'client/registerCapability')).toHaveLength(
      1,
    );

    const refused = await client.request(2, 'test/echo', { textDocument: { uri: 'file:///b.ts' } });
    expect(refused.error).toMatchObject({
      code: LSPErrorCodes.RequestFailed,
      message: expect.stringMatching(/stopped analysing this document/),
    });
    client.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri: 'file:///b.ts', version: 2 }, contentChanges: [{ text: 'b2' }] },
    });
    expect((await client.request(3, 'test/echo', { textDocument: { uri: 'file:///b.ts' } })).result).toEqual({
      textDocument: { uri: 'file:///b.ts' },
    });
  }, 30_000);

  it('an analysis that keeps crashing stays down: requests answered with why, the protocol still works', async () => {
    const client = route();
    await client.initialize();
    for (let i = 0; i < 6; i++)
      expect((await client.request(`crash${i}`, 'test/crash')).error?.message).toMatch(/exited with code 3/);
    const down = await client.request('after', 'test/echo', {});
    expect(down.error?.message).toMatch(
      new RegExp(
        /^Spackle's analysis stopped after 6 failures in a few minutes /.source +
          /\(the last: it exited with code 3\); restart the server$/.source,
      ),
    );
    client.send({ method: 'exit' });
    expect(client.exits).toEqual([1]);
  }, 60_000);

  it('lifecycle and malformed messages are answered without the analysis', async () => {
    const client = route();
    expect((await client.request(1, 'test/echo')).error?.code).toBe(ErrorCodes.ServerNotInitialized);
    await client.initialize();
    expect((await client.request(2, 'initialize', { capabilities: {} })).error?.code).toBe(ErrorCodes.InvalidRequest);
    client.send({ id: 'bad', method: 4 });
    expect((await client.response('bad')).error?.code).toBe(ErrorCodes.InvalidRequest);
    expect((await client.request(3, 'shutdown')).result).toBeNull();
    expect((await client.request(4, 'test/echo')).error?.code).toBe(ErrorCodes.InvalidRequest);
    client.send({ method: 'exit' });
    expect(client.exits).toEqual([0]);
  });
});
