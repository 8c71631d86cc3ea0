import { describe, expect, test } from 'vitest';
import type { RelevantType } from '../../../server/src/holes/holeData.js';
import { contextIn, sharedFixture } from '../../helpers/fixture.js';

const FILES = {
  'money.ts': 'export interface Money { amount: number; currency: Currency }\nexport enum Currency { EUR, USD }',
  'model.ts': `import { Money } from './money';
export interface Order { id: string; lines: Line[]; total: Money; placed: Date; status: Status }
export interface Line { sku: string; qty: number; price: Money }
export type Status = 'open' | 'paid';
interface AuditTrail { entries: string[] }
export class Cart {
  private trail: AuditTrail = { entries: [] };
  #secret = 1;
  constructor(public owner: string) {}
  add(line: Line): void { this.trail.entries.push(line.sku); }
  get size(): number { return 0; }
  static empty(): Cart { return new Cart(''); }
}`,
  'main.ts': "import { Order, Cart } from './model';\nconst cart = new Cart('me');\nconst order: Order = /*|*/;",
};

const summary = (types: RelevantType[]) => types.map((t) => `${t.name} (${t.reason})`);

describe('relevant types', () => {
  const f = sharedFixture(FILES);
  const typesWithin = (typeTokens?: number) => contextIn(f(), { options: { typeTokens } }).relevantTypes;

  test('follow the expected type and the bindings’ types transitively, across files, breadth-first', () => {
    expect(summary(typesWithin())).toEqual([
      'Order (expected type)',
      'Cart (type of cart)',
      'Line (used by Order)',
      'Money (used by Order)',
      'Date (used by Order (library))',
      'Status (used by Order)',
      'Currency (used by Money)',
    ]);
  });

  test('point at their declarations in other files', () => {
    const money = typesWithin().find((t) => t.name === 'Money');
    expect(money?.ref).toEqual({
      file: f().file('money.ts'),
      start: 0,
      end: f().offsetOf('money.ts', '\nexport enum'),
    });
    expect(money?.text).toBe('export interface Money { amount: number; currency: Currency }');
  });

  test('name library types without expanding them', () => {
    const date = typesWithin().find((t) => t.name === 'Date');
    expect(date?.text).toBe('Date');
    expect(date?.ref.file).toMatch(/lib\.[a-z0-9.]*\.d\.ts$/);
  });

  test('render classes as outlines without bodies or hidden members, and skip the types only those use', () => {
    const types = typesWithin();
    expect(types.find((t) => t.name === 'Cart')?.text).toMatchInlineSnapshot(`
      "export class Cart {
        constructor(public owner: string);
        add(line: Line): void;
        get size(): number;
        static empty(): Cart;
      }"
    `);
    expect(types.map((t) => t.name)).not.toContain('AuditTrail');
  });

  test.each([60, 30, 0])('stay within a budget of %d tokens', (budget) => {
    const types = typesWithin(budget);
    const projectTokens = types.filter((t) => !t.reason.endsWith('(library)')).reduce((sum, t) => sum + t.tokens, 0);
    expect(projectTokens).toBeLessThanOrEqual(budget);
    expect(types.length).toBeLessThan(typesWithin().length);
  });

  test('a smaller budget keeps the nearest types first and fills up with smaller ones', () => {
    expect(summary(typesWithin(60))).toEqual([
      'Order (expected type)',
      'Line (used by Order)',
      'Date (used by Order (library))',
      'Status (used by Order)',
    ]);
  });
});
