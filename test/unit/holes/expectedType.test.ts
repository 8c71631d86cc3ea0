import { describe, expect, test } from 'vitest';
import { contextIn, CURSOR, sharedFixture, useFixture } from '../../helpers/fixture.js';

const MAIN = `
interface User { id: number; name: string; tags: string[]; address: { city: string } }
function id<T>(x: T): T { return x; }
function pair<A, B>(a: A, b: B): [A, B] { return [a, b]; }
function box<T>(value: T): { value: T } { return { value }; }
function pick<T>(items: T[], chosen: T): T { return chosen; }
function parse(text: string): string;
function parse(text: string, radix: number): number;
function parse(text: string, radix?: number): string | number { return radix ?? text; }
function onUser(callback: (user: User) => string) {}

let assigned: Date;
assigned = _();
const annotated: User = _();
const generic: number = id(_());
const genericPair: [string, boolean] = pair(_(), true);
const genericNested: { value: Date } = box(_());
const inferredFromSibling = pick([1, 2], _());
const firstOverload = parse(_());
const secondOverload = parse('10', _());
const union: string | number | undefined = _();
const objectMember: User = { id: 1, name: _(), tags: [], address: { city: 'x' } };
const nestedMember: User = { id: 1, name: 'a', tags: [], address: { city: _() } };
const element: User[] = [_()];
const tupleElement: [string, Date] = ['a', _()];
const arrayMember: User = { id: 1, name: 'a', tags: [_()], address: { city: 'x' } };
const conditional: number = Math.random() > 0.5 ? _() : 2;
const typed: boolean = _<boolean>();
onUser((user) => _());
function returnsUser(): User { return _(); }
async function asyncReturn(): Promise<User> { return _(); }
async function asyncReturnAwait(): Promise<User> { return await _(); }
const asyncArrow = async (): Promise<number> => _();
async function awaited() { const when: Date = await _(); }
const promise: Promise<boolean> = _();
class Account { owner: User = _(); balance(): number { return _(); } }
function withDefault(limit: number = _()) {}
`;

describe('the expected type of a hole', () => {
  const f = sharedFixture({ 'main.ts': MAIN });
  /** The expected type at the last `_` of `line`. */
  const expectedAt = (line: string) =>
    contextIn(f(), { at: line.replace(/_(?=[^_]*$)/, `${CURSOR}_`) }).expectedType?.text;

  test.each([
    ['an assignment', 'assigned = _()', 'Date'],
    ['an annotated variable', 'annotated: User = _()', 'User'],
    ['an argument of a generic call, inferred from the call’s context', 'id(_())', 'number'],
    ['one of several type parameters', 'pair(_(), true)', 'string'],
    ['a type parameter nested in the result', 'box(_())', 'Date'],
    ['a type parameter inferred from a sibling argument', 'pick([1, 2], _())', 'number'],
    ['an overload chosen by arity (first)', 'parse(_())', 'string'],
    ['an overload chosen by arity (second)', "parse('10', _())", 'number'],
    ['a union', 'undefined = _()', 'string | number | undefined'],
    ['an object literal member', 'name: _()', 'string'],
    ['a nested object literal member', 'city: _()', 'string'],
    ['an array element', '[_()]', 'User'],
    ['a tuple element', "['a', _()]", 'Date'],
    ['an element of an array-typed member', 'tags: [_()]', 'string'],
    ['a branch of a conditional expression', '? _() : 2', 'number'],
    ['an explicit type argument `_<T>()`', '_<boolean>()', 'boolean'],
    ['a callback’s returned expression', '(user) => _()', 'string'],
    ['a returned expression', 'User { return _()', 'User'],
    [
      '`return _()` in an async function: the value, not the promise',
      'asyncReturn(): Promise<User> { return _()',
      'User',
    ],
    ['`return await _()` in an async function', 'return await _()', 'User'],
    ['an async arrow’s expression body', 'Promise<number> => _()', 'number'],
    ['`await _()`: the awaited value', 'when: Date = await _()', 'Date'],
    ['a promise-typed variable', 'promise: Promise<boolean> = _()', 'Promise<boolean>'],
    ['a class property initializer', 'owner: User = _()', 'User'],
    ['a method’s returned expression', 'number { return _()', 'number'],
    ['a parameter default', 'limit: number = _()', 'number'],
  ])('in %s', (_case, line, expected) => {
    expect(expectedAt(line)).toBe(expected);
  });

  test('names the declarations of the types it is made of', () => {
    const { expectedType } = contextIn(f(), { at: 'annotated: User = /*|*/_()' });
    const user = {
      file: f().file('main.ts'),
      start: f().offsetOf('main.ts', 'interface User'),
      end: f().offsetOf('main.ts', '\nfunction id'),
    };
    expect(expectedType?.definitions).toEqual([user]);
  });
});

describe('JSX attribute values', () => {
  // React's types are not installed: a minimal runtime module gives the `react-jsx` transform its JSX namespace.
  const f = sharedFixture({
    'jsx.d.ts': `declare module 'react/jsx-runtime' {
  export namespace JSX {
    interface Element {}
    interface IntrinsicElements { input: { value?: string; tabIndex?: number } }
  }
  export function jsx(type: unknown, props: unknown): JSX.Element;
}`,
    'main.tsx': `function Button(props: { label: string; size: 'sm' | 'lg'; onPress: (times: number) => void }) {
  return <input />;
}
function List<T>(props: { items: T[]; selected: T }) { return <input />; }
const a = <input value={_()} tabIndex={_()} />;
const b = <Button label={_()} size={_()} onPress={_()} />;
const c = <List items={[new Date()]} selected={_()} />;`,
  });
  const expectedAt = (attribute: string) =>
    contextIn(f(), { file: 'main.tsx', at: `${attribute}={${CURSOR}_()}` }).expectedType?.text;

  test.each([
    ['value', 'string | undefined'],
    ['tabIndex', 'number | undefined'],
    ['label', 'string'],
    ['size', '"sm" | "lg"'],
    ['onPress', '(times: number) => void'],
    ['selected', 'Date'],
  ])('%s', (attribute, expected) => {
    expect(expectedAt(attribute)).toBe(expected);
  });
});

test('a hole with no context has no expected type', () => {
  const f = useFixture({ 'main.ts': "const joined = 'x' + _();\n_();" });
  expect(contextIn(f, { at: "'x' + /*|*/_()" }).expectedType).toBeUndefined();
  expect(contextIn(f, { at: '\n/*|*/_()' }).expectedType).toBeUndefined();
});
