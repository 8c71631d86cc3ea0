import { describe, expect, test } from 'vitest';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { POSITION_METHODS } from '../../bench/lib/fuzzFrames.js';
import type { HoleContextResult } from '../../protocol/index.js';
import { atShopHole, expectStillServing, serverForBlock } from '../helpers/shop.js';

describe('requests with bad parameters get a clear error, and the server keeps serving', () => {
  const shop = serverForBlock();

  /** The request fails with InvalidParams and a message matching `message`; then a good request still answers. */
  async function expectInvalidParams(method: string, params: unknown, message: RegExp) {
    const error = await shop.client.requestError(method, params);
    expect(error.code).toBe(ErrorCodes.InvalidParams);
    expect(error.message).toMatch(message);
    await expectStillServing(shop.served);
  }

  test.each(POSITION_METHODS)('%s on a file that does not exist', async (method) => {
    const missing = shop.served.uri('src/missing.ts');
    await expectInvalidParams(
      method,
      { textDocument: { uri: missing }, position: { line: 0, character: 0 } },
      /missing\.ts is neither open nor on disk/,
    );
  });

  test('spackle/holes on a file that does not exist', async () => {
    await expectInvalidParams(
      'spackle/holes',
      { textDocument: { uri: shop.served.uri('src/missing.ts') } },
      /missing\.ts is neither open nor on disk/,
    );
  });

  test('a line far beyond the end of the document', async () => {
    await expectInvalidParams(
      'spackle/holeContext',
      { textDocument: { uri: shop.main }, position: { line: 10_000, character: 0 } },
      /line 10000 is past the end/,
    );
  });

  test('a character beyond the end of its line is clamped to the line end', async () => {
    const { client, main } = shop;
    const line = atShopHole(client, main, 'owner').position.line;
    const lineEnd = client.position(main, 'owner: User = _();/*|*/');
    const clamped = await client.request<HoleContextResult>('spackle/holeContext', {
      textDocument: { uri: main },
      position: { line, character: 500 },
    });
    const atEnd = await client.request<HoleContextResult>('spackle/holeContext', {
      textDocument: { uri: main },
      position: lineEnd,
    });
    expect(clamped.hole.range.start).toEqual(lineEnd);
    expect(clamped).toEqual(atEnd);
  });

  test.each([
    ['no position', { textDocument: { uri: 'MAIN' } }, /position must be/],
    [
      'a position of strings',
      { textDocument: { uri: 'MAIN' }, position: { line: '1', character: '2' } },
      /position must be/,
    ],
    [
      'a negative position',
      { textDocument: { uri: 'MAIN' }, position: { line: -1, character: 0 } },
      /position must be/,
    ],
    [
      'a fractional position',
      { textDocument: { uri: 'MAIN' }, position: { line: 1.5, character: 0 } },
      /position must be/,
    ],
    ['no textDocument', { position: { line: 0, character: 0 } }, /textDocument\.uri must be/],
    [
      'a uri that is a number',
      { textDocument: { uri: 42 }, position: { line: 0, character: 0 } },
      /textDocument\.uri must be/,
    ],
    // A client library sends these by position (`[null]`, `[1, 2]`): refused before the handler.
    ['params null', null, /defines parameters by name but received parameters by position/],
    ['params an array', [1, 2], /defines parameters by name but received parameters by position/],
  ])('%s', async (_name, params, message) => {
    const withMain = JSON.parse(JSON.stringify(params).replaceAll('"MAIN"', JSON.stringify(shop.main)));
    await expectInvalidParams('textDocument/expectedType', withMain, message);
  });

  test('no params at all', async () => {
    await expectInvalidParams('spackle/holeContext', undefined, /params/);
  });

  test('"params": null written as such on the wire', async () => {
    const response = await shop.client.rawRequest('spackle/holes', null);
    expect(response.error).toMatchObject({
      code: ErrorCodes.InvalidParams,
      message: expect.stringMatching(/textDocument\.uri must be/),
    });
    await expectStillServing(shop.served);
  });

  test('an unknown method gets MethodNotFound', async () => {
    const error = await shop.client.requestError('spackle/fillEverything', { textDocument: { uri: shop.main } });
    expect(error.code).toBe(ErrorCodes.MethodNotFound);
    expect(error.message).toContain('spackle/fillEverything');
    await expectStillServing(shop.served);
  });

  test('a request cancelled at once gets RequestCancelled (or its result, had it finished)', async () => {
    const { client, main } = shop;
    const cancel = new CancellationTokenSource();
    const pending = client.connection.sendRequest(
      'spackle/holeContext',
      atShopHole(client, main, 'rename'),
      cancel.token,
    );
    cancel.cancel();
    const outcome = await pending.then(
      (result) => result as HoleContextResult,
      (error: unknown) => error,
    );
    if (outcome instanceof ResponseError) expect(outcome.code).toBe(LSPErrorCodes.RequestCancelled);
    else expect(outcome).toMatchObject({ expectedType: { text: 'string' } });
    await expectStillServing(shop.served);
  });

  test('a burst of requests, every other one cancelled, all settle and the server keeps serving', async () => {
    const { client, main } = shop;
    const requests = Array.from({ length: 20 }, (_, i) => {
      const cancel = new CancellationTokenSource();
      const pending = client.connection.sendRequest(
        'spackle/holeContext',
        atShopHole(client, main, i % 2 ? 'owner' : 'rename'),
        cancel.token,
      );
      if (i % 2) cancel.cancel();
      return pending.then(
        () => 'answered',
        (error: ResponseError<unknown>) => error.code,
      );
    });
    const outcomes = await Promise.all(requests);
    expect(outcomes.filter((_, i) => i % 2 === 0)).toEqual(Array(10).fill('answered'));
    for (const outcome of outcomes) expect(['answered', LSPErrorCodes.RequestCancelled]).toContain(outcome);
    await expectStillServing(shop.served);
  });

  test('malformed notifications (didOpen without a document, didChange of a closed one) are survived', async () => {
    const { connection } = shop.client;
    await connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: shop.served.uri('src/users.ts'), version: 3 },
      contentChanges: [{ text: 'x' }],
    });
    await connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: 'not a uri', type: 2 }, null],
    });
    await expectStillServing(shop.served);
  });
});
