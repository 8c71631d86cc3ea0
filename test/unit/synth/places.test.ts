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
