import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { Budget } from '../../../server/src/budget.js';
import { errorsOf, warmErrorsOf } from '../../../server/src/check/validate.js';
import { checkWarm } from '../../../server/src/workspace/warmChecker.js';
import { speculativeSnapshot } from '../../../server/src/workspace/speculative.js';
import { sharedFixture } from '../../helpers/fixture.js';

const MODEL = `export interface Order {
  id: number;
  total(): number;
}
export function load(id: number): Order {
  return { id, total: () => id * 2 };
}
`;
const APP = `import { load, type Order } from './model';

export function report(order: Order): string {
  return order.id + ':' + order.total();
}
export const first = report(load(1));
`;

const project = sharedFixture({
  'model.ts': MODEL,
  'app.ts': APP,
  'a.ts': `import { b } from './b';\nexport const a = () => b + 1;\n`,
  'b.ts': `import { a } from './a';\nexport const b = 2;\nexport const c = a;\n`,
  'augmented.ts': `export interface Box { size: number }\nexport const box: Box = { size: 1 };\n`,
  'augments.ts': `export {};\ndeclare module './augmented' {\n  interface Box { label: string }\n}\n`,
  'script.ts': `const loose = 1;\n`,
});

/** The errors of `text` in place of `name`'s by the warm checker (undefined when it refuses) and by a fresh program. */
function check(name: string, text: string) {
  const f = project();
  const file = f.file(name);
  f.workspace.change(file, f.text(name));
  const base = f.workspace.snapshot(file);
  const warm = checkWarm(base, text, (w) => ({
    checker: w.checker,
    errors: warmErrorsOf(w, undefined, Budget.unlimited)?.map((e) => `${e.code}@${e.start}`),
  }));
  const fresh = speculativeSnapshot(base, text);
  const errors = errorsOf(fresh, fresh.sourceFile.statements, Budget.unlimited)?.map((e) => `${e.code}@${e.start}`);
  return { warm: warm?.value, fresh: errors };
}

describe('the warm checker', () => {
  test('judges other texts of a module as a fresh program does, the same error twice included', () => {
    const misspelt = APP.replace('order.total()', 'order.totl()');
    const first = check('app.ts', misspelt);
    // Equal to the first's error in file, place and message: the checker keeps one of two equal diagnostics.
    const again = check('app.ts', misspelt + '// again\n');
    const right = check('app.ts', APP.replace("':'", "'-'"));
    const wrongType = check('app.ts', APP.replace('report(load(1))', "report(load('1'))"));
    for (const { warm, fresh } of [first, again, right, wrongType]) expect(warm?.errors).toEqual(fresh);
    expect(first.warm?.errors).toEqual([`2551@${misspelt.indexOf('totl')}`]);
    expect(again.warm?.errors).toEqual(first.warm?.errors);
    expect(right.warm?.errors).toEqual([]);
    expect(wrongType.warm?.errors).toHaveLength(1);
    expect(new Set([first, again, right, wrongType].map((r) => r.warm?.checker)).size).toBe(1);
  });

  test.each([
    ['a file in an import cycle', 'a.ts', `import { b } from './b';\nexport const a = () => b + 2;\n`],
    ['a file another augments', 'augmented.ts', `export interface Box { size: number }\nexport const box = 2;\n`],
    ['a global script', 'script.ts', `const loose = 2;\n`],
    ['a text that adds an import', 'app.ts', `import { b } from './b';\n${APP}`],
    ['a text with a directive to the checker', 'app.ts', APP.replace('export const', '// @ts-ignore\nexport const')],
  ])('leaves %s to a speculative program', (_what, name, text) => {
    expect(check(name, text).warm).toBeUndefined();
  });

  test('lives on through edits of the file it checks, not of the files it read', () => {
    const f = project();
    const checkerFor = () => checkWarm(f.workspace.snapshot(f.file('app.ts')), APP + '\n', (w) => w.checker)?.value;
    const first = checkerFor();
    f.workspace.change(f.file('app.ts'), APP + '// edited\n');
    expect(checkerFor()).toBe(first);
    f.workspace.change(f.file('model.ts'), MODEL.replace('id: number;', 'id: string;'));
    const second = checkerFor();
    expect(second).not.toBe(first);
    // The model's new type is seen: a string id has `toUpperCase`.
    const text = APP.replace("order.id + ':' + order.total()", 'order.id.toUpperCase()');
    const errors = checkWarm(f.workspace.snapshot(f.file('app.ts')), text, (w) =>
      warmErrorsOf(w, undefined, Budget.unlimited),
    )?.value;
    expect(errors).toEqual([]);
    expect(check('app.ts', text).fresh).toEqual([]);
    f.workspace.change(f.file('model.ts'), MODEL);
    f.workspace.change(f.file('app.ts'), APP);
  });

  test('is dropped when a check is cancelled: its caches may be half made', () => {
    const f = project();
    const base = f.workspace.snapshot(f.file('app.ts'));
    const cancelled: ts.CancellationToken = {
      isCancellationRequested: () => true,
      throwIfCancellationRequested: () => {
        throw new ts.OperationCanceledException();
      },
    };
    const first = checkWarm(base, APP + '\n', (w) => {
      expect(() => w.diagnostics(w.sourceFile.statements, cancelled)).toThrow(ts.OperationCanceledException);
      return w.checker;
    })?.value;
    expect(checkWarm(base, APP + '\n', (w) => w.checker)?.value).not.toBe(first);
  });
});
