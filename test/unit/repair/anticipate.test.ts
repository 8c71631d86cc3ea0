import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import { anticipateRepairs, editedSpan, removedNames } from '../../../server/src/repair/anticipate.js';
import { errorsAround } from '../../../server/src/repair/fileErrors.js';
import { repairError, repairsAt } from '../../../server/src/repair/repairError.js';
import { Fixture, useFixture } from '../../helpers/fixture.js';

const unhurried = (isCancelled?: () => boolean) => Budget.of(10_000, isCancelled);

/** Puts `after` in place of `before` in main.ts, as a keystroke would: the text before the edit is returned. */
function edit(f: Fixture, before: string, after: string): string {
  const old = f.workspace.snapshot(f.file('main.ts')).sourceFile.text;
  if (!old.includes(before)) throw new Error(`no ${before} in main.ts`);
  f.workspace.change(f.file('main.ts'), old.replace(before, after));
  return old;
}

describe('the span an edit changed', () => {
  test('is widened to whole words, so a misspelling reads as one word replaced', () => {
    const before = 'marbles.indexOf(x)';
    const after = 'marbles.indxOf(x)';
    expect(editedSpan(before, after)).toEqual({ start: 8, oldEnd: 15, newEnd: 14 });
  });

  test('the names it removed are those in scope, not members', () => {
    const removed = (before: string, after: string) => [...removedNames(before, after, editedSpan(before, after)!)];
    expect(removed("import { LIMIT, User } from './model';", "import { User } from './model';")).toEqual(['LIMIT']);
    expect(removed('return user.name;', 'return user.nmae;')).toEqual([]);
    expect(removed('return total(user);', 'return user;')).toEqual(['total']);
  });

  test('an insertion between words, and no span for no change', () => {
    expect(editedSpan('f(a)', 'f(a, b)')).toEqual({ start: 2, oldEnd: 3, newEnd: 6 });
    expect(editedSpan('same', 'same')).toBeUndefined();
  });
});

describe('repairs found ahead of the code actions', () => {
  const MODEL = 'export interface User { name: string; age: number }\nexport const LIMIT = 3;\n';

  test('a member the edit misspelt: the code actions at its error are given what was found ahead', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts':
        "import type { User } from './model';\nexport function f(user: User): string {\n  return user.name;\n}\n",
    });
    const before = edit(f, 'user.name', 'user.nmae');
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const ahead = await anticipateRepairs(snapshot, before, {}, unhurried());
    expect(ahead.repaired.map((r) => [r.target.code, r.repairs[0]?.text])).toEqual([[2339, 'user.name']]);
    const at = snapshot.sourceFile.text.indexOf('nmae');
    const [asked] = await repairsAt(f.workspace.snapshot(f.file('main.ts')), at, at, [], {}, Budget.of(150));
    expect(asked).toBe(ahead.repaired[0]);
  });

  test("an import the edit removed: the errors at the name's uses below, repaired by importing it again", async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts':
        "import { LIMIT, type User } from './model';\nexport const first = (users: User[]) => users.slice(0, LIMIT);\n",
    });
    const before = edit(f, 'LIMIT, ', '');
    const ahead = await anticipateRepairs(f.workspace.snapshot(f.file('main.ts')), before, {}, unhurried());
    expect(ahead.repaired.map((r) => [r.target.message, r.repairs[0]?.description])).toEqual([
      ["Cannot find name 'LIMIT'.", "import `LIMIT` from './model'"],
    ]);
  });

  test('a value the edit changed, whose error the checker reports at the name it is given to', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': `import type { User } from './model';
export function f(user: User): number {
  const years: number = user.age;
  return years;
}
`,
    });
    const before = edit(f, '= user.age', '= user.name');
    const ahead = await anticipateRepairs(f.workspace.snapshot(f.file('main.ts')), before, {}, unhurried());
    expect(ahead.repaired.map((r) => r.target.code)).toEqual([2322]);
    expect(ahead.repaired[0].repairs.map((r) => r.text)).toContain('user.age');
  });

  test('a large deletion: the errors at the uses of the names it removed', async () => {
    const helper = `function total(users: User[]): number {
${'  // a long body\n'.repeat(200)}  return users.length;
}
`;
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': `import type { User } from './model';
${helper}export const count = (users: User[]) => total(users);
`,
    });
    const before = edit(f, helper, '');
    const ahead = await anticipateRepairs(f.workspace.snapshot(f.file('main.ts')), before, {}, unhurried());
    expect(ahead.repaired.map((r) => r.target.message)).toEqual(["Cannot find name 'total'."]);
  });

  test('nothing is sought after a paste or a reload, nor where the edit left no error', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': "import type { User } from './model';\nexport const name = (user: User) => user.name;\n",
    });
    const pasted = edit(f, 'user.name;', `user.nmae;\n${'// pasted\n'.repeat(300)}`);
    expect(
      (await anticipateRepairs(f.workspace.snapshot(f.file('main.ts')), pasted, {}, unhurried())).repaired,
    ).toEqual([]);
    const fine = edit(f, 'user.nmae', 'user.age');
    expect((await anticipateRepairs(f.workspace.snapshot(f.file('main.ts')), fine, {}, unhurried())).repaired).toEqual(
      [],
    );
  });

  test('a newer edit stops the work', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': "import type { User } from './model';\nexport const name = (user: User) => user.name;\n",
    });
    const before = edit(f, 'user.name', 'user.nmae');
    await expect(
      anticipateRepairs(
        f.workspace.snapshot(f.file('main.ts')),
        before,
        {},
        Budget.cancellable(() => true),
      ),
    ).rejects.toMatchObject({ reason: 'cancelled' });
  });
});

describe('repairs of one error asked while they are being found', () => {
  const MAIN = 'interface User { name: string }\nexport function f(user: User): string {\n  return user.nmae;\n}\n';
  const targetOf = (f: Fixture) => {
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const at = snapshot.sourceFile.text.indexOf('nmae');
    return { snapshot, target: errorsAround(snapshot, at, at)[0] };
  };

  test('share the work: one asker cancelled is let go with the cancellation; work goes on for another', async () => {
    const f = useFixture({ 'main.ts': MAIN });
    const { snapshot, target } = targetOf(f);
    let firstCancelled = false;
    const first = repairError(
      snapshot,
      target,
      {},
      unhurried(() => firstCancelled),
    );
    const second = repairError(snapshot, target, {}, unhurried());
    firstCancelled = true;
    await expect(first).rejects.toMatchObject({ reason: 'cancelled' });
    const answer = await second;
    expect(answer.repairs.map((r) => r.text)).toContain('user.name');
    expect(await repairError(snapshot, target, {}, unhurried())).toBe(answer);
  });

  test('an asker joining work started with a long deadline does not wait past its own', async () => {
    const f = useFixture({ 'main.ts': MAIN });
    const { snapshot, target } = targetOf(f);
    expect((await repairError(snapshot, target, {}, unhurried())).stats.timedOut).toBe(false);
    f.workspace.change(f.file('main.ts'), `${MAIN}// edited\n`);
    const again = targetOf(f);
    const ahead = repairError(again.snapshot, again.target, {}, unhurried());
    const hurried = await repairError(again.snapshot, again.target, {}, Budget.of(0));
    expect(await ahead).toBe(hurried);
    expect(hurried.stats.timedOut).toBe(true);
  });

  test('work every asker cancelled stops, and is not kept: the next asker has it found anew', async () => {
    const f = useFixture({ 'main.ts': MAIN });
    const { snapshot, target } = targetOf(f);
    await expect(
      repairError(
        snapshot,
        target,
        {},
        unhurried(() => true),
      ),
    ).rejects.toMatchObject({ reason: 'cancelled' });
    expect((await repairError(snapshot, target, {}, unhurried())).repairs.map((r) => r.text)).toContain('user.name');
  });
});
