import { describe, expect, test } from 'vitest';
import { LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import type { HoleContextResult, HoleItem } from '../../protocol/index.js';
import { expectStillServing, serverForBlock, SHOP } from '../helpers/shop.js';

const STRICT = JSON.stringify({
  compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
});
/** Generous for a 5 MB file on a slow CI machine; an unbounded stall still fails. */
const ANSWER_WITHIN_MS = 15_000;

/** A generated TypeScript module of at least `chars` characters, ending in a hole and a call missing its arguments. */
function generatedModule(chars: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < chars; i++) {
    const line =
      `export function step${i}(total: number, label: string): string { ` +
      `const next = total + ${i}; return label + next; }`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('export const last: number = _();', 'export const first: string = step0();');
  return lines.join('\n');
}

async function timed<T>(work: Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work;
  expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
  return result;
}

describe('very large files', () => {
  const shop = serverForBlock({
    ...SHOP,
    'tsconfig.json': JSON.stringify({ extends: './generated/tsconfig.json', include: ['src'] }),
    'generated/tsconfig.json': STRICT,
    'generated/big.ts': generatedModule(5_000_000),
    'huge/tsconfig.json': STRICT,
    'huge/huge.ts': generatedModule(9_000_000),
  });

  test('a 5 MB file: its holes and context answer in reasonable time; what would reparse it is refused', async () => {
    const { client, served } = shop;
    const big = await served.open('generated/big.ts');
    const holes = await timed(client.request<HoleItem[]>('spackle/holes', { textDocument: { uri: big } }));
    expect(holes).toEqual([expect.objectContaining({ expectedType: 'number' })]);
    const ctx = await timed(
      client.request<HoleContextResult>('spackle/holeContext', {
        textDocument: { uri: big },
        position: holes[0].range.start,
      }),
    );
    expect(ctx).toMatchObject({ hole: { kind: 'explicit' }, expectedType: { text: 'number' } });
    // A hole at the cursor is typed in a copy of the file with `_()` spliced in: a full parse of 5 MB per request.
    const refusal = await timed(client.requestError('spackle/holeContext', client.at(big, 'step0()', 'step0('.length)));
    expect(refusal.code).toBe(LSPErrorCodes.RequestFailed);
    expect(refusal.message).toMatch(
      new RegExp(
        /^big\.ts is too large for fills, repairs and holes at the cursor /.source +
          /\(\d+ characters; .*explicit holes _\(\) still have their context$/.source,
      ),
    );
    await expectStillServing(served);
  });

  test('a file too large to analyse: a clear refusal, and the server keeps serving', async () => {
    const { client, served } = shop;
    const huge = await served.open('huge/huge.ts');
    const error = await timed(client.requestError('spackle/holes', { textDocument: { uri: huge } }));
    expect(error.code).toBe(LSPErrorCodes.RequestFailed);
    expect(error.message).toMatch(/^huge\.ts is too large to analyse \(\d+ characters\)$/);
    await expectStillServing(served);
  });
});
