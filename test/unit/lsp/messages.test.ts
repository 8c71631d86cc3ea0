import { describe, expect, it } from 'vitest';
import { ErrorCodes } from 'vscode-languageserver-protocol';
import { Lifecycle } from '../../../server/src/lsp/lifecycle.js';
import { classify, pruneDeep } from '../../../server/src/lsp/messages.js';

describe('classify', () => {
  it('tells requests, notifications and responses apart', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'a', params: {} })).toEqual({
      kind: 'request',
      id: 1,
      method: 'a',
      params: {},
    });
    expect(classify({ jsonrpc: '2.0', id: 'x', method: 'a' })).toEqual({
      kind: 'request',
      id: 'x',
      method: 'a',
      params: undefined,
    });
    expect(classify({ jsonrpc: '2.0', method: 'n', params: [1] })).toEqual({
      kind: 'notification',
      method: 'n',
      params: [1],
    });
    expect(classify({ jsonrpc: '2.0', id: 3, result: null })).toMatchObject({ kind: 'response', id: 3 });
    expect(classify({ jsonrpc: '2.0', id: null, error: { code: 1 } })).toMatchObject({ kind: 'response', id: null });
  });

  it("params of any shape are the handler's to refuse", () => {
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'a', params: null })).toMatchObject({
      kind: 'request',
      params: null,
    });
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'a', params: 5 })).toMatchObject({ kind: 'request', params: 5 });
  });

  it.each([
    ['a number', 5, null],
    ['an array (a batch)', [{ jsonrpc: '2.0', id: 1, method: 'a' }], null],
    ['null', null, null],
    ['no jsonrpc', { id: 4, method: 'a' }, 4],
    ['jsonrpc 1.0', { jsonrpc: '1.0', id: 4, method: 'a' }, 4],
    ['no method, no result', { jsonrpc: '2.0', id: 4 }, 4],
    ['a method that is no string', { jsonrpc: '2.0', id: 'k', method: 7 }, 'k'],
    ['an id that is an object', { jsonrpc: '2.0', id: { a: 1 }, method: 'a' }, null],
    ['an id that is null', { jsonrpc: '2.0', id: null, method: 'a' }, null],
    ['an id that is not finite', { jsonrpc: '2.0', id: 1e400, method: 'a' }, null],
  ])('%s is invalid, answered with the id when it has one', (_name, value, id) => {
    expect(classify(value)).toMatchObject({ kind: 'invalid', id });
  });
});

describe('pruneDeep', () => {
  it('cuts off what nests deeper than the limit, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? { x: deep } : [deep];
    const message = { params: { settings: deep, kept: { a: [1, { b: 2 }] } } };
    expect(pruneDeep(message, 5)).toBe(true);
    expect(message.params.kept).toEqual({ a: [1, { b: 2 }] });
    expect(JSON.stringify(message).length).toBeLessThan(100);
    expect(pruneDeep({ a: { b: 1 } }, 5)).toBe(false);
  });
});

describe('Lifecycle', () => {
  const capabilities = { capabilities: {} };

  it('before initialize: requests are ServerNotInitialized, notifications dropped', () => {
    const lifecycle = new Lifecycle();
    expect(lifecycle.admitRequest('textDocument/hover', {})?.code).toBe(ErrorCodes.ServerNotInitialized);
    expect(lifecycle.admitNotification()).toBe(false);
  });

  it('initialize once; a second is an InvalidRequest, well-formed or not', () => {
    const lifecycle = new Lifecycle();
    expect(lifecycle.admitRequest('initialize', capabilities)).toBeUndefined();
    lifecycle.initialized(true);
    expect(lifecycle.admitRequest('initialize', capabilities)?.code).toBe(ErrorCodes.InvalidRequest);
    expect(lifecycle.admitRequest('initialize', null)?.code).toBe(ErrorCodes.InvalidRequest);
    expect(lifecycle.admitRequest('textDocument/hover', {})).toBeUndefined();
    expect(lifecycle.admitNotification()).toBe(true);
  });

  it.each([
    ['no params', undefined, /InitializeParams/],
    ['capabilities null', { capabilities: null }, /capabilities/],
    ['a processId of text', { capabilities: {}, processId: 'me' }, /processId/],
    ['a negative processId', { capabilities: {}, processId: -3 }, /processId/],
    ['folders without names', { capabilities: {}, workspaceFolders: [{ uri: 'file:///a' }] }, /workspaceFolders/],
    ['a rootUri that is a number', { capabilities: {}, rootUri: 4 }, /rootUri/],
  ])('a malformed initialize (%s) is InvalidParams, and a good one may follow', (_name, params, message) => {
    const lifecycle = new Lifecycle();
    expect(lifecycle.admitRequest('initialize', params)).toEqual({
      code: ErrorCodes.InvalidParams,
      message: expect.stringMatching(message),
    });
    expect(lifecycle.admitRequest('initialize', capabilities)).toBeUndefined();
  });

  it('an initialize that failed may be sent again', () => {
    const lifecycle = new Lifecycle();
    lifecycle.admitRequest('initialize', capabilities);
    lifecycle.initialized(false);
    expect(lifecycle.admitRequest('initialize', capabilities)).toBeUndefined();
  });

  it('after shutdown: requests are InvalidRequest, notifications dropped', () => {
    const lifecycle = new Lifecycle();
    lifecycle.admitRequest('initialize', capabilities);
    lifecycle.initialized(true);
    expect(lifecycle.admitRequest('shutdown', undefined)).toBeUndefined();
    expect(lifecycle.shutDown).toBe(true);
    expect(lifecycle.admitRequest('textDocument/hover', {})?.code).toBe(ErrorCodes.InvalidRequest);
    expect(lifecycle.admitNotification()).toBe(false);
  });
});
