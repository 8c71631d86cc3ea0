import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useFixture } from '../helpers/fixture.js';
import { spackle } from '../helpers/cliRun.js';

const MODEL = 'export interface User {\n  name: string;\n  age: number;\n}\n\nexport const LIMIT = 3;\n';
const FIXABLE = `import type { User } from './model';

export function label(user: User, count: number): string {
  return user.nmae + cout;
}
`;

describe('spackle repair', () => {
  test('lists the verified repair of each error, and exits 1 while one is left without', async () => {
    const f = useFixture({ 'model.ts': MODEL, 'main.ts': `${FIXABLE}export const n = zzyzx;\n` });
    const run = await spackle(['repair', 'main.ts'], f.dir);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      "main.ts:4:15  TS2339 Property 'nmae' does not exist on type 'User'.",
      '    fix: change `nmae` to `name`',
      "main.ts:4:22  TS2552 Cannot find name 'cout'. Did you mean 'count'?",
      '    fix: change `cout` to `count`',
      "main.ts:6:18  TS2304 Cannot find name 'zzyzx'.",
      '    not fixed: no candidate',
      '2 of 3 errors have a verified repair (--write applies them)',
    ]);
    expect(run.code).toBe(1);
    expect(readFileSync(f.file('main.ts'), 'utf8')).toBe(f.text('main.ts'));
  });

  test('--write applies them; the file then type-checks and a second run finds nothing', async () => {
    const f = useFixture({ 'model.ts': MODEL, 'main.ts': FIXABLE });
    const run = await spackle(['repair', 'main.ts', '--write'], f.dir);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 of 2 errors have a verified repair, applied');
    expect(readFileSync(f.file('main.ts'), 'utf8')).toBe(FIXABLE.replace('user.nmae + cout', 'user.name + count'));
    expect(await spackle(['repair', 'main.ts'], f.dir)).toMatchObject({ code: 0, stdout: 'main.ts: no errors\n' });
  });

  test('--json prints the fixed errors with their changes, and the unfixed with the reason', async () => {
    const f = useFixture({ 'model.ts': MODEL, 'main.ts': 'export const n = LIMIT + zzyzx;\n' });
    const run = await spackle(['repair', 'main.ts', '--json'], f.dir);
    const result = JSON.parse(run.stdout);
    expect(result.fixed).toEqual([
      expect.objectContaining({
        family: 'name',
        text: 'LIMIT',
        description: "import `LIMIT` from './model'",
        changes: [{ start: 0, end: 0, text: "import { LIMIT } from './model';\n" }],
        target: { code: 2304, start: 17, end: 22, message: "Cannot find name 'LIMIT'." },
      }),
    ]);
    expect(result.unfixed).toEqual([
      { target: expect.objectContaining({ code: 2304, start: 25 }), reason: 'no candidate' },
    ]);
    expect(result.written).toBe(false);
  });

  test.each([
    [[], /^spackle: usage: spackle repair FILE/],
    [['main.ts', '--fix'], /^spackle: unknown option --fix; usage: /],
    [['main.ts', '--deadline', 'soon'], /^spackle: --deadline must be an integer from 10 to 60000; usage: /],
    [['missing.ts'], /^spackle: cannot read .*missing\.ts$/],
  ])('spackle repair %j exits non-zero with a clear message on stderr', async (args, message) => {
    const f = useFixture({ 'main.ts': 'export const n = 1;\n' });
    const run = await spackle(['repair', ...args], f.dir);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
