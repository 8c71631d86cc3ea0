import { describe, expect, test } from 'vitest';
import type { Binding } from '../../../server/src/holes/holeData.js';
import { contextOf } from '../../helpers/fixture.js';

const render = (bindings: Binding[]) => bindings.map((b) => `${b.distance} ${b.kind} ${b.name}: ${b.type}`);
const names = (bindings: Binding[]) => bindings.map((b) => b.name);

describe('bindings in scope', () => {
  test('come nearest scope first, with their kinds and types', () => {
    const { bindings } = contextOf({
      'shapes.ts': `export interface Shape { sides: number }
export const square: Shape = { sides: 4 };
export function area(s: Shape): number { return 0; }`,
      'globals.d.ts': 'declare const APP_VERSION: string;',
      'main.ts': `import { square, type Shape } from './shapes';
import * as shapes from './shapes';
const top = 1;
function outer(scale: number) {
  const label = 'a';
  for (const item of [1, 2]) {
    const inner = true;
    const s: Shape = /*|*/;
  }
}`,
    });
    expect(render(bindings)).toMatchInlineSnapshot(`
      [
        "0 local inner: true",
        "0 local item: number",
        "1 local label: "a"",
        "1 parameter scale: number",
        "2 local outer: (scale: number) => void",
        "2 local top: 1",
        "2 import shapes: typeof shapes",
        "2 import square: Shape",
        "3 global APP_VERSION: string",
      ]
    `);
  });

  test('leave out what is not usable yet, type-only imports, library globals and `_`', () => {
    const { bindings } = contextOf({
      'types.ts': 'export interface Only { x: number }',
      'main.ts': `import type { Only } from './types';
declare function _<T>(): T;
const before = 1;
const self: number = /*|*/;
const after = 2;
class Later {}`,
    });
    expect(names(bindings)).toEqual(['before']);
  });

  test('leave out names a later pattern binds, and a value merged with an interface inside its own initializer', () => {
    const { bindings } = contextOf({
      'main.ts': `export interface Failure extends Error {}
export interface FailureCtor { new (): Failure }
declare const config: { method: string };
function send(key: string) {
  const ok: boolean = /*|*/;
  const { method } = config;
}
export const Failure: FailureCtor = _();`,
    });
    expect(names(bindings)).not.toContain('method');
    const { bindings: inOwnInitializer } = contextOf({
      'main.ts': `export interface Failure extends Error {}
export interface FailureCtor { new (): Failure }
export const Failure: FailureCtor = /*|*/;`,
    });
    expect(names(inOwnInitializer)).not.toContain('Failure');
  });

  test('include later declarations inside a function, which runs after they are initialised', () => {
    const { bindings } = contextOf({
      'main.ts': `const before = 1;
function run() {
  const n: number = /*|*/;
  const notYet = 2;
}
const after = 2;
class Later {}`,
    });
    expect(names(bindings)).toEqual(['run', 'before', 'after', 'Later']);
  });

  test('include instance members as `this.x` at the class’s distance, but no statics', () => {
    const { bindings } = contextOf({
      'main.ts': `class Counter {
  count = 0;
  private step = 1;
  static instances = 0;
  inc(by: number) {
    const next: number = /*|*/;
  }
}`,
    });
    expect(render(bindings)).toMatchInlineSnapshot(`
      [
        "0 parameter by: number",
        "1 member this.inc: (by: number) => void",
        "1 member this.step: number",
        "1 member this.count: number",
        "2 local Counter: typeof Counter",
      ]
    `);
  });

  test('leave out the private members a subclass inherits, keep its own and the protected ones', () => {
    const { bindings } = contextOf({
      'main.ts': `class Base {
  private secret = 1;
  #hidden = 2;
  protected shared = 3;
}
class Child extends Base {
  private own = 4;
  run() {
    const n: number = /*|*/;
  }
}`,
    });
    expect(
      names(bindings)
        .filter((n) => n.startsWith('this.'))
        .sort(),
    ).toEqual(['this.own', 'this.run', 'this.shared']);
  });

  test('keep `this` members in an arrow function, drop them in a plain function', () => {
    const main = (fn: string) => `class Box { size = 1; run() { const f = ${fn}; } }`;
    const arrow = contextOf({ 'main.ts': main('() => { const n: number = /*|*/; }') });
    const plain = contextOf({ 'main.ts': main('function () { const n: number = /*|*/; }') });
    expect(names(arrow.bindings)).toContain('this.size');
    expect(names(plain.bindings).filter((n) => n.startsWith('this.'))).toEqual([]);
  });

  test('drop `this` members in an object literal’s methods, where `this` is the object', () => {
    const main = (member: string) => `class Box { size = 1; run() { return { ${member} }; } }`;
    const method = contextOf({ 'main.ts': main('area() { const n: number = /*|*/; return n; }') });
    const getter = contextOf({ 'main.ts': main('get area() { const n: number = /*|*/; return n; }') });
    const arrow = contextOf({ 'main.ts': main('area: () => { const n: number = /*|*/; return n; }') });
    expect(names(method.bindings).filter((n) => n.startsWith('this.'))).toEqual([]);
    expect(names(getter.bindings).filter((n) => n.startsWith('this.'))).toEqual([]);
    expect(names(arrow.bindings)).toContain('this.size');
  });

  test('in a field’s initializer, leave out that field and those after it unless a function there runs later', () => {
    const main = (init: string) =>
      `class Box {\n  first = 1;\n  second: number = ${init};\n  third = 3;\n  later() { return 0; }\n}`;
    const direct = contextOf({ 'main.ts': main('/*|*/') });
    const deferred = contextOf({ 'main.ts': main('(() => { const n: number = /*|*/; return n; })()') });
    expect(
      names(direct.bindings)
        .filter((n) => n.startsWith('this.'))
        .sort(),
    ).toEqual(['this.first', 'this.later']);
    expect(
      names(deferred.bindings)
        .filter((n) => n.startsWith('this.'))
        .sort(),
    ).toEqual(['this.first', 'this.later', 'this.second', 'this.third']);
  });

  test('count a catch clause and its block as one scope', () => {
    const { bindings } = contextOf({
      'main.ts': 'function f(input: string) {\n  try { } catch (err) {\n    const msg: string = /*|*/;\n  }\n}',
    });
    expect(render(bindings)).toEqual([
      '0 local err: unknown',
      '1 parameter input: string',
      '2 local f: (input: string) => void',
    ]);
  });
});
