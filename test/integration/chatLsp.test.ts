import { describe, expect, test } from 'vitest';
import type { ExpectedTypeResult, RelevantHeaderItem, RelevantTypeItem } from '../../protocol/index.js';
import { atShopHole, serverForBlock } from '../helpers/shop.js';

describe('the ChatLSP methods on a strict multi-module project', () => {
  const shop = serverForBlock();

  test('textDocument/expectedType at an explicit hole: the type, the hole and where the type is declared', async () => {
    const { client, main } = shop;
    const result = await client.request<ExpectedTypeResult>(
      'textDocument/expectedType',
      atShopHole(client, main, 'owner'),
    );
    expect(result.text).toBe('User');
    expect(result.hole.kind).toBe('explicit');
    expect(result.hole.uri).toBe(main);
    expect(client.textAt(result.hole)).toBe('_()');
    expect(result.definitions).toHaveLength(1);
    expect(result.definitions[0].uri).toBe(shop.served.uri('src/types.ts'));
    expect(client.textAt(result.definitions[0])).toMatch(/^export interface User \{/);
  });

  test('textDocument/expectedType at a cursor inside a call: the parameter type, as a cursor hole', async () => {
    const { client, main } = shop;
    const result = await client.request<ExpectedTypeResult>(
      'textDocument/expectedType',
      client.at(main, 'greet()', 'greet('.length),
    );
    expect(result).toMatchObject({ text: 'User', hole: { kind: 'cursor', uri: main } });
    expect(result.hole.range.start).toEqual(client.position(main, 'greet()', 'greet('.length));
  });

  test('textDocument/expectedType where nothing constrains the position answers null', async () => {
    const { client, main } = shop;
    expect(await client.request('textDocument/expectedType', client.at(main, 'export const owner'))).toBeNull();
  });

  test('textDocument/relevantTypes: the expected type and what it uses, located in the other file', async () => {
    const { client, main } = shop;
    const types = await client.request<RelevantTypeItem[]>(
      'textDocument/relevantTypes',
      atShopHole(client, main, 'caption'),
    );
    const user = types.find((t) => t.name === 'User');
    const address = types.find((t) => t.name === 'Address');
    expect(user?.reason).toBe('expected type');
    expect(address?.text).toContain('city: string');
    for (const declared of [user!, address!]) {
      expect(declared.location.uri).toBe(shop.served.uri('src/types.ts'));
      expect(client.textAt(declared.location)).toBe(declared.text);
    }
  });

  test("textDocument/relevantHeaders: another module's functions and values making the type, no bodies", async () => {
    const { client, main } = shop;
    const headers = await client.request<RelevantHeaderItem[]>(
      'textDocument/relevantHeaders',
      atShopHole(client, main, 'owner'),
    );
    const makeUser = headers.find((h) => h.name === 'makeUser');
    expect(makeUser?.signature).toBe('function makeUser(name: string): User');
    expect(makeUser?.location.uri).toBe(shop.served.uri('src/users.ts'));
    expect(client.textAt(makeUser!.location)).toMatch(/^export function makeUser\(name: string\): User \{/);
    expect(headers.map((h) => h.name)).toContain('guest');
    expect(headers.map((h) => h.name)).not.toContain('label');
    for (const h of headers) expect(h.signature).not.toContain('{');
    const scores = headers.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
