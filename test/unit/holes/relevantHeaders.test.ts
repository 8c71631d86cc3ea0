import { describe, expect, test } from 'vitest';
import type { RelevantHeader } from '../../../server/src/holes/holeData.js';
import { contextIn, contextOf, sharedFixture } from '../../helpers/fixture.js';

const USERS = `export interface User { id: number; name: string }
export function makeUser(name: string): User { return { id: 0, name }; }
export function findUser(id: number): User | undefined { return undefined; }
export const guest: User = { id: 0, name: 'guest' };
export let current: User = guest;
export function userCount(): number { return 0; }
export class UserStore { constructor(private readonly seed: User[]) {} first(): User { return this.seed[0]; } }
export function identity<T>(value: T): T { return value; }
export function parse(text: string): User;
export function parse(text: string, strict: boolean): User;
export function parse(text: string, strict?: boolean): User { return guest; }`;

const signatures = (headers: RelevantHeader[]) => headers.map((h) => h.signature);

describe('relevant headers', () => {
  const f = sharedFixture({
    'users.ts': USERS,
    'main.ts': `import { UserStore, type User } from './users';
const store = new UserStore([]);
const admin: User = { id: 1, name: 'root' };
const count = 3;
function pickUser(fallback: User): User {
  const chosen: User = /*|*/;
  return fallback;
}
function total(): number {
  return ;
}`,
  });
  const userHeaders = () => contextIn(f(), { options: { maxHeaders: 30 } }).relevantHeaders;
  /** The feature's check: headers rendered as `name | signature`, for `toMatchInlineSnapshot`. */
  const rendered = (headers: RelevantHeader[]) => headers.map((h) => `${h.name} | ${h.signature}`);

  test('offer what produces the expected type, best first, as body-less signatures', () => {
    expect(rendered(userHeaders())).toMatchInlineSnapshot(`
      [
        "fallback | fallback: User",
        "admin | const admin: User",
        "store.first | first(): User",
        "current | let current: User",
        "guest | const guest: User",
        "makeUser | function makeUser(name: string): User",
        "parse | function parse(text: string): User",
        "pickUser | function pickUser(fallback: User): User",
        "identity | function identity<T>(value: T): T",
      ]
    `);
  });

  test('say where each comes from and point at its declaration', () => {
    const byName = new Map(userHeaders().map((h) => [h.name, h]));
    expect(byName.get('admin')?.reason).toBe('local in scope, its type fits');
    expect(byName.get('store.first')?.reason).toBe('member of store, returns a fitting type');
    expect(byName.get('makeUser')?.reason).toBe('exported by ./users, returns a fitting type');
    expect(byName.get('makeUser')?.ref).toMatchObject({
      file: f().file('users.ts'),
      start: f().offsetOf('users.ts', 'export function makeUser'),
    });
  });

  test('leave out what cannot produce the expected type', () => {
    const offered = userHeaders().map((h) => h.name);
    for (const misfit of ['count', 'store', 'findUser', 'userCount', 'new UserStore'])
      expect(offered).not.toContain(misfit);
  });

  test('rank values in scope first, exact types over generic ones, and the function being written last but one', () => {
    const scores = new Map(userHeaders().map((h) => [h.name, h.score]));
    expect(scores.get('admin')).toBeGreaterThan(scores.get('store.first')!);
    expect(scores.get('store.first')).toBeGreaterThan(scores.get('makeUser')!);
    expect(scores.get('makeUser')).toBeGreaterThan(scores.get('pickUser')!);
    expect(scores.get('pickUser')).toBeGreaterThan(scores.get('identity')!);
  });

  test('are capped by maxHeaders, keeping the best', () => {
    const two = contextIn(f(), { options: { maxHeaders: 2 } }).relevantHeaders;
    expect(rendered(two)).toMatchInlineSnapshot(`
      [
        "fallback | fallback: User",
        "admin | const admin: User",
      ]
    `);
  });

  test('find members, values and exported functions for a primitive expected type', () => {
    const headers = contextIn(f(), { at: 'return /*|*/;' }).relevantHeaders;
    expect(rendered(headers)).toMatchInlineSnapshot(`
      [
        "admin.id | admin.id: number",
        "count | const count: 3",
        "userCount | function userCount(): number",
        "total | function total(): number",
        "identity | function identity<T>(value: T): T",
      ]
    `);
  });

  test('leave out calls made for what they do to their receiver (`push` gives a number)', () => {
    const main = `function f(ids: number[], seen: Set<number>) {
  const n: number = /*|*/;
  const has: boolean = ids.includes(n);
}`;
    const names = contextOf({ 'main.ts': main }).relevantHeaders.map((h) => h.name);
    expect(names).toContain('seen.size');
    expect(names).not.toContain('ids.push');
    expect(names).not.toContain('ids.unshift');
  });
});

describe('constructors and generics', () => {
  test('offer `new C(…)` with the constructor’s parameters as written, named in their own module', () => {
    const { relevantHeaders } = contextOf({
      'users.ts': USERS,
      'main.ts': "import { UserStore } from './users';\nconst s: UserStore = /*|*/;",
    });
    expect(signatures(relevantHeaders)[0]).toBe('new UserStore(seed: User[]): UserStore');
  });

  test('apply a generic function’s type parameters to see what it can produce', () => {
    const { relevantHeaders } = contextOf({
      'box.ts': [
        'export class Box<T> { constructor(readonly value: T) {} }',
        'export function boxOf<T>(value: T): Box<T> { return new Box(value); }',
        'export function boxes<T>(value: T): Box<T>[] { return []; }',
      ].join('\n'),
      'main.ts': "import { Box } from './box';\nconst b: Box<number> = /*|*/;",
    });
    expect(signatures(relevantHeaders)).toEqual([
      'new Box<T>(value: T): Box<T>',
      'function boxOf<T>(value: T): Box<T>',
    ]);
  });

  test('list a declaration reached two ways (namespace member and export) once', () => {
    const { relevantHeaders } = contextOf({
      'users.ts': USERS,
      'main.ts': "import * as users from './users';\nconst u: users.User = /*|*/;",
    });
    const refs = relevantHeaders.map((h) => `${h.ref.start}`);
    expect(new Set(refs).size).toBe(refs.length);
    expect(relevantHeaders.map((h) => h.name)).toContain('users.makeUser');
  });

  test('are empty when the expected type says nothing', () => {
    const { relevantHeaders } = contextOf({
      'users.ts': USERS,
      'main.ts': "import { guest } from './users';\nconst anything: unknown = /*|*/;",
    });
    expect(relevantHeaders).toEqual([]);
  });
});
