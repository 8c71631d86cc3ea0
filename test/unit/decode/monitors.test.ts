import { describe, expect, test } from 'vitest';
import { siteMonitor } from '../../../server/src/decode/monitors.js';
import type { Monitor } from '../../../server/src/decode/types.js';
import { holeSiteAt } from '../../../server/src/holes/site.js';
import { sharedFixture } from '../../helpers/fixture.js';

const project = sharedFixture({
  'types.ts': `export interface Address { street: string; city: string }
export type Role = 'admin' | 'guest';
export interface User { id: number; name: string; address: Address; role: Role }
export enum Color { Red, Green }
export class Box { constructor(readonly width: number) {} area(): number { return this.width; } }
`,
  'main.ts': `import { Address, Box, Color, Role, User } from './types';
declare const users: User[];
declare const loose: any;

export function named(user: User): string {
  return _();
}
export function member(user: User): string {
  return user.nam;
}
export const owner: User = _();
export const role: Role = _();
export class Shelf {
  boxes: Box[] = [];
  count(): number { return _(); }
}
`,
});

const noUsage = { member: () => 0, identifier: () => 0 };
/** The monitor of the hole found at `needle` (at its cursor marker, if it holds one) in main.ts. */
function monitorAt(needle: string): Monitor {
  const f = project();
  const file = f.file('main.ts');
  return siteMonitor(holeSiteAt(f.workspace.snapshot(file), f.offsetOf('main.ts', needle)), noUsage);
}

describe('dereference monitor', () => {
  const monitor = () => monitorAt('return _();');
  test('a member the receiver lacks is rejected, with the members it has', () => {
    const violation = monitor().check('user.adress', true);
    expect(violation).toMatchObject({ monitor: 'dereference', start: 5, rejected: 'adress', trigger: 'user.' });
    expect(violation!.legal).toEqual(expect.arrayContaining(['id', 'name', 'address', 'role']));
  });

  test('a name not written yet is not judged, though the answer ends there', () => {
    expect(monitor().check('user.', true)).toBeUndefined();
    expect(monitor().check('user.name + ', true)).toBeUndefined();
  });

  test('a name still being typed is judged as a prefix', () => {
    expect(monitor().check('user.addr', false)).toBeUndefined();
    expect(monitor().check('user.addx', false)).toMatchObject({ rejected: 'addx' });
    expect(monitor().check('user.addr', true)).toMatchObject({ rejected: 'addr' }, 'the answer ended there');
    expect(monitor().check('user.addr.', false)).toMatchObject({ rejected: 'addr' }, 'something followed it');
  });

  test('through chains, calls and indexing', () => {
    expect(monitor().check('user.address.town', true)).toMatchObject({
      trigger: 'user.address.',
      legal: expect.arrayContaining(['street', 'city']),
    });
    expect(monitor().check('users[0].address.city.toUpperCase().trim()', true)).toBeUndefined();
    expect(monitor().check('users.find((u) => u.id === 1)!.nme', true)).toMatchObject({
      rejected: 'nme',
      trigger: 'users.find((u) => u.id === 1)!.',
    });
    expect(monitor().check('users.map((u) => u.name).join(", ").lenght', true)).toMatchObject({
      rejected: 'lenght',
      legal: expect.arrayContaining(['length']),
    });
  });

  test('enum members and keyword-named members', () => {
    expect(monitorAt('role: Role = /*|*/_()').check('Color.Red', true)).toBeUndefined();
    expect(monitor().check('new Map<string, number>().delete("x")', true)).toBeUndefined();
    expect(monitor().check('new Map<string, number>().remove("x")', true)).toMatchObject({
      rejected: 'remove',
      legal: expect.arrayContaining(['delete']),
    });
    expect(monitor().check('String(Color.Blue)', true)).toMatchObject({
      rejected: 'Blue',
      legal: expect.arrayContaining(['Red', 'Green']),
    });
  });

  test('a receiver whose type it cannot tell is let through', () => {
    expect(monitor().check('loose.anything.at.all', true)).toBeUndefined();
    expect(monitor().check('loose.map((u) => u.nothing)', true)).toBeUndefined();
  });

  test("an arrow's parameters are typed by the call it is passed to", () => {
    expect(monitor().check('users.map((u) => u.nothing)', true)).toMatchObject({
      rejected: 'nothing',
      trigger: 'u.',
      legal: expect.arrayContaining(['name']),
    });
    const named = monitor().check('users.filter(function (u) { return u.nam.length > 0; })', true);
    expect(named).toMatchObject({ rejected: 'nam' });
  });

  test('at a member hole, the name right after the receiver', () => {
    const atMember = monitorAt('user./*|*/nam');
    expect(atMember.check('nmae', true)).toMatchObject({
      monitor: 'dereference',
      start: 0,
      rejected: 'nmae',
      trigger: 'user.',
    });
    expect(atMember.check('name', true)).toBeUndefined();
    expect(atMember.check('address.cty', true)).toMatchObject({ rejected: 'cty', trigger: 'user.address.' });
  });

  test('this', () => {
    expect(monitorAt('count(): number { return /*|*/_').check('this.boxes.length', true)).toBeUndefined();
    expect(monitorAt('count(): number { return /*|*/_').check('this.boxs.length', true)).toMatchObject({
      rejected: 'boxs',
      legal: expect.arrayContaining(['boxes', 'count']),
    });
  });
});

describe('scope monitor', () => {
  const monitor = () => monitorAt('return _();');
  test('a free name must resolve in scope', () => {
    expect(monitor().check('usr.name', true)).toMatchObject({
      monitor: 'inScope',
      rejected: 'usr',
      legal: expect.arrayContaining(['user', 'users']),
    });
    expect(monitor().check('JSON.stringify(user)', true)).toBeUndefined();
  });

  test('names the fill declares itself: arrow parameters, locals of a body', () => {
    expect(monitor().check('users.map((u) => u.name).join()', true)).toBeUndefined();
    expect(monitor().check('users.map(u => { const n = u.name; return n; }).join()', true)).toBeUndefined();
    expect(monitor().check('users.map(u => { const n = u.name; return m; }).join()', true)).toMatchObject({
      rejected: 'm',
    });
  });

  test('a group that may still become arrow parameters is not judged yet', () => {
    expect(monitor().check('users.map((a, b', false)).toBeUndefined();
    expect(monitor().check('users.some((a, b) ', false)).toBeUndefined();
  });
});

describe('object literal keys', () => {
  const monitor = () => monitorAt('owner: User = /*|*/_()');
  test('a key the expected type lacks', () => {
    expect(monitor().check('{ id: 1, nmae: "x" }', true)).toMatchObject({
      monitor: 'objectKey',
      rejected: 'nmae',
      legal: ['id', 'name', 'address', 'role'],
    });
    expect(monitor().check('{ id: 1, na', false)).toBeUndefined();
  });

  test('nested literals are typed by their key', () => {
    const text = '{ id: 1, name: "x", address: { street: "", town: "" }, role: "admin" }';
    expect(monitor().check(text, true)).toMatchObject({ rejected: 'town', legal: ['street', 'city'] });
  });

  test('values are expressions: names in them must be in scope', () => {
    expect(monitor().check('{ id: 1, name: nobody }', true)).toMatchObject({ monitor: 'inScope', rejected: 'nobody' });
  });
});

describe('literal unions', () => {
  test('at the hole', () => {
    const monitor = monitorAt('role: Role = /*|*/_()');
    expect(monitor.check("'admin'", true)).toBeUndefined();
    expect(monitor.check("'adm", false)).toBeUndefined();
    expect(monitor.check("'root'", true)).toMatchObject({
      monitor: 'literalUnion',
      rejected: "'root'",
      legal: ["'admin'", "'guest'"],
    });
    expect(monitor.check("'ro", false)).toMatchObject({ rejected: "'ro" });
  });

  test('as a property value', () => {
    expect(monitorAt('owner: User = /*|*/_()').check('{ role: "owner" }', true)).toMatchObject({
      rejected: '"owner"',
      legal: ['"admin"', '"guest"'],
    });
  });
});
