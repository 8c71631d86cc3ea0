import { describe, expect, test } from 'vitest';
import { fillIn, fillsOf } from '../../helpers/fill.js';
import { useFixture } from '../../helpers/fixture.js';

const MODEL = `export interface Money { amount: number; currency: Currency }
export type Currency = 'EUR' | 'USD';
export enum Status { Open = 'open', Paid = 'paid' }
export interface Order { id: string; total: Money; status: Status; lines: Line[] }
export interface Line { sku: string; quantity: number }
export function money(amount: number, currency: Currency): Money { return { amount, currency }; }
export class Ledger { constructor(readonly owner: string) {} balance(): Money { return money(0, 'EUR'); } }`;

describe('candidate forms', () => {
  test('a binding of the expected type', () => {
    expect(
      fillsOf({
        'model.ts': MODEL,
        'main.ts': "import type { Money } from './model';\nfunction f(price: Money) {\n  const m: Money = _();\n}",
      }),
    ).toContain('price');
  });

  test('a binding that may be absent, where a condition around the hole tests it; never where none does', () => {
    const tested = [
      'function f(label: string | undefined) {\n  if (label) {\n    const upper: string = _();\n  }\n}',
      'function f(label: string | undefined): string {\n  if (!label) return "";\n  return _();\n}',
      'function f(label: string | null) {\n  const shown: string = label ? _() : "";\n}',
    ];
    for (const main of tested) expect(fillsOf({ 'main.ts': main }), main).toContain('label');
    expect(
      fillsOf({ 'main.ts': 'function f(label: string | undefined) {\n  const upper: string = _();\n}' }),
    ).not.toContain('label');
  });

  test('member chains to depth 2, and methods of bindings', () => {
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts': `import { Ledger, type Order } from './model';
function f(order: Order, ledger: Ledger) {
  const n: number = _();
  const m = ledger.balance();
}`,
    });
    expect(fills).toContain('order.total.amount');
    const money = fillsOf({
      'model.ts': MODEL,
      'main.ts': "import { Ledger, type Money } from './model';\nfunction f(ledger: Ledger): Money {\n  return _();\n}",
    });
    expect(money).toContain('ledger.balance()');
  });

  test('calls with arguments filled from scope, members of bindings included, or left as nested holes', () => {
    const members = fillsOf({
      'model.ts': MODEL,
      'main.ts':
        "import { money, type Money, type Line } from './model';\nfunction f(line: Line): Money {\n  return _();\n}",
    });
    expect(members).toContain('money(line.quantity, "EUR")');
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts': "import { money, type Money } from './model';\nfunction f(amount: number): Money {\n  return _();\n}",
    });
    expect(fills).toContain('money(amount, "EUR")');
    const holes = fillsOf({
      'model.ts': MODEL,
      'main.ts': "import { money, type Money } from './model';\nfunction f(): Money {\n  return _();\n}",
    });
    expect(holes).toContain('money(_(), "EUR")');
  });

  test('new of a class whose instances fit', () => {
    expect(
      fillsOf({
        'model.ts': MODEL,
        'main.ts': "import { Ledger } from './model';\nfunction f(owner: string): Ledger {\n  return _();\n}",
      }),
    ).toContain('new Ledger(owner)');
  });

  test('new of a value typed with construct signatures, as zod declares its schemas', () => {
    const main = `interface Widget { name: string }
interface Maker<T> { new (def: { name: string }): T }
declare const Widget: Maker<Widget>;
function f(def: { name: string }): Widget {
  return _();
}`;
    expect(fillsOf({ 'main.ts': main })).toContain('new Widget(def)');
  });

  test('no new of an abstract class, nor of a private or protected constructor', () => {
    const main = `export abstract class Shape { abstract area(): number }
export class Vault {
  private constructor(readonly key: string) {}
}
export class Ledger {
  protected constructor(readonly owner: string) {}
}
function f(key: string): Vault | Shape | Ledger {
  return _();
}`;
    expect(fillIn(useFixture({ 'main.ts': main })).stats.generated).toBe(0);
  });

  test('not the method the hole is in, reached as a member: that call recurses', () => {
    const main = `export class Vault {
  private constructor(readonly key: string) {}
  static open(key: string): Vault {
    return _();
  }
  static sealed(): Vault { return Vault.open('sealed'); }
}`;
    const fills = fillsOf({ 'main.ts': main });
    expect(fills).toContain('Vault.sealed()');
    expect(fills.some((f) => f.startsWith('Vault.open('))).toBe(false);
  });

  test("built for the type a variable's use fixes, where nothing types its initializer", () => {
    const main = `import type { Money, Order } from './model';
function f(order: Order): Money {
  const due = _();
  return due;
}`;
    expect(fillsOf({ 'model.ts': MODEL, 'main.ts': main })).toContain('order.total');
    // A use that takes anything says nothing: the nearest values, not every member of them.
    const logged = `import type { Order } from './model';
declare function log(value: any): void;
function f(order: Order) {
  const due = _();
  log(due);
}`;
    expect(fillsOf({ 'model.ts': MODEL, 'main.ts': logged })).not.toContain('order.id');
  });

  test('members of literal unions and enums', () => {
    expect(
      fillsOf({ 'model.ts': MODEL, 'main.ts': "import type { Currency } from './model';\nconst c: Currency = _();" }),
    ).toEqual(expect.arrayContaining(['"EUR"', '"USD"']));
    expect(
      fillsOf({ 'model.ts': MODEL, 'main.ts': "import { Status } from './model';\nconst s: Status = _();" }),
    ).toEqual(expect.arrayContaining(['Status.Open', 'Status.Paid']));
  });

  test('an empty array and an object literal with the required keys', () => {
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts': `import type { Line } from './model';
function f(sku: string) {
  const lines: Line[] = _();
  const line: Line = _();
}`,
    });
    expect(fills).toContain('[]');
    const line = fillsOf({
      'model.ts': MODEL,
      'main.ts': `import type { Line } from './model';
function f(sku: string, quantity: number) {
  const line: Line = _();
}`,
    });
    expect(line).toContain('{ sku, quantity }');
    const unrelated = fillsOf({
      'model.ts': MODEL,
      'main.ts': `import type { Line } from './model';
function f(label: string, lineQuantity: number) {
  const line: Line = _();
}`,
    });
    expect(unrelated).toContain('{ sku: _(), quantity: lineQuantity }');
  });

  test("an empty object where no key is required: an options bag, a library's too, an intersection of them", () => {
    const lib = `export interface RetryOptions { retries?: number; onRetry?: (attempt: number) => void }
export type RunOptions = RetryOptions & { verbose?: boolean };
export declare function run(options: RunOptions): void;
export declare function at(date: Date): void;
`;
    const files = {
      'node_modules/runner/index.d.ts': lib,
      'node_modules/runner/package.json': '{"name":"runner","types":"index.d.ts"}',
    };
    expect(fillsOf({ ...files, 'main.ts': "import { run } from 'runner';\nrun(_());" })).toContain('{}');
    // An instance's interface (its members are methods) is made by its constructor, not by a literal.
    expect(fillsOf({ ...files, 'main.ts': "import { at } from 'runner';\nat(_());" })).not.toContain('{}');
  });

  test('an arrow function whose body is a parameter or a property of one, unused trailing parameters left out', () => {
    expect(fillsOf({ 'main.ts': 'const pick: (a: string, b: number) => string = _();' })).toContain('a => a');
    expect(
      fillsOf({
        'main.ts':
          'interface User { id: number; name: string }\nconst key: (user: User, index: number) => number = _();',
      }),
    ).toContain('user => user.id');
    expect(fillsOf({ 'main.ts': 'const run: () => void = _();' })).toContain('() => {}');
  });

  test('a function binding or function-valued property passed where a callback is expected, never a method', () => {
    const main = `interface Handler { handle(line: string): void; onLine: (line: string) => void }
declare function each(f: (line: string) => void): void;
function f(log: (line: string) => void, handler: Handler) {
  each(_());
}`;
    const fills = fillsOf({ 'main.ts': main });
    expect(fills).toEqual(expect.arrayContaining(['log', 'handler.onLine']));
    expect(fills).not.toContain('handler.handle');
  });

  test('await of a promise in async code', () => {
    const fills = fillsOf({
      'main.ts': `async function f(load: () => Promise<number>, ready: Promise<number>) {
  const n: number = _();
  return n;
}`,
    });
    expect(fills).toEqual(expect.arrayContaining(['await ready', 'await load()']));
  });

  test('null or undefined only when nothing better fits', () => {
    expect(fillsOf({ 'main.ts': 'function f(name: string) {\n  const s: string | undefined = _();\n}' })).toEqual([
      'name',
    ]);
    expect(fillsOf({ 'main.ts': 'const n: number | null = _();' })).toEqual(['null']);
  });

  test('members after a dot: properties, and methods with their arguments', () => {
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts':
        "import type { Order } from './model';\nfunction f(order: Order) {\n  const id: string = order./*|*/;\n}",
    });
    expect(fills[0]).toBe('id');
    expect(fills).not.toContain('total');
  });

  test('members after a dot when the call is already written: the name alone', () => {
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts': "import { Ledger } from './model';\nfunction f(ledger: Ledger) {\n  return ledger./*|*/();\n}",
    });
    expect(fills).toEqual(['balance']);
  });

  test('members after `?.`: those of the value when present', () => {
    const fills = fillsOf({
      'model.ts': MODEL,
      'main.ts': `import type { Order } from './model';
function f(order?: Order) {
  const id: string | undefined = order?./*|*/;
}`,
    });
    expect(fills[0]).toBe('id');
  });

  test('members after a dot before written arguments: the one whose parameters they fit, by name and by type', () => {
    const channel = `interface Channel {
  emit(value: unknown): void;
  fail(reason: unknown): void;
  accept(item: unknown): void;
  register(cleanup: () => void): void;
  close(): void;
}
`;
    const byName = fillsOf({
      'main.ts': `${channel}function f(channel: Channel, reason: Error) {\n  channel./*|*/(reason);\n}`,
    });
    expect(byName[0]).toBe('fail');
    expect(byName).not.toContain('close');
    const byType = fillsOf({
      'main.ts': `${channel}function f(channel: Channel, stop: () => void) {\n  channel./*|*/(stop);\n}`,
    });
    expect(byType[0]).toBe('register');
  });

  test("not a class's prototype: an exported class is a value in scope; its prototype no instance one means", () => {
    const vault =
      'export class Vault {\n  private constructor(readonly key: string) {}\n}\nexport const vault: Vault = _();\n';
    expect(fillsOf({ 'main.ts': vault })).toEqual([]);
  });
});
