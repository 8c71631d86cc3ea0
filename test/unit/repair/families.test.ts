import { describe, expect, test } from 'vitest';
import { useFixture } from '../../helpers/fixture.js';
import { errorsWith, repairsAtCursor } from '../../helpers/repairs.js';

const MODEL = `export interface User {
  name: string;
  age: number;
  role: 'admin' | 'guest';
}

export interface Order {
  total: number;
  label: string;
}

export function makeUser(name: string): User {
  return { name, age: 0, role: 'guest' };
}

export const LIMIT = 3;
`;

/**
 * The feature's check: the repairs at the cursor rendered as their descriptions, best first (for
 * `toMatchInlineSnapshot`), after checking that each leaves the file without any error.
 */
async function repaired(main: string, extra: Record<string, string> = {}): Promise<string[]> {
  const f = useFixture({ 'model.ts': MODEL, 'main.ts': main, ...extra });
  const result = await repairsAtCursor(f);
  for (const repair of result.repairs) expect(errorsWith(f, repair.changes), repair.description).toEqual([]);
  return result.repairs.map((r) => r.description);
}

describe('a property that does not exist', () => {
  test("a near miss (2551) becomes the nearest member, the checker's suggestion first", async () => {
    const fixes = await repaired(
      `import { User } from './model';\nexport function f(user: User): string {\n  return user./*|*/nmae;\n}\n`,
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "change \`nmae\` to \`name\`",
        "change \`nmae\` to \`role\`",
      ]
    `);
  });

  test('a member of another type (2339) becomes a member of the receiver whose type fits', async () => {
    const fixes = await repaired(
      `import { User } from './model';\nexport function f(user: User): number {\n  return user./*|*/total;\n}\n`,
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "change \`total\` to \`age\`",
      ]
    `);
  });

  test('a transposition the checker does not suggest (2339) is found by edit distance', async () => {
    const fixes = await repaired(
      `import { User } from './model';\nexport function f(user: User): string {\n  return user./*|*/naem;\n}\n`,
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "change \`naem\` to \`name\`",
        "change \`naem\` to \`role\`",
      ]
    `);
  });
});

describe('a name that does not resolve', () => {
  test('a misspelt local (2552) becomes the nearest name in scope', async () => {
    const fixes = await repaired(
      'export function f(count: number, label: string): number {\n  return /*|*/cout + 1;\n}\n',
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "change \`cout\` to \`count\`",
      ]
    `);
  });

  test("a project export used without import (2304) is imported, into its module's import if any", async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': "import { makeUser } from './model';\nexport const users = [makeUser('a')].slice(0, /*|*/LIMIT);\n",
    });
    const [best] = (await repairsAtCursor(f)).repairs;
    expect(best.description).toBe("import `LIMIT` from './model'");
    expect(best.changes.map((c) => c.text)).toEqual([', LIMIT']);
    expect(errorsWith(f, best.changes)).toEqual([]);
  });

  test('without an import of its module, a new import goes after the last one', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'util.ts': 'export const twice = (n: number) => n * 2;\n',
      'main.ts': "import { twice } from './util';\nexport const n: number = twice(/*|*/LIMIT);\n",
    });
    const [best] = (await repairsAtCursor(f)).repairs;
    expect(best.changes.map((c) => c.text)).toEqual(["\nimport { LIMIT } from './model';"]);
  });
});

describe('an expression of the wrong type', () => {
  test("an argument (2345) becomes a value of the parameter's type, those made of the wrong one first", async () => {
    const fixes = await repaired(`import { makeUser, User } from './model';
function greet(name: string): string { return name; }
export function f(user: User): string {
  return greet(/*|*/user);
}
`);
    expect(fixes).toMatchInlineSnapshot(`
      [
        "replace \`user\` with \`user.name\`",
        "replace \`user\` with \`greet(user.name)\`",
        "replace \`user\` with \`user.role\`",
      ]
    `);
  });

  test('an initializer (2322, reported at the declared name) is replaced, not the name', async () => {
    const f = useFixture({
      'model.ts': MODEL,
      'main.ts': `import { User } from './model';
export function f(user: User, order: { total: number }) {
  const /*|*/years: number = user.name;
  return years;
}
`,
    });
    const { repairs } = await repairsAtCursor(f);
    const initializer = { start: f.offsetOf('main.ts', 'user.name'), end: f.offsetOf('main.ts', 'user.name/*|*/;') };
    expect(repairs.map((r) => r.text)).toContain('user.age');
    for (const { changes } of repairs)
      expect(changes.every((c) => initializer.start <= c.start && c.end <= initializer.end)).toBe(true);
  });

  test('a value the code has narrowed is a candidate though its declared type allows undefined', async () => {
    const fixes = await repaired(`import { User } from './model';
function age(user: User): number { return user.age; }
export function f(user: User | undefined, count: number): number {
  if (user) return age(/*|*/count);
  return 0;
}
`);
    expect(fixes).toMatchInlineSnapshot(`
      [
        "replace \`count\` with \`user\`",
      ]
    `);
  });

  test('a string outside its union (2820) becomes its nearest member, in the same quotes', async () => {
    const fixes = await repaired(
      `import { User } from './model';\nexport function promote(user: User): void {\n  /*|*/user.role = 'admn';\n}\n`,
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "replace \`'admn'\` with \`'admin'\`",
        "replace \`'admn'\` with \`'guest'\`",
      ]
    `);
  });

  test("a string far from every member (2322) still gets the union's members", async () => {
    const fixes = await repaired(
      `import { User } from './model';\nexport function promote(user: User): void {\n  /*|*/user.role = 'owner';\n}\n`,
    );
    expect(fixes).toMatchInlineSnapshot(`
      [
        "replace \`'owner'\` with \`'admin'\`",
        "replace \`'owner'\` with \`'guest'\`",
      ]
    `);
  });
});

describe('the wrong number of arguments', () => {
  test('too few (2554): the missing argument filled from scope', async () => {
    const fixes = await repaired(`function greet(name: string, times: number): string { return name.repeat(times); }
export function f(label: string, count: number): string {
  return /*|*/greet(label);
}
`);
    expect(fixes).toMatchInlineSnapshot(`
      [
        "add argument \`count\`",
      ]
    `);
  });

  test('too many (2554): an extra argument dropped, the last first', async () => {
    const fixes = await repaired(`function greet(name: string): string { return name; }
export function f(label: string): string {
  return greet(label, /*|*/label);
}
`);
    expect(fixes).toEqual(['remove argument `label`']);
  });

  test('an optional call of an optional method', async () => {
    const fixes = await repaired(`interface Sink { next?: (value: number) => void }
export function f(sink: Sink, value: number): void {
  sink.next?.(value, /*|*/value);
}
`);
    expect(fixes).toEqual(['remove argument `value`']);
  });

  test('fewer than a rest parameter needs (2555)', async () => {
    const fixes =
      await repaired(`function join(first: string, ...rest: string[]): string { return [first, ...rest].join(); }
export function f(label: string) {
  return /*|*/join();
}
`);
    expect(fixes).toMatchInlineSnapshot(`
      [
        "add argument \`label\`",
      ]
    `);
  });
});

describe('a repair whose effect reaches past its statement is proven where it reaches', () => {
  test('a type name: a near type that breaks a use further down is not offered', async () => {
    const f = useFixture({
      'main.ts': `interface Point { x: number }
interface Print { y: number }
declare function make(): any;
export function f() {
  const p: /*|*/Pint = make();
  return p.x + 1;
}
`,
    });
    const { repairs } = await repairsAtCursor(f);
    expect(repairs.map((r) => r.text)).toEqual(['Point']);
  });

  test('an initializer that decides how a union-typed variable is narrowed below', async () => {
    const f = useFixture({
      'main.ts': `export function f(): number {
  let /*|*/mode: 'none' | 'all' | 'some' = 'nne';
  if (mode === 'none') return 0;
  return 1;
}
`,
    });
    const { repairs } = await repairsAtCursor(f);
    expect(repairs.map((r) => r.text)).toEqual(["'none'"]);
  });

  test('an import: the module whose export fits every use of the name', async () => {
    const f = useFixture({
      'a.ts': 'export const Code = { a: 1 };\n',
      'b.ts': 'export const Code = { b: 2 };\n',
      'main.ts':
        'export function f(): number {\n  console.log(/*|*/Code);\n  const n: number = Code.a;\n  return n;\n}\n',
    });
    const { repairs } = await repairsAtCursor(f);
    expect(repairs.map((r) => r.description)).toEqual(["import `Code` from './a'"]);
  });
});

describe('nothing is offered', () => {
  test('where no candidate exists', async () => {
    const f = useFixture({ 'main.ts': 'export function f(count: number): number {\n  return /*|*/zzyzx;\n}\n' });
    const result = await repairsAtCursor(f);
    expect(result.repairs).toEqual([]);
    expect(result.reason).toBe('no candidate');
  });

  test('where the only textual fix would add another error', async () => {
    const f = useFixture({
      'main.ts': `interface Named { name: string }
export function f(x: Named): number {
  const n: number = x./*|*/nmae;
  return n;
}
`,
    });
    const result = await repairsAtCursor(f);
    expect(result.repairs).toEqual([]);
    expect(result.reason).toBe('no candidate removes the error without adding another');
    expect(result.stats.checked).toBeGreaterThan(0);
  });
});
