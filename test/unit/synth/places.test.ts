import { describe, expect, test } from 'vitest';
import { holeContextAt } from '../../../server/src/holes/context.js';
import { fillHole } from '../../../server/src/synth/fill.js';
import { CURSOR, sharedFixture } from '../../helpers/fixture.js';

/** A React 19 project: a model, and a component whose body each case writes, with the cursor marker in it. */
const MODEL = `export enum Tier { Free = 'free', Pro = 'pro' }

export namespace Labels {
  export const empty = 'Your cart is empty';
  export const checkout = 'Check out';
}

export class Money {
  constructor(readonly cents: number, readonly currency: string) {}
  toString(): string { return \`\${(this.cents / 100).toFixed(2)} \${this.currency}\`; }
}

export interface Item { sku: string; name: string; quantity: number; price: Money }
export interface Cart { id: string; owner: string; items: Item[]; tier: Tier; total: Money; coupon?: string; gift: boolean }

export class Draft {
  #title = '';
  set title(value: string) { this.#title = value.trim(); }
  get size(): number { return this.#title.length; }
}
`;

const component = (body: string) => `import { useState, type MouseEvent } from 'react';
import { Draft, Labels, Money, Tier, type Cart, type Item } from './model';

function Badge({ label }: { label: string }) {
  return <span className="badge">{label}</span>;
}

function EmptyCart() {
  return <p className="empty">{Labels.empty}</p>;
}

function formatMoney(money: Money): string {
  return money.toString();
}

function trackClick(event: MouseEvent<HTMLElement>) {
  console.info('click', event.currentTarget.id);
}

export function CartView({ cart, onCheckout }: { cart: Cart; onCheckout: (cart: Cart) => void }) {
  const [open, setOpen] = useState(false);
  const count = cart.items.length;
  const owner = cart.owner;
  const total = cart.total;
  const seen = new Set<string>();
  const bySku = new Map<string, Item>();
  const draft = new Draft();
  const handleToggle = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setOpen(!open);
  };
  ${body}
}
`;

const project = sharedFixture({ 'model.ts': MODEL, 'Cart.tsx': component('return null;') }, { packages: true });

/** The component with `body` written in it (its cursor marker removed), and the marker's offset. */
function open(body: string): { file: string; offset: number } {
  const f = project();
  const raw = component(body);
  const offset = raw.indexOf(CURSOR);
  f.workspace.open(f.file('Cart.tsx'), raw.slice(0, offset) + raw.slice(offset + CURSOR.length));
  return { file: f.file('Cart.tsx'), offset };
}

function fillsAt(body: string): string[] {
  const { file, offset } = open(body);
  return fillHole(project().workspace, file, offset, { deadlineMs: 5000, limit: 50 }).fills.map((fill) => fill.text);
}

interface Expectation {
  /** Among the fills. */
  offers?: string[];
  /** Never among them, nor a call of them. */
  never?: string[];
  /** The best fill. */
  first?: string;
}

function check(body: string, { offers = [], never = [], first }: Expectation): void {
  const fills = fillsAt(body);
  expect(fills, 'fills').toEqual(expect.arrayContaining(offers));
  for (const text of never) expect(fills.filter((fill) => fill === text || fill.startsWith(`${text}(`)), `no ${text}`).toEqual([]);
  if (first) expect(fills[0]).toBe(first);
}

describe('places where no expression goes: nothing offered', () => {
  test.each([
    ['JSX text', 'return <p>Items in your cart: /*|*/</p>;'],
    ['a word being typed in JSX text', 'return <p>Items in your cart: co/*|*/</p>;'],
    ['JSX text after an expression', 'return <p>{count}/*|*/ items</p>;'],
    ['JSX text before an expression', 'return <p>Items: /*|*/{count}</p>;'],
    ['a fragment\'s text', 'return <>Nothing /*|*/here</>;'],
    ['an attribute\'s name', 'return <Badge lab/*|*/ />;'],
    ['a tag\'s name', 'return <Bad/*|*/ label={owner} />;'],
    ['an attribute\'s string value', 'return <Badge label="co/*|*/" />;'],
    ['a comment in JSX', 'return <p>{/* co/*|*/ */}</p>;'],
  ])('in %s', (_where, body) => {
    const { file, offset } = open(body);
    const noHole = expect.objectContaining({ reason: 'invalidPosition' });
    expect(() => fillHole(project().workspace, file, offset)).toThrowError(noHole);
    expect(() => holeContextAt(project().workspace, file, offset)).toThrowError(noHole);
  });

  test.each([
    ['a child expression', 'return <p>{co/*|*/}</p>;', 'count'],
    ['a child expression not yet closed', 'return <p>{co/*|*/</p>;', 'count'],
    ['an attribute value', 'return <Badge label={ow/*|*/} />;', 'owner'],
    ['a spread attribute', 'return <Badge {...{ label: ow/*|*/ }} />;', 'owner'],
    ['code inside a child expression', 'return <ul>{cart.items.map((item) => <li key={item.sku}>{item./*|*/}</li>)}</ul>;', 'name'],
  ])('but in %s, a hole', (_where, body, fill) => {
    expect(fillsAt(body)).toContain(fill);
  });
});

describe('mutating calls are no values', () => {
  test.each<[string, string, Expectation]>([
    ['a number: not push or unshift', 'const n: number = /*|*/;\n  return n;',
      { offers: ['count', 'seen.size'], never: ['cart.items.push', 'cart.items.unshift'] }],
    ['an element: not pop or shift', 'const last: Item | undefined = /*|*/;\n  return last;',
      { never: ['cart.items.pop', 'cart.items.shift'] }],
    ['an array: not sort, reverse, splice, fill or copyWithin', 'const items: Item[] = /*|*/;\n  return items;',
      { offers: ['cart.items'], never: ['cart.items.sort', 'cart.items.reverse', 'cart.items.splice', 'cart.items.fill', 'cart.items.copyWithin'] }],
    ['a set or a map: not add or set', 'const known: Set<string> = /*|*/;\n  const index: Map<string, Item> = bySku;\n  return known;',
      { offers: ['seen'], never: ['seen.add', 'bySku.set'] }],
    ['a boolean: not delete', 'const removed: boolean = /*|*/;\n  return removed;',
      { offers: ['open', 'seen.has(owner)'], never: ['seen.delete', 'bySku.delete'] }],
    ['a date\'s number: not a setter', 'const when = new Date();\n  const stamp: number = when./*|*/;\n  return stamp;',
      { offers: ['getTime()'], never: ['setTime', 'setHours', 'setFullYear'] }],
    ['after a dot, where a number is wanted', 'const n: number = cart.items./*|*/;\n  return n;', { offers: ['length'], never: ['push', 'unshift'] }],
  ])('%s', (_what, body, expectation) => check(body, expectation));

  test.each<[string, string, Expectation]>([
    ['a statement after a dot', 'cart.items./*|*/\n  return null;', { offers: ['push()', 'sort()'] }],
    ['a handler\'s body, whose value is discarded', 'return <button onClick={() => /*|*/}>x</button>;', { offers: ['seen.clear()'] }],
  ])('but are offered where they are made for what they do: %s', (_what, body, expectation) => check(body, expectation));
});
