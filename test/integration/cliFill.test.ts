import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Fixture, fixture } from '../helpers/fixture.js';
import { lineCol, spackle } from '../helpers/cliRun.js';
import { FILL_PROJECT, Spot, SPOTS, UNHURRIED_FILL } from '../helpers/fillProject.js';

describe.concurrent('spackle fill', () => {
  let project: Fixture;
  /** `FILE:LINE:COL` of a spot, and the option that lets a slow machine find every fill. */
  const at = (where: Spot) => [
    `${where.file}:${lineCol(project.text(where.file), project.offsetOf(where.file, where.around))}`,
    '--deadline',
    String(UNHURRIED_FILL.deadlineMs),
  ];
  const fill = (args: string[]) => spackle(['fill', ...args], project.dir);

  beforeAll(() => {
    project = fixture(FILL_PROJECT);
  });
  afterAll(() => project.dispose());

  test('--json prints the FillResult: the hole, its expected type, fills best first, what the engine did', async () => {
    const run = await fill([...at(SPOTS.explicit), '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(run.stdout);
    const start = project.offsetOf(SPOTS.explicit.file, '_()');
    expect(result.hole).toEqual({ file: project.file(SPOTS.explicit.file), start, end: start + 3, kind: 'explicit' });
    expect(result.expectedType).toBe('User');
    expect(result.fills[0]).toMatchObject({
      text: 'guest',
      type: 'User',
      form: 'binding',
      verified: true,
      rationale: 'import of type User',
    });
    expect(result.stats).toMatchObject({ generated: expect.any(Number), timedOut: false });
  });

  test('-n COUNT limits the fills; a cursor hole replaces the identifier typed so far', async () => {
    const result = JSON.parse((await fill(['-n', '1', ...at(SPOTS.prefix), '--json'])).stdout);
    expect(result.hole.kind).toBe('cursor');
    expect(result.fills.map((f: { text: string }) => f.text)).toEqual(['guest']);
  });

  test('prints the hole, its expected type and each fill with its type, score and rationale by default', async () => {
    const run = await fill(at(SPOTS.explicit));
    expect(run.code).toBe(0);
    const holeAt = lineCol(project.text(SPOTS.explicit.file), project.offsetOf(SPOTS.explicit.file, '_()'));
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `explicit hole \`_()\` at ${SPOTS.explicit.file}:${holeAt}`,
      '  expected type: User',
    ]);
    expect(lines[2]).toMatch(/^ {2}fills \(generated \d+, checked \d+, rejected \d+, in [\d.]+ ms\):$/);
    expect(lines[3]).toMatch(/^ {4}1\. guest: User {4}\[import of type User; score [\d.]+\]$/);
  });

  test('a hole nothing fills says so', async () => {
    const run = await fill(at(SPOTS.unfillable));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}fills: none that type-checks \(generated 0, /m);
  });

  test.each([
    [
      [],
      new RegExp(
        /^spackle: usage: spackle fill FILE:LINE:COL \[-n COUNT\] \[--deadline MS\] /.source +
          /\[--engine embedded\|llm\|both\] .*\[--json\]$/.source,
      ),
    ],
    [['src/visitor.ts'], /^spackle: expected FILE:LINE:COL, got src\/visitor\.ts$/],
    [['HOLE', '-n', '0'], /^spackle: -n must be an integer from 1 to 50; usage: /],
    [['HOLE', '-n'], /^spackle: -n must be an integer from 1 to 50; usage: /],
    [['HOLE', '--deadline', 'soon'], /^spackle: --deadline must be an integer from 10 to 10000; usage: /],
    [['HOLE', '--fast'], /^spackle: unknown option --fast; usage: /],
    [['HOLE', 'HOLE'], /^spackle: usage: spackle fill /],
    [['src/missing.ts:1:1'], /^spackle: cannot read .*src\/missing\.ts$/],
  ])(
    'spackle fill %j (HOLE: the explicit hole of visitor.ts) exits non-zero with a clear message on stderr',
    async (args, message) => {
      const [hole] = at(SPOTS.explicit);
      const run = await fill(args.map((arg) => (arg === 'HOLE' ? hole : arg)));
      expect(run.code).toBeGreaterThan(0);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.stdout).toBe('');
    },
  );

  test('inside a comment: no hole, a clear message', async () => {
    const run = await fill(at(SPOTS.comment));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('spackle: no hole here: the position is inside a comment, a literal or JSX text');
  });
});
