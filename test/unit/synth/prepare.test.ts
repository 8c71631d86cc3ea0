/**
 * Readying a file's first fill (synth/prepare.ts): in slices, stoppable, and filling caches only: the fills after it
 * are the fills without it.
 */
import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import { fillHole } from '../../../server/src/synth/fill.js';
import { prepareFills } from '../../../server/src/synth/prepare.js';
import { statsOf } from '../../../server/src/synth/stats.js';
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
