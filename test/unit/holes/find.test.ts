import { describe, expect, test } from 'vitest';
import { holesIn } from '../../../server/src/holes/context.js';
import { contextIn, Fixture, sharedFixture, useFixture } from '../../helpers/fixture.js';

/** Each explicit hole of a file as `source text → expected type`. */
function listHoles(f: Fixture, file = 'main.ts'): string[] {
  return holesIn(f.workspace, f.file(file)).map(
    ({ hole, expectedType }) => `${f.text(file).slice(hole.start, hole.end)} → ${expectedType}`,
  );
}

describe('explicit holes', () => {
  test('an undeclared `_()` and `_<T>()` are holes; `_<T>()` asks for T', () => {
    const f = useFixture({ 'main.ts': 'const a: string = _();\nconst b = _<number>();\nconst c: Date = _<Date>();' });
    expect(listHoles(f)).toEqual(['_() → string', '_<number>() → number', '_<Date>() → Date']);
  });

  test('an imported lodash-style `_` is a real call, not a hole', () => {
    const f = useFixture({
      'lodash.ts': 'export function _(): number { return 1; }',
      'main.ts': "import { _ } from './lodash';\nconst a: number = _();",
    });
    expect(listHoles(f)).toEqual([]);
    expect(contextIn(f, { at: '_()' }).hole.kind).toBe('cursor');
  });

  test('`declare function _<T>(): T` (the ChatLSP convention) declares holes', () => {
    const f = useFixture({
      'main.ts': 'declare function _<T>(): T;\nconst a: boolean = _();\nconst b: string[] = [_()];',
    });
    expect(listHoles(f)).toEqual(['_() → boolean', '_() → string']);
  });

  test('calls that only look alike are not holes', () => {
    const f = useFixture({
      'main.ts': [
        'const withArgument: string = _(1);',
        'const obj = { _: () => 1 };',
        'const member: number = obj._();',
        'const twoTypeArguments = _<string, number>();',
        'function local() { function _(): number { return 1; } const n: number = _(); }',
      ].join('\n'),
    });
    expect(listHoles(f)).toEqual([]);
  });

  test('holes are found in a file with unrelated errors and incomplete code', () => {
    const f = useFixture({
      'main.ts': `const broken: number = "text";
undefinedName.call();
const ok: Date = _();
function unfinished(n: number) {
  const s: string = _()`,
    });
    expect(listHoles(f)).toEqual(['_() → Date', '_() → string']);
  });

  test('holes in generic calls get the type the call’s context asks for', () => {
    const f = useFixture({
      'main.ts': `function id<T>(x: T): T { return x; }
const a: number = id(_());
const b: [string, boolean] = [id(_()), id(_<boolean>())];
const c: Date = id(_());`,
    });
    expect(listHoles(f)).toEqual(['_() → number', '_() → string', '_<boolean>() → boolean', '_() → Date']);
  });

  test('every hole of a nested expression is listed, outer ones first', () => {
    const f = useFixture({
      'main.ts': `function pair(a: number, b: string) { return { a, b }; }
const p: { a: number } = _<{ a: number }>() ?? pair(_(), _());`,
    });
    expect(listHoles(f)).toEqual(['_<{ a: number }>() → { a: number; }', '_() → number', '_() → string']);
  });
});

describe('the explicit hole at an offset', () => {
  const f = sharedFixture({ 'main.ts': 'const n: number = 1+_();\nconst s: string = `${_()}`;' });

  test.each([
    ['on the `_`', '1+/*|*/_'],
    ['between the parentheses', '1+_(/*|*/'],
    ['just after the closing parenthesis', '1+_()/*|*/'],
  ])('is found with the cursor %s', (_where, at) => {
    const { hole } = contextIn(f(), { at });
    const [start, end] = [f().offsetOf('main.ts', '_()'), f().offsetOf('main.ts', '_()/*|*/')];
    expect(hole).toMatchObject({ kind: 'explicit', start, end });
  });

  test('inside a template literal substitution is a hole too', () => {
    const { hole, expectedType } = contextIn(f(), { at: '${_/*|*/()}' });
    expect(hole).toMatchObject({ kind: 'explicit', start: f().offsetOf('main.ts', '${/*|*/_()}') });
    expect(expectedType).toBeUndefined();
  });
});
