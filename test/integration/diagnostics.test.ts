import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Published } from '../helpers/lspClient.js';
import { serverForBlock } from '../helpers/shop.js';

const messages = (p: Published) => p.diagnostics.map((d) => d.message);

describe('hole diagnostics', () => {
  const shop = serverForBlock();

  test('didOpen publishes each explicit hole as an Information diagnostic from spackle', async () => {
    const { client, main } = shop;
    const published = await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0);
    expect(messages(published)).toEqual(['hole: expected User', 'hole: expected User', 'hole: expected string']);
    for (const d of published.diagnostics) {
      expect(d).toMatchObject({ severity: DiagnosticSeverity.Information, source: 'spackle' });
      expect(client.textAt({ uri: main, range: d.range })).toBe('_()');
    }
  });

  test('an incremental change that adds a hole republishes with it', async () => {
    const { client, main } = shop;
    await client.replace(main, 'greet()', 'greet(owner, _())');
    const published = await client.waitForDiagnostics(main, (p) => p.diagnostics.length === 4);
    expect(messages(published)).toEqual([
      'hole: expected User',
      'hole: expected number',
      'hole: expected User',
      'hole: expected string',
    ]);
    expect(client.textAt({ uri: main, range: published.diagnostics[1].range })).toBe('_()');
    expect(published.diagnostics[1].range.start).toEqual(
      client.position(main, 'greet(owner, _())', 'greet(owner, '.length),
    );
  });

  test('an incremental change that removes a hole republishes without it', async () => {
    const { client, main } = shop;
    await client.replace(main, 'owner: User = _()', 'owner: User = null!');
    const published = await client.waitForDiagnostics(
      main,
      (p) => p.diagnostics.length === 3 && p.diagnostics[0].message.endsWith('number'),
    );
    expect(messages(published)).toEqual(['hole: expected number', 'hole: expected User', 'hole: expected string']);
  });

  test('didClose clears the diagnostics of the document', async () => {
    const { client, main } = shop;
    const before = client.notifications('textDocument/publishDiagnostics').length;
    await client.close(main);
    const cleared = await client.waitFor('diagnostics cleared', () =>
      client
        .notifications('textDocument/publishDiagnostics')
        .slice(before)
        .find((p: Published) => p.uri === main),
    );
    expect(cleared.diagnostics).toEqual([]);
  });
});
