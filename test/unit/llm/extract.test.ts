import { describe, expect, test } from 'vitest';
import { expressionEnd } from '../../../server/src/decode/lexer.js';
import { candidateText, formOf, HoleShape } from '../../../server/src/llm/extract.js';

const explicit: HoleShape = { multiLine: true, lineBefore: '  return ', lineAfter: ';', nameOnly: false };
const cursor: HoleShape = { ...explicit, multiLine: false };

describe('candidateText: the code an answer puts in the hole', () => {
  test.each([
    ['user.name', explicit, 'user.name'],
    ['```ts\nuser.name\n```\nThis returns the name.', explicit, 'user.name'],
    ['return user.name;', explicit, 'user.name'],
    ['f(a, b), c', explicit, 'f(a, b)'],
    ['x) + 1', explicit, 'x'],
    ['`${a}}` + b;', explicit, '`${a}}` + b'],
    [
      'items\n  .filter((x) => x.ok)\n  .map((x) => x.id)\nconst next = 1;',
      explicit,
      'items\n  .filter((x) => x.ok)\n  .map((x) => x.id)',
    ],
    ['items\n  .filter((x) => x.ok)', cursor, 'items'],
    ['{\n  id: 1,\n  name: "a",\n}\nfoo()', explicit, '{\n  id: 1,\n  name: "a",\n}'],
    ['subscribe(observer)', { ...cursor, nameOnly: true }, 'subscribe'],
  ] as const)('%j', (answer, shape, expected) => {
    expect(candidateText(answer, shape)).toBe(expected);
  });
});

test('expressionEnd: unknown while the expression may go on', () => {
  expect(expressionEnd('user.address', false)).toBeUndefined();
  expect(expressionEnd('f(a,', false)).toBeUndefined();
  expect(expressionEnd('f(a, b);', false)).toBe(7);
});

test('formOf: by the outermost expression', () => {
  expect(
    ['guest', 'a.b', 'f()', 'new C()', 'await p', '[]', '{ a: 1 }', '(x) => x', 'null', '"s"'].map(formOf),
  ).toEqual(['binding', 'member', 'call', 'new', 'await', 'array', 'object', 'arrow', 'nullish', 'literal']);
});
