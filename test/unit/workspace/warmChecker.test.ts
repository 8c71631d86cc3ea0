import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { Budget } from '../../../server/src/budget.js';
import { errorsOf } from '../../../server/src/check/validate.js';
import { splice } from '../../../server/src/holes/speculate.js';
import { prepareFills } from '../../../server/src/synth/prepare.js';
import { warmCheckerLost, warmCheckerOf } from '../../../server/src/workspace/warmChecker.js';
import { speculativeSnapshot } from '../../../server/src/workspace/speculative.js';
import type { FileSnapshot } from '../../../server/src/workspace/workspace.js';
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

/** On an import cycle with b.ts, which gives `a` back as `c`: what `n` gets depends on a.ts's own text. */
const CYCLE_A = `import { b, c } from './b';\nexport const a = () => b + 1;\nexport const n: number = c();\n`;

/** A comment longer than the cycle a warm checker copies may be. */
const LONG = `// ${'-'.repeat(70_000)}\n`;

const project = sharedFixture({
  'model.ts': MODEL,
  'app.ts': APP,
  'a.ts': CYCLE_A,
  'b.ts': `import { a } from './a';\nexport const b = 2;\nexport const c = a;\n`,
  'large.ts': `import { big } from './largePartner';\nexport const large = () => big;\n`,
  'largePartner.ts': `import { large } from './large';\nexport const big = 1;\nexport const again = large;\n${LONG}`,
  'augmented.ts': `export interface Box { size: number }\nexport const box: Box = { size: 1 };\n`,
  'augments.ts': `export {};\ndeclare module './augmented' {\n  interface Box { label: string }\n}\n`,
  'script.ts': `const loose = 1;\n`,
  'blanked.ts': `import { load } from './model';
export function log(message: string): void {
  message.trim();
}
// counts once per module
export const first = load(1).id;
`,
  'unseen.ts': `export const unseen = 1;\n`,
  'silenced.ts': `import { load } from './model';
// @ts-expect-error: the id is a number
export const wrong: string = load(1).id;
export const right = load(2).id;
`,
});

/** The errors of `text` in place of `name`'s by the warm checker (undefined when it refuses) and by a fresh program. */
function check(name: string, text: string) {
  const f = project();
  const file = f.file(name);
  f.workspace.change(file, f.text(name));
  const base = f.workspace.snapshot(file);
  const warm = speculativeSnapshot(base, text, { warm: true });
  const fresh = speculativeSnapshot(base, text);
  return {
    warm: warmCheckerOf(warm) && { checker: warmCheckerOf(warm), errors: errorsIn(warm) },
    fresh: errorsIn(fresh),
  };
}

function errorsIn(snapshot: FileSnapshot) {
  return errorsOf(snapshot, snapshot.sourceFile.statements, Budget.unlimited)?.map((e) => `${e.code}@${e.start}`);
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

  test('silences what a directive above silences, as the program does', () => {
    const text = (right: string) =>
      `import { load } from './model';\n// @ts-expect-error: the id is a number\n` +
      `export const wrong: string = load(1).id;\n${right}\n`;
    const same = check('silenced.ts', text('export const right = load(3).id;'));
    const wrong = check('silenced.ts', text('export const right: string = load(3).id;'));
    expect(same.warm?.errors).toEqual([]);
    expect(wrong.warm?.errors).toHaveLength(1);
    for (const { warm, fresh } of [same, wrong]) expect(warm?.errors).toEqual(fresh);
  });

  test('checks a file on an import cycle with the cycle parsed again: what comes back is the text', () => {
    // b.ts's `c` is a.ts's `a`: a string now, which `n` cannot hold.
    const stringy = CYCLE_A.replace('b + 1', "'x' + b");
    const changed = check('a.ts', stringy);
    const kept = check('a.ts', CYCLE_A.replace('b + 1', 'b * 2'));
    expect(changed.fresh).toEqual([`2322@${stringy.indexOf('n: number')}`]);
    expect(changed.warm?.errors).toEqual(changed.fresh);
    expect(kept.warm?.errors).toEqual([]);
    expect(kept.fresh).toEqual([]);
    expect(kept.warm?.checker).toBe(changed.warm?.checker);
  });

  test.each([
    [
      'a file whose import cycles hold too much other text',
      'large.ts',
      `import { big } from './largePartner';\nexport const large = () => big + 1;\n`,
    ],
    ['a file another augments', 'augmented.ts', `export interface Box { size: number }\nexport const box = 2;\n`],
    ['a global script', 'script.ts', `const loose = 2;\n`],
    ['a text that adds an import', 'app.ts', `import { b } from './b';\n${APP}`],
    ['a text with a directive to the checker', 'app.ts', APP.replace('export const', '// @ts-ignore\nexport const')],
    ['a text with a triple-slash reference', 'app.ts', `/// <reference types="node" />\n${APP}`],
  ])('leaves %s to a speculative program', (_what, name, text) => {
    expect(check(name, text).warm).toBeUndefined();
  });

  test('looks past blanked code for what changed: a word it would refuse in new text is old text there', () => {
    const f = project();
    const file = f.file('blanked.ts');
    const base = f.workspace.snapshot(file);
    const body = { start: f.offsetOf('blanked.ts', 'message.trim'), end: f.offsetOf('blanked.ts', '}\n// counts') - 1 };
    const blank = { ...body, text: ' '.repeat(body.end - body.start) };
    const edit = { start: f.offsetOf('blanked.ts', '1).id'), end: f.offsetOf('blanked.ts', '1).id') + 1, text: '2' };
    const spliced = splice(base, [blank, edit], { warm: true }).snapshot;
    expect(warmCheckerOf(spliced)).toBeDefined();
    expect(errorsIn(spliced)).toEqual(errorsIn(splice(base, [blank, edit]).snapshot));
    const unblanked = splice(base, [{ ...blank, text: 'message.trim()'.padEnd(blank.text.length) }, edit], {
      warm: true,
    });
    expect(warmCheckerOf(unblanked.snapshot)).toBeUndefined();
  });

  test('checks a text whose comments are rules of slashes, which direct nothing', () => {
    const ruled = check('app.ts', APP.replace('export const', '//////////////////\nexport const'));
    expect(ruled.warm?.errors).toEqual([]);
    expect(ruled.warm?.errors).toEqual(ruled.fresh);
  });

  test('lives on through edits of the file it checks and of files it cannot see, not of those it reads', () => {
    const f = project();
    const warmFor = (text: string) => speculativeSnapshot(f.workspace.snapshot(f.file('app.ts')), text, { warm: true });
    const checkerFor = () => warmCheckerOf(warmFor(APP + '\n'));
    const first = checkerFor();
    f.workspace.change(f.file('app.ts'), APP + '// edited\n');
    expect(checkerFor()).toBe(first);
    // A file app.ts cannot see may change; a global script, which every file sees, may not.
    f.workspace.change(f.file('unseen.ts'), 'export const unseen = 2;\n');
    expect(checkerFor()).toBe(first);
    f.workspace.change(f.file('script.ts'), 'const loose = 2;\n');
    const afterScript = checkerFor();
    expect(afterScript).not.toBe(first);
    f.workspace.change(f.file('model.ts'), MODEL.replace('id: number;', 'id: string;'));
    const second = checkerFor();
    expect(second).not.toBe(afterScript);
    // The model's new type is seen: a string id has `toUpperCase`.
    const text = APP.replace("order.id + ':' + order.total()", 'order.id.toUpperCase()');
    const errors = errorsIn(warmFor(text));
    expect(errors).toEqual([]);
    expect(check('app.ts', text).fresh).toEqual([]);
    f.workspace.change(f.file('model.ts'), MODEL);
    f.workspace.change(f.file('app.ts'), APP);
    f.workspace.change(f.file('unseen.ts'), 'export const unseen = 1;\n');
    f.workspace.change(f.file('script.ts'), 'const loose = 1;\n');
  });

  test("checks one file's texts only: each file has its own, the three last checked kept", async () => {
    const f = project();
    await prepareFills(f.workspace.snapshot(f.file('app.ts')));
    const checkerOf = (name: string, text = f.text(name) + '\n') =>
      warmCheckerOf(speculativeSnapshot(f.workspace.snapshot(f.file(name)), text, { warm: true }));
    const app = checkerOf('app.ts');
    expect(checkerOf('app.ts', APP + '\n\n')).toBe(app);
    // A file it may not check (another augments it) has none, and leaves the others be.
    expect(checkerOf('augmented.ts', `export interface Box { size: number }\nexport const box = 3;\n`)).toBeUndefined();
    expect(checkerOf('app.ts')).toBe(app);
    const model = checkerOf('model.ts');
    expect(model).toBeDefined();
    expect(model).not.toBe(app);
    expect(checkerOf('unseen.ts')).toBeDefined();
    expect(checkerOf('app.ts')).toBe(app);
    expect(checkerOf('model.ts')).toBe(model);
    // A fourth file drops the one checked longest ago, which readying is to warm again.
    const lostOf = (name: string) => warmCheckerLost(f.workspace.snapshot(f.file(name)));
    expect(lostOf('app.ts')).toBe(false);
    expect(checkerOf('silenced.ts')).toBeDefined();
    expect(checkerOf('model.ts')).toBe(model);
    expect(checkerOf('unseen.ts')).toBeDefined();
    expect(lostOf('app.ts')).toBe(true);
    expect(lostOf('model.ts')).toBe(false);
    expect(checkerOf('app.ts')).not.toBe(app);
  });

  test('is made again after so many checks: each text it checked stays in its caches', () => {
    const f = project();
    const base = f.workspace.snapshot(f.file('app.ts'));
    const checkers = new Set(
      Array.from({ length: 401 }, (_, i) =>
        warmCheckerOf(speculativeSnapshot(base, `${APP}// ${i}\n`, { warm: true })),
      ),
    );
    expect(checkers.size).toBe(2);
  });

  test('is dropped when a check is cancelled: its caches may be half made', async () => {
    const f = project();
    const base = f.workspace.snapshot(f.file('app.ts'));
    const cancelled: ts.CancellationToken = {
      isCancellationRequested: () => true,
      throwIfCancellationRequested: () => {
        throw new ts.OperationCanceledException();
      },
    };
    const warm = speculativeSnapshot(base, APP + '\n', { warm: true });
    const { sourceFile } = warm;
    const regionCheck = warm.program.getSemanticDiagnostics as (
      file: ts.SourceFile,
      token: ts.CancellationToken,
      nodes: readonly ts.Node[],
    ) => unknown;
    expect(() => regionCheck(sourceFile, cancelled, sourceFile.statements)).toThrow(ts.OperationCanceledException);
    // Lost: the next settled edit readies the file again, which warms the next checker.
    expect(warmCheckerLost(base)).toBe(true);
    const again = speculativeSnapshot(base, APP + '\n', { warm: true });
    expect(warmCheckerOf(again)).toBeDefined();
    expect(warmCheckerOf(again)).not.toBe(warmCheckerOf(warm));
    await prepareFills(base);
    expect(warmCheckerLost(base)).toBe(false);
  });
});
