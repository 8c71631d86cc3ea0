import { describe, expect, test } from 'vitest';
import { holeContextAt } from '../../../server/src/holes/context.js';
import { contextIn, contextOf, sharedFixture } from '../../helpers/fixture.js';

const FOO = 'function foo(count: number, label: string) {}\n';

describe('the cursor as a hole', () => {
  test('in an incomplete call `foo(|` asks for the first parameter', () => {
    const { hole, expectedType, fixture } = contextOf({ 'main.ts': `${FOO}foo(/*|*/` });
    const at = fixture.cursor('main.ts');
    expect(hole).toMatchObject({ kind: 'cursor', start: at, end: at });
    expect(expectedType?.text).toBe('number');
  });

  test('after a comma it asks for the next parameter, even with code after it', () => {
    const { expectedType } = contextOf({ 'main.ts': `${FOO}function g() {\n  foo(1, /*|*/\n}\nconst after = 1;` });
    expect(expectedType?.text).toBe('string');
  });

  test('`const x: T = |` with nothing after it asks for T', () => {
    const { expectedType } = contextOf({ 'main.ts': 'const when: Date = /*|*/' });
    expect(expectedType?.text).toBe('Date');
  });

  test('a partly typed identifier is the prefix, and the hole spans the whole identifier', () => {
    const { hole, prefix, expectedType, fixture } = contextOf({
      'main.ts': 'const total = 1;\nconst n: number = to/*|*/tal;',
    });
    expect(prefix).toBe('to');
    const [start, end] = [fixture.offsetOf('main.ts', 'total;'), fixture.offsetOf('main.ts', 'total/*|*/;')];
    expect(hole).toMatchObject({ start, end });
    expect(expectedType?.text).toBe('number');
  });

  test('works at the end of an unfinished function', () => {
    const { expectedType, enclosing } = contextOf({
      'main.ts': `${FOO}function g(flag: boolean) {\n  if (flag) {\n    const s: string = la/*|*/`,
    });
    expect(expectedType?.text).toBe('string');
    expect(enclosing?.signature).toBe('function g(flag: boolean)');
  });
});

describe('member holes', () => {
  const OBJ = "const file = { path: 'a', size: 1, open(): boolean { return true; } };\n";

  test('`obj.|` gives the receiver and its members', () => {
    const { receiver, expectedType } = contextOf({ 'main.ts': `${OBJ}file./*|*/` });
    expect(receiver).toMatchInlineSnapshot(`
      {
        "members": [
          {
            "kind": "property",
            "name": "path",
            "type": "string",
          },
          {
            "kind": "property",
            "name": "size",
            "type": "number",
          },
          {
            "kind": "method",
            "name": "open",
            "type": "() => boolean",
          },
        ],
        "text": "file",
        "type": "{ path: string; size: number; open(): boolean; }",
      }
    `);
    expect(expectedType).toBeUndefined();
  });

  test('`obj.pa|` has the prefix, the receiver and the expected type of the access', () => {
    const { receiver, prefix, hole, expectedType, fixture } = contextOf({
      'main.ts': `${OBJ}const n: number = file.pa/*|*/;`,
    });
    expect(prefix).toBe('pa');
    expect(hole.start).toBe(fixture.offsetOf('main.ts', 'pa;'));
    expect(receiver?.text).toBe('file');
    expect(receiver?.members.map((m) => m.name)).toEqual(['path', 'size', 'open']);
    expect(expectedType?.text).toBe('number');
  });

  test('`this.|` in a method lists the class members', () => {
    const { receiver } = contextOf({ 'main.ts': 'class Counter { count = 0; #secret = 1; inc() { this./*|*/ } }' });
    expect(receiver?.text).toBe('this');
    expect(receiver?.members.map((m) => `${m.name}:${m.kind}`)).toEqual(['count:property', 'inc:method']);
  });
});

describe('positions that are not holes', () => {
  const main = [
    'const a: string = "in a string";',
    "const b: string = 'single';",
    'const c: string = `template`;',
    '// a line comment',
    '/* a block comment */',
    'const d = 12345;',
  ].join('\n');
  const f = sharedFixture({ 'main.ts': main });
  const INVALID_POSITION = expect.objectContaining({ name: 'SpackleError', reason: 'invalidPosition' });

  test.each([
    ['a double-quoted string', 'in /*|*/a string'],
    ['a single-quoted string', 'si/*|*/ngle'],
    ['a template literal', 'temp/*|*/late'],
    ['a line comment', 'a /*|*/line'],
    ['a block comment', 'a /*|*/block'],
    ['a number literal', '12/*|*/345'],
  ])('inside %s is invalidPosition', (_where, at) => {
    expect(() => contextIn(f(), { at })).toThrowError(INVALID_POSITION);
  });

  test.each([-1, main.length + 1, 0.5])('offset %d is outside the file: invalidPosition', (offset) => {
    expect(() => holeContextAt(f().workspace, f().file('main.ts'), offset)).toThrowError(INVALID_POSITION);
  });
});

describe('declarations after a cursor hole', () => {
  test('keep their real positions although the speculative text is longer', () => {
    const main = 'const shape: Shape = /*|*/;\ninterface Shape { sides: number }';
    const { relevantTypes, expectedType, fixture } = contextOf({ 'main.ts': main });
    const declared = fixture.offsetOf('main.ts', 'interface Shape');
    expect(relevantTypes.find((t) => t.name === 'Shape')?.ref).toMatchObject({
      start: declared,
      end: fixture.text('main.ts').length,
    });
    expect(expectedType?.definitions).toEqual([expect.objectContaining({ start: declared })]);
  });
});
