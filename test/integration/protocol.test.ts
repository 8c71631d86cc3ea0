import { describe, expect, test } from 'vitest';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import type { HoleItem } from '../../protocol/index.js';
import { CLIENT_CAPABILITIES, LspClient } from '../helpers/lspClient.js';
import { serveProject, serverForBlock, SHOP } from '../helpers/shop.js';

const good = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'spackle/holes',
  params: { textDocument: { uri: 'file:///nowhere/missing.ts' } },
});
const framed = (message: unknown) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

describe.concurrent(
  'framing lost: the server says why on stderr and exits with 1, so that the editor restarts it',
  () => {
    const body = JSON.stringify(good(1));
    test.each([
      ['header lines ending in LF only', `Content-Length: ${body.length}\n\n${body}`],
      ['no Content-Length', `Content-Type: application/vscode-jsonrpc\r\n\r\n${body}`],
      ['a negative Content-Length', `Content-Length: -1\r\n\r\n${body}`],
      ['garbage before a frame', `garbage\r\n${framed(good(1))}`],
      [
        'a Content-Length one short, then a good frame',
        `Content-Length: ${body.length - 1}\r\n\r\n${body}${framed(good(2))}`,
      ],
    ])('%s', async (_name, bytes) => {
      const client = await LspClient.start();
      client.writeRaw(bytes);
      expect(await client.exitCodeAfter('lost framing')).toBe(1);
      expect(client.stderr.join('')).toMatch(
        /the client's messages can no longer be read \(.+\); exiting so that the editor restarts the server/,
      );
    });
  },
);

describe('malformed messages are answered as JSON-RPC says, and the server keeps serving', () => {
  const shop = serverForBlock();
  const stillServing = async () => {
    const error = await shop.client.requestError('spackle/holes', {
      textDocument: { uri: shop.served.uri('src/missing.ts') },
    });
    expect(error.code).toBe(ErrorCodes.InvalidParams);
  };

  test('a well-framed body that is not JSON: a ParseError without an id', async () => {
    shop.client.writeRaw('Content-Length: 9\r\n\r\n{"id": 1,');
    const [error] = await shop.client.waitFor('a stray response', () =>
      shop.client.strayResponses.length ? shop.client.strayResponses : undefined,
    );
    expect(error.error).toMatchObject({
      code: ErrorCodes.ParseError,
      message: expect.stringMatching(/^a message is not JSON/),
    });
    await stillServing();
  });

  test.each([
    ['a method that is a number', { jsonrpc: '2.0', id: 'm', method: 5 }, 'm'],
    ['no jsonrpc', { id: 'j', method: 'spackle/holes' }, 'j'],
    ['neither method nor result', { jsonrpc: '2.0', id: 'r' }, 'r'],
  ])('%s: InvalidRequest with its id', async (_name, message, id) => {
    const [response] = await shop.client.rawMessages(id, 1, [message]);
    expect(response.error?.code).toBe(ErrorCodes.InvalidRequest);
    await stillServing();
  });

  test('two requests with one id, and 7 beside "7", arriving together: each is answered', async () => {
    const twins = await shop.client.rawMessages(
      'twin',
      2,
      [good(0), good(0)].map((m) => ({ ...m, id: 'twin' })),
    );
    expect(twins.map((r) => r.error?.code)).toEqual([ErrorCodes.InvalidParams, ErrorCodes.InvalidParams]);
    const holes = { jsonrpc: '2.0', method: 'spackle/holes', params: { textDocument: { uri: shop.main } } };
    const [number, string] = await Promise.all([
      shop.client.rawMessages(7, 1, [{ ...holes, id: 7 }]),
      shop.client.rawMessages('7', 1, [{ ...holes, id: '7' }]),
    ]);
    expect(number[0].result).toHaveLength(3);
    expect(string[0].result).toHaveLength(3);
  });

  test('a response to nothing the server asked is ignored', async () => {
    shop.client.writeRaw(framed({ jsonrpc: '2.0', id: 123456, result: { stray: true } }));
    await stillServing();
  });

  test('params of the wrong shape are InvalidParams, not an internal error', async () => {
    const { client, main } = shop;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const only of ['quickfix', 5, { kind: 'quickfix' }]) {
      const error = await client.requestError('textDocument/codeAction', {
        textDocument: { uri: main },
        range,
        context: { diagnostics: [], only },
      });
      expect(error.code, JSON.stringify(only)).toBe(ErrorCodes.InvalidParams);
    }
    await stillServing();
  });
});

describe.concurrent('lifecycle', () => {
  test('before initialize: ServerNotInitialized; a bad initialize: InvalidParams; a good one then works', async () => {
    const client = LspClient.spawn();
    const early = await client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a.ts' }, position: { line: 0, character: 0 } })
      .catch((e: ResponseError<unknown>) => e);
    expect(early).toMatchObject({ code: ErrorCodes.ServerNotInitialized });
    const malformed = await client.connection
      .sendRequest('initialize', { processId: null, capabilities: null })
      .catch((e: ResponseError<unknown>) => e);
    expect(malformed).toMatchObject({
      code: ErrorCodes.InvalidParams,
      message: expect.stringContaining('capabilities must be an object'),
    });
    await client.initialize();
    expect(client.initializeResult.serverInfo?.name).toBe('spackle');
    expect(await client.stop()).toBe(0);
  });

  test('a second initialize, well-formed or not, is InvalidRequest; later edits still reach documents', async () => {
    const served = await serveProject(SHOP);
    const { client } = served;
    const main = await served.open('src/main.ts');
    const before = await client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: main } });
    const again = { processId: null, rootUri: served.uri('.'), capabilities: CLIENT_CAPABILITIES };
    expect(await client.requestError('initialize', again)).toMatchObject({ code: ErrorCodes.InvalidRequest });
    expect((await client.rawRequest('initialize', null)).error).toMatchObject({ code: ErrorCodes.InvalidRequest });
    await client.edit(main, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// one\n// two\n' },
    ]);
    const after = await client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: main } });
    expect(after.map((h) => h.range.start.line)).toEqual(before.map((h) => h.range.start.line + 2));
    await served.dispose();
  });

  test('after shutdown a request is an InvalidRequest; exit then ends with 0', async () => {
    const client = await LspClient.start();
    await client.request('shutdown');
    expect(
      await client.requestError('textDocument/hover', {
        textDocument: { uri: 'file:///a.ts' },
        position: { line: 0, character: 0 },
      }),
    ).toMatchObject({ code: ErrorCodes.InvalidRequest });
    expect(await client.exit()).toBe(0);
  });

  test('the server exits when the process that started it is gone (initialize processId)', async () => {
    const { spawn } = await import('node:child_process');
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const client = LspClient.spawn();
    await client.connection.sendRequest('initialize', { processId: parent.pid, rootUri: null, capabilities: {} });
    parent.kill();
    expect(await client.exitCodeAfter('its parent ending', 10_000)).toBe(1);
  });
});

describe('cancellation', () => {
  const shop = serverForBlock({
    ...SHOP,
    'src/big.ts': `export const table = [${Array.from({ length: 150_000 }, (_, i) => i).join(', ')}];\n`,
  });

  test('a request cancelled while the analysis is busy is answered at once, before the work ahead ends', async () => {
    const { client, served } = shop;
    const order: string[] = [];
    // Opening the large file keeps the analysis busy (its program is built and checked), the hover waits behind it.
    const big = await served.open('src/big.ts');
    const busy = client.request('spackle/holes', { textDocument: { uri: big } }).then(() => order.push('busy'));
    const cancel = new CancellationTokenSource();
    const hover = client.connection.sendRequest('textDocument/hover', client.at(shop.main, '_()'), cancel.token).then(
      () => order.push('answered'),
      (e: ResponseError<unknown>) =>
        order.push(e.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : String(e.code)),
    );
    cancel.cancel();
    await Promise.all([busy, hover]);
    expect(order).toEqual(['cancelled', 'busy']);
  });
});
