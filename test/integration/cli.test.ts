import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Fixture, fixture } from '../helpers/fixture.js';
import { REPO } from '../helpers/lspClient.js';
import { lineCol, spackle } from '../helpers/cliRun.js';
import { SHOP, SHOP_HOLES } from '../helpers/shop.js';

describe.concurrent('the spackle CLI', () => {
  let shop: Fixture;
  const main = 'src/main.ts';
  const holeAt = (hole: keyof typeof SHOP_HOLES) => shop.offsetOf(main, SHOP_HOLES[hole].around);

  beforeAll(() => {
    shop = fixture(SHOP);
  });
  afterAll(() => shop.dispose());

  test('context FILE:LINE:COL --json prints the hole context as JSON', async () => {
    const offset = holeAt('owner');
    const run = await spackle(['context', `${main}:${lineCol(shop.text(main), offset)}`, '--json'], shop.dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const ctx = JSON.parse(run.stdout);
    expect(ctx.hole).toEqual({ file: shop.file(main), start: offset, end: offset + 3, kind: 'explicit' });
    expect(ctx.expectedType.text).toBe('User');
    expect(ctx.relevantHeaders.map((h: { name: string }) => h.name)).toContain('makeUser');
  });

  test('context at a cursor inside a call gives the parameter type', async () => {
    const offset = shop.offsetOf(main, 'greet(/*|*/)');
    const run = await spackle(['context', `${main}:${lineCol(shop.text(main), offset)}`, '--json'], shop.dir);
    expect(JSON.parse(run.stdout)).toMatchObject({
      hole: { kind: 'cursor', start: offset },
      expectedType: { text: 'User' },
    });
  });

  test('context prints human-readable text by default', async () => {
    const position = lineCol(shop.text(main), holeAt('rename'));
    const run = await spackle(['context', `${main}:${position}`], shop.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`explicit hole \`_()\` at ${main}:${position}`);
    expect(run.stdout).toContain('expected type: string');
    expect(run.stdout).toContain('inside: export function rename(user: User, name: string): User');
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  test('holes FILE --json lists every hole with its expected type', async () => {
    const run = await spackle(['holes', main, '--json'], shop.dir);
    expect(run.code).toBe(0);
    const holes = JSON.parse(run.stdout);
    expect(holes.map((h: { expectedType: string }) => h.expectedType)).toEqual(
      Object.values(SHOP_HOLES).map((h) => h.expected),
    );
    expect(holes[0].hole).toEqual({
      file: shop.file(main),
      start: holeAt('owner'),
      end: holeAt('owner') + 3,
      kind: 'explicit',
    });
  });

  test('holes FILE prints one line per hole by default', async () => {
    const run = await spackle(['holes', main], shop.dir);
    const expected = (Object.keys(SHOP_HOLES) as Array<keyof typeof SHOP_HOLES>).map(
      (hole) => `${main}:${lineCol(shop.text(main), holeAt(hole))}  hole: expected ${SHOP_HOLES[hole].expected}`,
    );
    expect(run.stdout.trim().split('\n')).toEqual(expected);
  });

  test.each([
    [['context', 'src/main.ts'], /^spackle: expected FILE:LINE:COL, got src\/main\.ts$/],
    [['context', 'src/missing.ts:1:1'], /^spackle: cannot read .*src\/missing\.ts$/],
    [['context', 'src/main.ts:999:1'], /^spackle: line 999 is past the end of the file$/],
    [['context', 'src/main.ts:0:1'], /^spackle: LINE and COL start at 1$/],
    [['holes'], /^spackle: usage: spackle holes FILE/],
    [['holes', 'tsconfig.json'], /^spackle: tsconfig\.json is not a TypeScript or JavaScript file$/],
    [['fill-everything'], /^spackle: unknown command fill-everything/],
    [[], /^spackle \S+: fills typed holes/],
  ])('spackle %j exits non-zero with a clear message on stderr', async (args, message) => {
    const run = await spackle(args, shop.dir);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stdout).toBe('');
  });

  test('--version prints the package version', async () => {
    const run = await spackle(['--version'], shop.dir);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')).version);
  });
});

describe('spackle demo', () => {
  test('prints every hole of examples/ with its expected type and its fills, and the count', async () => {
    const run = await spackle(['demo'], REPO);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const sources = readdirSync(`${REPO}/examples/src`).filter((name) => name.endsWith('.ts'));
    let holes = 0;
    for (const name of sources) {
      const lines = readFileSync(`${REPO}/examples/src/${name}`, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        for (let at = code.indexOf('_()'); at >= 0; at = code.indexOf('_()', at + 1), holes++) {
          expect(run.stdout).toContain(`explicit hole \`_()\` at src/${name}:${i + 1}:${at + 1}\n  expected type: `);
        }
      });
    }
    expect(holes).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`^${holes} holes in ${sources.length} files of examples$`, 'm'));
    expect(run.stdout).not.toContain('(none: nothing constrains this hole)');
    const blocks = run.stdout.split('\n\n').filter((block) => block.startsWith('explicit hole'));
    expect(blocks).toHaveLength(holes);
    for (const block of blocks) expect(block).toMatch(/^ {2}fills( \(generated \d+, .*\):\n {4}1\. \S| *: none)/m);
    expect(run.stdout, 'the fills found in time by the default deadline').toMatch(/^ {4}1\. /m);
  });
});
