import { beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { delay } from '../helpers/lspClient.js';
import { expectStillServing, serverForBlock, SHOP } from '../helpers/shop.js';

const UNTITLED = 'untitled:Untitled-1';

describe('documents Spackle does not analyse get a clear answer, and the server keeps serving', () => {
  const shop = serverForBlock({ ...SHOP, 'README.md': '# Shop\n\nCall `_()` where a value is missing.\n' });
  let readme: string;

  beforeAll(async () => {
    readme = await shop.served.open('README.md', 'markdown');
    await shop.client.open(UNTITLED, 'const total: number = _();\n');
  });

  const position = { line: 0, character: 3 };

  test.each(['textDocument/expectedType', 'spackle/holeContext'])(
    '%s on an untitled: document: only file: documents',
    async (method) => {
      const error = await shop.client.requestError(method, { textDocument: { uri: UNTITLED }, position });
      expect(error.code).toBe(ErrorCodes.InvalidParams);
      expect(error.message).toBe(`only file: documents are supported, not ${UNTITLED}`);
      await expectStillServing(shop.served);
    },
  );

  test.each(['textDocument/relevantTypes', 'spackle/holeContext'])(
    '%s on README.md opened as markdown: not a TypeScript file',
    async (method) => {
      const error = await shop.client.requestError(method, { textDocument: { uri: readme }, position });
      expect(error.code).toBe(ErrorCodes.InvalidParams);
      expect(error.message).toBe('README.md is not a TypeScript or JavaScript file');
      await expectStillServing(shop.served);
    },
  );

  test('spackle/holes on README.md: not a TypeScript file', async () => {
    const error = await shop.client.requestError('spackle/holes', { textDocument: { uri: readme } });
    expect(error.message).toBe('README.md is not a TypeScript or JavaScript file');
  });

  test.each([
    ['README.md', () => readme],
    ['untitled:', () => UNTITLED],
  ])('hover on %s answers null: clients ask every server', async (_name, uri) => {
    expect(await shop.client.request('textDocument/hover', { textDocument: { uri: uri() }, position })).toBeNull();
    await expectStillServing(shop.served);
  });

  test('no diagnostics are published for documents Spackle does not analyse', async () => {
    await shop.client.waitForDiagnostics(shop.served.uri('src/main.ts'), () => true);
    await delay(300);
    const uris = shop.client.notifications('textDocument/publishDiagnostics').map((p) => p.uri);
    expect(uris).not.toContain(readme);
    expect(uris).not.toContain(UNTITLED);
  });
});
