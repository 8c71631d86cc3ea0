import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { codeMonitor } from '../../../server/src/decode/monitors.js';
import type { Monitor } from '../../../server/src/decode/types.js';
import { nodeAt } from '../../../server/src/ts/ast.js';
import { sharedFixture } from '../../helpers/fixture.js';

const project = sharedFixture({
  'types.ts': `export interface Address { street: string; city: string }
export type Mode = 'fast' | 'safe';
export interface User { id: number; name: string; address: Address; mode: Mode }
export interface Options { retries: number; mode: Mode }
export declare function loadUser(id: number): Promise<User>;
export declare function configure(options: Options): void;
export declare function setMode(mode: Mode, force?: boolean): void;
export declare function pair(a: string, b: string): string;
export interface NumberSchema { type: 'number'; minimum?: number }
export interface IntegerSchema { type: 'integer'; minimum?: number }
export declare function describeSchema(schema: NumberSchema | IntegerSchema): string;
export interface EmailIssue { format: 'email' }
export interface StartsWithIssue { format: 'starts_with'; prefix: string }
export type FormatIssue = EmailIssue | StartsWithIssue;
`,
  'main.ts': `import { Address, configure, describeSchema, FormatIssue, IntegerSchema, loadUser, Mode } from './types';
import { NumberSchema, pair, setMode, User } from './types';
declare const users: User[];
declare const json: NumberSchema | IntegerSchema;
declare const isInt: boolean;
declare const issue: FormatIssue;

export async function body(id: number): Promise<string> {
  
}
export class Account {
  private readonly owner: User = users[0];

  describe(): string {
    return this.owner.name;
  }
}
export const handle = (value: number) => value;
handle.first = 1;
export function wrap(): number {
  return 1;
}
wrap.label = '';
export function tail(): number {
  const total = 1;
  
}
export declare function report(error: any, note: unknown, done: void): void;
export class Box<T> {
  constructor(private readonly take: (value: T) => void) {}
  put(value: T): void {
    
  }
}
`,
});

const noUsage = { member: () => 0, identifier: () => 0 };

/** The monitor of code written on the empty line of `body` (or after `at`), after `lead`. */
function inBody(lead = '', at = 'Promise<string> {\n  /*|*/'): Monitor {
  const f = project();
  const snapshot = f.workspace.snapshot(f.file('main.ts'));
  const offset = f.offsetOf('main.ts', at);
  const node = nodeAt(snapshot.sourceFile, offset);
  return codeMonitor({ snapshot, node, offset, lead, inClassBody: false }, noUsage);
}

/** The monitor of members written in the class body of Account. */
function inClass(): Monitor {
  const f = project();
  const snapshot = f.workspace.snapshot(f.file('main.ts'));
  const offset = f.offsetOf('main.ts', '\n/*|*/\n  describe');
  const cls = ts.findAncestor(nodeAt(snapshot.sourceFile, offset), ts.isClassDeclaration)!;
  return codeMonitor({ snapshot, node: cls.members[0], offset, lead: '', inClassBody: true }, noUsage);
}

describe('monitors over statements', () => {
  test('a statement may give a function of the file a member (an expando), not to an object', () => {
    const monitor = inBody();
    expect(monitor.check('handle.retry = 3;', true)).toBeUndefined();
    expect(monitor.check('handle.ret', false)).toBeUndefined();
    expect(monitor.check('wrap.tag = "w";', true)).toBeUndefined();
    expect(monitor.check('const local = () => 1;\nlocal.tag = "t";', true)).toBeUndefined();
    expect(monitor.check('json.retry = 3;', true)).toMatchObject({ monitor: 'dereference', rejected: 'retry' });
    expect(monitor.check('const n = json.retry;', true)).toMatchObject({ monitor: 'dereference', rejected: 'retry' });
  });

  test("a parameter typed by the class's own type parameter must be passed; one inferred need not", () => {
    const monitor = inBody('', 'put(value: T): void {\n    /*|*/');
    expect(monitor.check('this.take(value);', true)).toBeUndefined();
    expect(monitor.check('this.take();', true)).toMatchObject({ monitor: 'arity', rejected: ')' });
    expect(monitor.check('const p: Promise<void> = new Promise((resolve) => resolve());', true)).toBeUndefined();
    // One argument too many is one too many, inferred or not.
    const twice = 'const p: Promise<void> = new Promise((resolve) => resolve(value, value));';
    expect(monitor.check(twice, true)).toMatchObject({ monitor: 'arity', rejected: ',', legal: [')'] });
  });

  test('an argument of type any or unknown must be passed, as TypeScript counts; one of type void need not', () => {
    const monitor = inBody();
    expect(monitor.check('report(1, 2);', true)).toBeUndefined();
    expect(monitor.check('report(1);', true)).toMatchObject({ monitor: 'arity', rejected: ')' });
    expect(monitor.check('report();', true)).toMatchObject({ monitor: 'arity', rejected: ')' });
  });

  test("at a block's end, a local declared above is in scope and offered for a name that is not", () => {
    const monitor = inBody('', 'const total = 1;\n  /*|*/');
    expect(monitor.check('return total;', true)).toBeUndefined();
    expect(monitor.check('return totl;', true)).toMatchObject({ monitor: 'inScope', rejected: 'totl' });
    expect(monitor.check('return totl;', true)!.legal[0]).toBe('total');
  });

  test('a name the code declares is in scope on the next lines, typed by its initializer', () => {
    const monitor = inBody();
    expect(monitor.check('const user = await loadUser(id);\nreturn user.name;', true)).toBeUndefined();
    expect(monitor.check('const user = await loadUser(id);\nreturn user.nmae;', true)).toMatchObject({
      monitor: 'dereference',
      rejected: 'nmae',
      trigger: 'user.',
      start: 'const user = await loadUser(id);\nreturn user.'.length,
    });
    expect(monitor.check('const user = await loadUser(id);\nreturn usr.name;', true)).toMatchObject({
      monitor: 'inScope',
      rejected: 'usr',
      legal: expect.arrayContaining(['user', 'id', 'users']),
    });
    expect(monitor.check('const user = await loadUser(id);\nreturn usr.name;', true)!.legal[0]).toBe('user');
  });

  test("without `await` the value is a Promise, and its members are a Promise's", () => {
    expect(inBody().check('const user = loadUser(id);\nreturn user.name;', true)).toMatchObject({
      rejected: 'name',
      legal: expect.arrayContaining(['then']),
    });
  });

  test('types are not values: annotations, assertions and type arguments are not judged', () => {
    const monitor = inBody();
    expect(
      monitor.check('const home: Address = (await loadUser(id)).address;\nreturn home.city;', true),
    ).toBeUndefined();
    expect(
      monitor.check(
        'const list = new Map<string, User>();\nconst mode = "fast" as Mode;\nreturn String(list.size) + mode;',
        true,
      ),
    ).toBeUndefined();
    expect(monitor.check('const home: Address = (await loadUser(id)).address;\nreturn home.town;', true)).toMatchObject(
      { rejected: 'town' },
    );
  });

  test('a for…of variable is typed by what it iterates; destructured names by their property', () => {
    const monitor = inBody();
    expect(
      monitor.check('for (const user of users) {\n  if (user.nme) return user.name;\n}\nreturn "";', true),
    ).toMatchObject({ rejected: 'nme' });
    expect(monitor.check('const { address } = users[0];\nreturn address.town;', true)).toMatchObject({
      rejected: 'town',
      trigger: 'address.',
    });
  });

  test("object keys and literal unions where a call's parameter types them", () => {
    const monitor = inBody();
    expect(monitor.check('configure({ retries: 3, mode: "safe" });\nreturn "";', true)).toBeUndefined();
    expect(monitor.check('configure({ retires: 3, mode: "safe" });', true)).toMatchObject({
      monitor: 'objectKey',
      rejected: 'retires',
      legal: ['retries', 'mode'],
    });
    expect(monitor.check('configure({ retries: 3, mode: "quick" });', true)).toMatchObject({
      monitor: 'literalUnion',
      rejected: '"quick"',
    });
    expect(monitor.check('setMode("quick");', true)).toMatchObject({
      monitor: 'literalUnion',
      legal: ['"fast"', '"safe"'],
    });
    expect(monitor.check('const mode: Mode = "quick";', true)).toMatchObject({ monitor: 'literalUnion' });
    // Keys of an intersection of object types (`PropertyDescriptor & ThisType<any>`): those of its members.
    expect(monitor.check('Object.defineProperty(json, "k", { value: 1, writable: true });', true)).toBeUndefined();
    expect(monitor.check('Object.defineProperty(json, "k", { valeu: 1 });', true)).toMatchObject({
      monitor: 'objectKey',
      rejected: 'valeu',
      legal: expect.arrayContaining(['value']),
    });
  });

  test('a literal compared is not judged: the checker asks only that the two sides be comparable', () => {
    const monitor = inBody();
    expect(monitor.check('if (issue.format === "starts_with") return issue.prefix;', true)).toBeUndefined();
    expect(monitor.check('if (users[0].mode !== "quick") return "";', true)).toBeUndefined();
    expect(monitor.check('switch (users[0].mode) {\n  case "quick":\n    return "";\n}', true)).toBeUndefined();
  });

  test("a member of a union holds any of its constituents' values: assigned, in a conditional, in an object", () => {
    const monitor = inBody();
    expect(monitor.check('json.type = isInt ? "integer" : "number";\nreturn "";', true)).toBeUndefined();
    expect(monitor.check('return describeSchema({ type: "integer", minimum: 0 });', true)).toBeUndefined();
    expect(monitor.check('json.type = isInt ? "integer" : "numbr";', true)).toMatchObject({
      monitor: 'literalUnion',
      rejected: '"numbr"',
      legal: expect.arrayContaining(['"number"', '"integer"']),
    });
    expect(monitor.check('return describeSchema({ type: "float" });', true)).toMatchObject({
      monitor: 'literalUnion',
      rejected: '"float"',
    });
  });

  test('a call with more arguments than any signature takes: a `)` goes at the comma that starts one too many', () => {
    const monitor = inBody();
    const text = 'return pair("a", "b", "c");';
    expect(monitor.check('return pair("a", "b"', false)).toBeUndefined();
    expect(monitor.check(text, false)).toMatchObject({
      monitor: 'arity',
      start: text.indexOf(', "c"'),
      rejected: ',',
      legal: [')'],
      trigger: 'pair(…) takes 2 arguments',
    });
    expect(monitor.check('setMode("fast", true);', true)).toBeUndefined();
  });

  test('a call closed with too few arguments: another one goes before the `)`', () => {
    const monitor = inBody();
    expect(monitor.check('return pair("a");', true)).toMatchObject({
      monitor: 'arity',
      start: 'return pair("a"'.length,
      rejected: ')',
      legal: [', '],
    });
    expect(monitor.check('return pair();', true)).toMatchObject({ rejected: ')', legal: [''] });
    expect(monitor.check('return pair("a"', false)).toBeUndefined();
  });

  test('a name the user began is finished only by names that continue it', () => {
    const monitor = inBody('return users[0].na');
    expect(monitor.check('me;', true)).toBeUndefined();
    expect(monitor.check('mx;', true)).toMatchObject({ start: 0, rejected: 'mx', legal: ['me'] });
    expect(inBody('return users[0].').check('nmae;', true)).toMatchObject({ start: 0, rejected: 'nmae' });
  });

  test("the user's own code before the cursor is never judged", () => {
    expect(inBody('const x = nowhere.thing + ').check('id;', true)).toBeUndefined();
  });
});

describe('monitors over class members', () => {
  test('member names are declarations; `this` is the class, with the members the code adds', () => {
    const monitor = inClass();
    expect(monitor.check('get label(): string {\n  return this.owner.name;\n}', true)).toBeUndefined();
    expect(monitor.check('private count = 0;\nbump(): number {\n  return ++this.count;\n}', true)).toBeUndefined();
    expect(monitor.check('get label(): string {\n  return this.ownr.name;\n}', true)).toMatchObject({
      rejected: 'ownr',
      legal: expect.arrayContaining(['owner']),
    });
  });
});
