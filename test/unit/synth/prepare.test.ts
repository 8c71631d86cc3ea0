/**
 * Readying a file's first fill (synth/prepare.ts): in slices, stoppable, and filling caches only: the fills after it
 * are the fills without it.
 */
import ts from 'typescript';
import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import { fillHole } from '../../../server/src/synth/fill.js';
import { checkedUnits, prepareFills } from '../../../server/src/synth/prepare.js';
import { statsOf, usageStats } from '../../../server/src/synth/stats.js';
import { speculativeSnapshot } from '../../../server/src/workspace/speculative.js';
import { warmCheckerOf } from '../../../server/src/workspace/warmChecker.js';
import { useFixture } from '../../helpers/fixture.js';

const MANY = Array.from(
  { length: 1000 },
  (_, i) =>
    `export function step${i}(input: number): number {\n  return input * ${i} + step${Math.max(0, i - 1)}(input);\n}\n`,
).join('\n');
const MAIN = `import { step7 } from './steps';

export interface Order { id: string; total: number }

export function totalOf(order: Order): number {
  const doubled = step7(order.total);
  return _();
}
`;

describe('readying the first fill', () => {
  test('learns the project and checks the file in slices, and the fills are those without it', async () => {
    const plain = useFixture({ 'steps.ts': MANY, 'main.ts': MAIN });
    const readied = useFixture({ 'steps.ts': MANY, 'main.ts': MAIN });
    const snapshot = readied.workspace.snapshot(readied.file('steps.ts'));
    await prepareFills(snapshot);
    expect(statsOf(snapshot.project).identifiers.get('step999')).toBe(1);

    const fillsIn = (f: typeof plain) =>
      fillHole(f.workspace, f.file('main.ts'), f.offsetOf('main.ts', '_()'), {}, Budget.of(10_000)).fills.map(
        (c) => c.text,
      );
    readied.workspace.snapshot(readied.file('main.ts'));
    await prepareFills(readied.workspace.snapshot(readied.file('main.ts')));
    expect(fillsIn(readied)).toEqual(fillsIn(plain));
    expect(fillsIn(plain)).toContain('doubled');
  });

  test("warms the file's warm checker too: what the file uses is resolved before the first check", async () => {
    const PAIRS = `export const pairs: [string, number][] = [['a', 1]];\n`;
    const USES =
      `import { pairs } from './pairs';\n` + `export const firsts = pairs.map(([a]) => a.trim()).filter(Boolean);\n`;
    const plain = useFixture({ 'pairs.ts': PAIRS, 'main.ts': USES });
    const readied = useFixture({ 'pairs.ts': PAIRS, 'main.ts': USES });
    await prepareFills(readied.workspace.snapshot(readied.file('main.ts')));
    /** The types the checker of the file's next text has made before that text is checked. */
    const typesMade = (f: typeof plain) => {
      const base = f.workspace.snapshot(f.file('main.ts'));
      return warmCheckerOf(speculativeSnapshot(base, USES + 'export const n = 1;\n', { warm: true }))!.getTypeCount();
    };
    // Array<[string, number]>'s instantiations among them.
    expect(typesMade(readied)).toBeGreaterThan(typesMade(plain) + 10);
  });

  test('gives the event loop turns, and stops at the first once cancelled', async () => {
    const f = useFixture({ 'steps.ts': MANY });
    await expect(
      prepareFills(
        f.workspace.snapshot(f.file('steps.ts')),
        Budget.cancellable(() => true),
      ),
    ).rejects.toThrow('cancelled');
  });
});

describe('learning how the project writes code', () => {
  test('a request that meets a project not learned yet learns its own file first, then what its budget allows', () => {
    const f = useFixture({ 'steps.ts': MANY, 'main.ts': MAIN });
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const stats = usageStats(snapshot.project, snapshot.program, { budget: Budget.spent, first: snapshot.sourceFile });
    expect(stats.identifiers.get('totalOf')).toBe(1);
    expect(stats.identifiers.get('step999')).toBeUndefined();
    expect(usageStats(snapshot.project, snapshot.program).identifiers.get('step999')).toBe(1);
  });
});

describe('the units readying checks, one per step', () => {
  /** Each unit as its first line, in the order checked. */
  const unitsOf = (text: string) =>
    [...checkedUnits(ts.createSourceFile('main.ts', text, ts.ScriptTarget.Latest, true))].map(
      (unit) => unit.getText().split('\n')[0],
    );
  const filler = (name: string) =>
    Array.from({ length: 60 }, (_, i) => `  const ${name}${i} = ${i} + ${i};`).join('\n');

  test('small statements whole, a class member by member', () => {
    expect(unitsOf('const a = 1;\nclass C {\n  x = 1;\n  m() { return 2; }\n}\nfunction f() { return a; }\n'))
      .toMatchInlineSnapshot(`
        [
          "const a = 1;",
          "x = 1;",
          "m() { return 2; }",
          "function f() { return a; }",
        ]
      `);
  });

  test('a large function body statement by statement before the whole, nested ones too', () => {
    const text =
      `export function Page() {\n${filler('a')}\n  const inner = () => {\n${filler('b')}\n  };\n  return inner;\n}\n` +
      `export const handler = (n: number) => {\n${filler('c')}\n  return n;\n};\n`;
    const units = unitsOf(text);
    // Page's 60 statements, `inner`'s 60 before `inner` itself, `return`, Page; handler's 60, `return`, handler.
    expect(units.length).toBe(60 + 60 + 3 + 60 + 2);
    expect(units.slice(0, 2)).toEqual(['const a0 = 0 + 0;', 'const a1 = 1 + 1;']);
    expect(units.slice(59, 62)).toEqual(['const a59 = 59 + 59;', 'const b0 = 0 + 0;', 'const b1 = 1 + 1;']);
    expect(units.slice(119, 123)).toEqual([
      'const b59 = 59 + 59;',
      'const inner = () => {',
      'return inner;',
      'export function Page() {',
    ]);
    expect(units.slice(-2)).toEqual(['return n;', 'export const handler = (n: number) => {']);
  });
});
