/**
 * Files TypeScript would take minutes to bind (one name declared thousands of times in one scope) are left out of
 * their project before a program holds them; the rest of the project is analysed, and an edit brings them back.
 */
import { describe, expect, test } from 'vitest';
import { holesIn } from '../../../server/src/holes/context.js';
import { MAX_REPEATS, slowToBind } from '../../../server/src/workspace/bindCost.js';
import { useFixture } from '../../helpers/fixture.js';

const times = (line: string, count: number) => line.repeat(count);

describe('slowToBind', () => {
  test.each([
    ['one name declared past the limit in one scope', times('export const big = 1;\n', MAX_REPEATS + 1), 'big'],
    ['as many `var`s of one name, which JavaScript allows', times('var seen = 1;\n', MAX_REPEATS + 1), 'seen'],
    ['in a function body', `function f() {\n${times('  let x = 1;\n', MAX_REPEATS + 1)}}\n`, 'x'],
    ['exactly the limit', times('export const big = 1;\n', MAX_REPEATS), undefined],
    [
      'a function declared past the limit, each with its own x',
      times('function f() { const x = 1; }\n', MAX_REPEATS + 1),
      'f',
    ],
    ['the same name in as many functions of other names', pad('function g$() { const x = 1; }\n'), undefined],
    ['declarations only in comments', times('// const big = 1;\n', MAX_REPEATS + 1), undefined],
  ])('%s', (_name, text, name) => {
    const verdict = slowToBind('/p/gen.ts', text);
    expect(verdict?.message.match(/declares `(\w+)`/)?.[1]).toBe(name);
  });
});

/** `line` repeated past the limit, `$` numbered so that every function has its own name. */
function pad(line: string): string {
  return Array.from({ length: MAX_REPEATS + 1 }, (_, i) => line.replace('$', String(i))).join('');
}

describe('a file slow to bind, open in a project', () => {
  test('is refused with a reason; the project is analysed without it; an edit brings it back', () => {
    const f = useFixture({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src'] }),
      'src/main.ts': 'export const size: number = _();\n',
    });
    const refused: string[] = [];
    f.workspace.files.onRefused = (_file, refusal) => refused.push(refusal.message);
    const generated = f.file('src/generated.ts');
    f.workspace.open(generated, times('export const big = 1;\n', 60_000));

    expect(() => f.workspace.snapshot(generated)).toThrow(/generated\.ts declares `big` over 2000 times in one scope/);
    expect(holesIn(f.workspace, f.file('src/main.ts')).map((h) => h.expectedType)).toEqual(['number']);
    expect(refused).toEqual([
      'generated.ts declares `big` over 2000 times in one scope, which TypeScript takes minutes to bind',
    ]);

    f.workspace.change(generated, 'export const big: number = _();\n');
    expect(holesIn(f.workspace, generated).map((h) => h.expectedType)).toEqual(['number']);
  });
});
