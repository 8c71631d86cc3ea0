import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ErrorCodes, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import type { CompletionList } from 'vscode-languageserver-protocol';
import type { HoleItem } from '../../protocol/index.js';
import { UNHURRIED } from '../helpers/fillProject.js';
import { expectStillServing, serverForBlock, SHOP } from '../helpers/shop.js';

/** Generated code: a chain as deep as it is long, which overflowed the stack of every walk over the project. */
const CHAIN = `export const table = ${Array(10_000).fill('"s"').join(' + ')};\n`;

describe.skipIf(process.platform === 'win32')('files that are not source, and generated code, in the project', () => {
  const shop = serverForBlock(
    {
      ...SHOP,
      'src/generated.ts': CHAIN,
      'src/main.ts': `import { table } from './generated';
${SHOP['src/main.ts']}export const size: number = table.length;
`,
    },
    'src/main.ts',
    UNHURRIED,
  );

  test('a FIFO and a device in the project are refused with a message; the rest of the project is served', async () => {
    const { client, served } = shop;
    execFileSync('mkfifo', [served.project.file('src/pipe.ts')]);
    symlinkSync('/dev/zero', served.project.file('src/zero.ts'));
    await client.fileChanged(served.project.file('src/pipe.ts'), 1);
    await client.fileChanged(served.project.file('src/zero.ts'), 1);
    await client.replace(
      shop.main,
      "import { table } from './generated';",
      "import { table } from './generated';\nimport { pipe } from './pipe';\nimport { zero } from './zero';",
    );
    const holes = await client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: shop.main } });
    expect(holes).toHaveLength(3);
    const warnings = await client.waitFor('two refusals', () => {
      const shown = client.notifications('window/showMessage').filter((m) => /is not a regular file/.test(m.message));
      return shown.length >= 2 ? shown : undefined;
    });
    expect(warnings.map((w) => w.message).sort()).toEqual([
      expect.stringMatching(
        new RegExp(
          /^Spackle does not read .*\/src\/pipe\.ts: pipe\.ts is not a regular file /.source +
            /\(a device, FIFO or socket\); the rest of the project/.source,
        ),
      ),
      expect.stringMatching(/^Spackle does not read .*\/src\/zero\.ts: zero\.ts is not a regular file/),
    ]);
    const completion = await client.request<CompletionList>(
      'textDocument/completion',
      client.at(shop.main, 'owner: User = _()', 'owner: User = _('.length),
    );
    expect(completion.items.length).toBeGreaterThan(0);
    await expectStillServing(served);
  });

  test('a request naming /dev/zero or a FIFO answers at once with the refusal', async () => {
    const { client, served } = shop;
    const at = { line: 0, character: 0 };
    for (const uri of ['file:///dev/zero', 'file:///dev/urandom', served.uri('src/pipe.ts')]) {
      const error = await client.requestError('spackle/holeContext', { textDocument: { uri }, position: at });
      expect(error.code, uri).toBe(ErrorCodes.InvalidParams);
      expect(error.message, uri).toMatch(/is not a regular file|is not a TypeScript or JavaScript file/);
    }
    await expectStillServing(served);
  });

  test('a 10,000-term chain: completion elsewhere works; a code action on the chain itself is answered', async () => {
    const { client, served } = shop;
    const generated = await served.open('src/generated.ts');
    const range = { start: { line: 0, character: 30 }, end: { line: 0, character: 30 } };
    const actions = await client
      .request<unknown[]>('textDocument/codeAction', {
        textDocument: { uri: generated },
        range,
        context: { diagnostics: [] },
      })
      .catch((error: { code: number }) => error);
    // The chain has no error to repair and no hole: nothing to offer, or the refusal of a file too costly to check.
    if (Array.isArray(actions)) expect(actions).toEqual([]);
    else expect(actions.code).toBe(LSPErrorCodes.RequestFailed);
    const completion = await client.request<CompletionList>(
      'textDocument/completion',
      client.at(shop.main, 'name: _()', 'name: _('.length),
    );
    expect(completion.items.map((i) => i.label)).toContain('name');
    await expectStillServing(served);
  });
});
