import { describe, expect, test } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { HoleContextResult, HoleItem } from '../../protocol/index.js';
import { atShopHole, serverForBlock, SHOP_HOLES } from '../helpers/shop.js';

describe('spackle/holeContext, spackle/holes and hover on a strict multi-module project', () => {
  const shop = serverForBlock();

  test('spackle/holeContext: hole, expected type, bindings, types, headers, enclosing function, located', async () => {
    const { client, main } = shop;
    const ctx = await client.request<HoleContextResult>('spackle/holeContext', atShopHole(client, main, 'rename'));
    expect(ctx.hole).toMatchObject({ uri: main, kind: 'explicit' });
    expect(client.textAt(ctx.hole)).toBe('_()');
    expect(ctx.prefix).toBe('');
    expect(ctx.expectedType?.text).toBe('string');
    expect(ctx.bindings).toEqual(
      expect.arrayContaining([
        { name: 'name', type: 'string', kind: 'parameter', distance: 0 },
        expect.objectContaining({ name: 'user', type: 'User', kind: 'parameter' }),
        expect.objectContaining({ name: 'greet', kind: 'local' }),
        expect.objectContaining({ name: 'label', kind: 'import' }),
      ]),
    );
    const user = ctx.relevantTypes.find((t) => t.name === 'User');
    expect(user?.location.uri).toBe(shop.served.uri('src/types.ts'));
    expect(client.textAt(user!.location)).toBe(user!.text);
    const nameHeader = ctx.relevantHeaders.find((h) => h.name === 'name');
    expect(nameHeader?.location.uri).toBe(main);
    expect(ctx.enclosing?.signature).toBe('export function rename(user: User, name: string): User');
    expect(client.textAt(ctx.enclosing!.location)).toMatch(/^export function rename\(.*\}$/s);
  });

  test('spackle/holeContext at a cursor names the identifier already typed as the prefix', async () => {
    const { client, main } = shop;
    await client.replace(main, 'greet()', 'greet(gue)');
    const ctx = await client.request<HoleContextResult>(
      'spackle/holeContext',
      client.at(main, 'greet(gue)', 'greet(gue'.length),
    );
    expect(ctx).toMatchObject({ prefix: 'gue', hole: { kind: 'cursor' }, expectedType: { text: 'User' } });
    expect(client.textAt(ctx.hole)).toBe('gue');
    await client.replace(main, 'greet(gue)', 'greet()');
  });

  test('spackle/holes: every explicit hole of the document with its expected type, in document order', async () => {
    const { client, main } = shop;
    const holes = await client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: main } });
    expect(holes.map((h) => h.expectedType)).toEqual(Object.values(SHOP_HOLES).map((h) => h.expected));
    expect(holes.map((h) => h.kind)).toEqual(['explicit', 'explicit', 'explicit']);
    for (const [i, name] of (['owner', 'caption', 'rename'] as const).entries()) {
      expect(holes[i].range.start).toEqual(atShopHole(client, main, name).position);
      expect(client.textAt({ uri: main, range: holes[i].range })).toBe('_()');
    }
  });

  test('spackle/holes in a CRLF file with an emoji: ranges count UTF-16 code units', async () => {
    const { client } = shop;
    const emoji = await shop.served.open('src/emoji.ts');
    const [hole] = await client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: emoji } });
    expect(hole.range.start).toEqual(client.position(emoji, '_()'));
    expect(hole.range.start.line).toBe(1);
    expect(hole.expectedType).toBe('number');
  });

  test('spackle/holes of a file that is on disk but not open reads it from disk', async () => {
    const holes = await shop.client.request<HoleItem[]>('spackle/holes', {
      textDocument: { uri: shop.served.uri('src/users.ts') },
    });
    expect(holes).toEqual([]);
  });

  test('hover on an explicit hole: markdown with the expected type and the headers that fit', async () => {
    const { client, main } = shop;
    const hover = await client.request<Hover>('textDocument/hover', atShopHole(client, main, 'owner'));
    const contents = hover.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    expect(contents.value).toContain('expected `User`');
    expect(contents.value).toContain('function makeUser(name: string): User');
    expect(client.textAt({ uri: main, range: hover.range! })).toBe('_()');
  });

  test('hover off a hole answers null, leaving it to the TypeScript server', async () => {
    const { client, main } = shop;
    expect(await client.request('textDocument/hover', client.at(main, 'greet(user'))).toBeNull();
  });
});
