import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ExpectedTypeResult, RelevantHeaderItem } from '../../protocol/index.js';
import { atShopHole, Served, serverForBlock } from '../helpers/shop.js';

/** Rewrites a file of the fixture on disk, as another tool (git, a formatter) would. */
function rewrite(served: Served, name: string, from: string, to: string): void {
  const text = readFileSync(served.project.file(name), 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${name}`);
  writeFileSync(served.project.file(name), text.replace(from, to));
}

describe('workspace/didChangeWatchedFiles', () => {
  const shop = serverForBlock();

  test('a changed parameter type of an imported function changes the expected type and the diagnostics', async () => {
    const { client, main } = shop;
    const before = await client.request<ExpectedTypeResult>(
      'textDocument/expectedType',
      atShopHole(client, main, 'caption'),
    );
    expect(before.text).toBe('User');

    rewrite(
      shop.served,
      'src/users.ts',
      'export function label(user: User)',
      'export function label(address: Address)',
    );
    await client.fileChanged(shop.served.project.file('src/users.ts'));

    const after = await client.request<ExpectedTypeResult>(
      'textDocument/expectedType',
      atShopHole(client, main, 'caption'),
    );
    expect(after.text).toBe('Address');
    expect(client.textAt(after.definitions[0])).toMatch(/^export interface Address/);
    await client.waitForDiagnostics(main, (p) => p.diagnostics.some((d) => d.message === 'hole: expected Address'));
  });

  test('a changed return type of an exported function drops it from the headers that fit', async () => {
    const { client, main } = shop;
    const headers = () =>
      client.request<RelevantHeaderItem[]>('textDocument/relevantHeaders', atShopHole(client, main, 'owner'));
    expect((await headers()).map((h) => h.name)).toContain('makeUser');

    rewrite(shop.served, 'src/users.ts', 'makeUser(name: string): User {', 'makeUser(name: string): Address {');
    await client.fileChanged(shop.served.project.file('src/users.ts'));

    expect((await headers()).map((h) => h.name)).not.toContain('makeUser');
  });
});
