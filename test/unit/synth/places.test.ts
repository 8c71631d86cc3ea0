import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import { holeContextAt } from '../../../server/src/holes/context.js';
import { fillHole } from '../../../server/src/synth/fill.js';
import { sharedFixture, withoutCursor } from '../../helpers/fixture.js';

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
export interface Cart {
  id: string; owner: string; items: Item[]; tier: Tier; total: Money; coupon?: string; gift: boolean;
}

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
  const { text, cursor } = withoutCursor(component(body));
  if (cursor === undefined) throw new Error(`no cursor marker in ${body}`);
  f.workspace.open(f.file('Cart.tsx'), text);
  return { file: f.file('Cart.tsx'), offset: cursor };
}

function fillsAt(body: string): string[] {
  const { file, offset } = open(body);
  return fillHole(project().workspace, file, offset, { limit: 50 }, Budget.of(5000)).fills.map((fill) => fill.text);
}

/** A case: the component's body (with the cursor marker) and what its fills must be. */
interface Case {
  what: string;
  body: string;
  /** Among the fills. */
  offers?: string[];
  /** Never among them, nor a call of them. */
  never?: string[];
}

/** Cases as test.each takes them: titled by what each says. */
const titled = (cases: Case[]) => cases.map((c) => [c.what, c] as const);

function check(_what: string, { body, offers = [], never = [] }: Case): void {
  const fills = fillsAt(body);
  expect(fills, 'fills').toEqual(expect.arrayContaining(offers));
  const offered = (text: string) => fills.filter((fill) => fill === text || fill.startsWith(`${text}(`));
  for (const text of never) expect(offered(text), `no ${text}`).toEqual([]);
}

/** Functions, components, classes, a namespace, an enum object, plain objects, sets and maps (or calls of them). */
const NOT_PRINTABLE = [
  'Badge',
  'EmptyCart',
  'Labels',
  'Tier',
  'Money',
  'Draft',
  'cart',
  'onCheckout',
  'setOpen',
  'handleToggle',
  'seen',
  'bySku',
  'draft',
];

describe('places where no expression goes: nothing offered', () => {
  test.each([
    ['JSX text', 'return <p>Items in your cart: /*|*/</p>;'],
    ['a word being typed in JSX text', 'return <p>Items in your cart: co/*|*/</p>;'],
    ['JSX text after an expression', 'return <p>{count}/*|*/ items</p>;'],
    ['JSX text before an expression', 'return <p>Items: /*|*/{count}</p>;'],
    ["a fragment's text", 'return <>Nothing /*|*/here</>;'],
    ["an attribute's name", 'return <Badge lab/*|*/ />;'],
    ["a tag's name", 'return <Bad/*|*/ label={owner} />;'],
    ["an attribute's string value", 'return <Badge label="co/*|*/" />;'],
    ['a comment in JSX', 'return <p>{/* co/*|*/ */}</p>;'],
  ])('in %s', (_where, body) => {
    const { file, offset } = open(body);
    const noHole = expect.objectContaining({ reason: 'invalidPosition' });
    expect(() => fillHole(project().workspace, file, offset, {}, Budget.of(5000))).toThrowError(noHole);
    expect(() => holeContextAt(project().workspace, file, offset)).toThrowError(noHole);
  });

  test.each([
    ['a child expression', 'return <p>{co/*|*/}</p>;', 'count'],
    ['a child expression not yet closed', 'return <p>{co/*|*/</p>;', 'count'],
    ['an attribute value', 'return <Badge label={ow/*|*/} />;', 'owner'],
    ['a spread attribute', 'return <Badge {...{ label: ow/*|*/ }} />;', 'owner'],
    ['code inside a child expression', 'return <ul>{cart.items.map((item) => <li>{item./*|*/}</li>)}</ul>;', 'name'],
  ])('but in %s, a hole', (_where, body, fill) => {
    expect(fillsAt(body)).toContain(fill);
  });
});

describe("a template literal's ${…}: only values that print as text", () => {
  test.each(
    titled([
      {
        what: 'strings, numbers, booleans, objects with their own toString, and members and calls giving them',
        body: 'return `${/*|*/} items`;',
        offers: ['count', 'owner', 'total', 'open', 'cart.owner', 'formatMoney(total)'],
        never: NOT_PRINTABLE,
      },
      {
        what: 'members: not an array, nor a plain object',
        body: 'return `Cart of ${cart./*|*/}`;',
        offers: ['owner', 'id', 'tier', 'total', 'coupon', 'gift'],
        never: ['items'],
      },
      {
        what: 'members of a class: not a setter without getter',
        body: 'return `Draft of ${draft./*|*/}`;',
        offers: ['size'],
        never: ['title'],
      },
      {
        what: 'inside JSX',
        body: 'return <p title={`${/*|*/} items`} />;',
        offers: ['count', 'owner'],
        never: NOT_PRINTABLE,
      },
      {
        what: 'a generic value, as its constraint prints',
        body: 'const field = <K extends keyof Cart>(key: K) => `${/*|*/}`;\n  return field;',
        offers: ['key'],
        never: NOT_PRINTABLE,
      },
      {
        what: 'not in a tagged template: the tag takes the values, its parameter types decide',
        body: `const on = (_: TemplateStringsArray, ...all: Array<typeof handleToggle>) => all;
  return on\`\${/*|*/}\`;`,
        offers: ['handleToggle'],
      },
    ]),
  )('%s', check);
});

describe('JSX children: only what React renders as something', () => {
  test.each(
    titled([
      {
        what: 'text and numbers, not booleans, nothing, functions or called components',
        body: 'return <section>{/*|*/}</section>;',
        offers: ['count', 'owner', 'formatMoney(total)'],
        never: ['open', 'true', 'false', 'null', 'undefined', ...NOT_PRINTABLE.filter((name) => name !== 'seen')],
      },
      {
        what: 'in a fragment, where no type is expected: text, numbers and elements',
        body: 'const banner = <EmptyCart />;\n  return <>{/*|*/}</>;',
        offers: ['count', 'owner', 'banner'],
        never: ['open', ...NOT_PRINTABLE],
      },
      {
        what: 'in a branch: not a boolean either',
        body: 'return <p>{open ? /*|*/ : null}</p>;',
        offers: ['count'],
        never: ['open', 'true', 'false'],
      },
      {
        what: 'members: not a boolean, an array of objects or a plain object',
        body: 'return <p>Total: {cart./*|*/}</p>;',
        offers: ['owner', 'id', 'tier'],
        never: ['gift', 'items', 'total'],
      },
    ]),
  )('%s', check);
});

describe('an event-handler prop: handlers first', () => {
  test('functions that take the event or are named as handlers, then a new handler, then components that fit', () => {
    const fills = fillsAt('return count ? <button onClick={/*|*/}>{Labels.checkout}</button> : <EmptyCart />;');
    expect(fills.slice(0, 3)).toEqual(['handleToggle', 'trackClick', '() => {}']);
    expect(fills).toContain('EmptyCart');
  });
});

describe('mutating calls are no values', () => {
  test.each(
    titled([
      {
        what: 'a number: not push or unshift',
        body: 'const n: number = /*|*/;\n  return n;',
        offers: ['count', 'seen.size'],
        never: ['cart.items.push', 'cart.items.unshift'],
      },
      {
        what: 'an element: not pop or shift',
        body: 'const last: Item | undefined = /*|*/;\n  return last;',
        never: ['cart.items.pop', 'cart.items.shift'],
      },
      {
        what: 'an array: not sort, reverse, splice, fill or copyWithin',
        body: 'const items: Item[] = /*|*/;\n  return items;',
        offers: ['cart.items'],
        never: ['sort', 'reverse', 'splice', 'fill', 'copyWithin'].map((name) => `cart.items.${name}`),
      },
      {
        what: 'a set or a map: not add or set',
        body: 'const known: Set<string> = /*|*/;\n  const index: Map<string, Item> = bySku;\n  return known;',
        offers: ['seen'],
        never: ['seen.add', 'bySku.set'],
      },
      {
        what: 'a boolean: not delete',
        body: 'const removed: boolean = /*|*/;\n  return removed;',
        offers: ['open', 'seen.has(owner)'],
        never: ['seen.delete', 'bySku.delete'],
      },
      {
        what: "a date's number: not a setter",
        body: 'const when = new Date();\n  const stamp: number = when./*|*/;\n  return stamp;',
        offers: ['getTime()'],
        never: ['setTime', 'setHours', 'setFullYear'],
      },
      {
        what: 'after a dot, where a number is wanted',
        body: 'const n: number = cart.items./*|*/;\n  return n;',
        offers: ['length'],
        never: ['push', 'unshift'],
      },
    ]),
  )('%s', check);

  test.each(
    titled([
      {
        what: 'a statement after a dot',
        body: 'cart.items./*|*/\n  return null;',
        offers: ['push()', 'sort()'],
      },
      {
        what: "a handler's body, whose value is discarded",
        body: 'return <button onClick={() => /*|*/}>x</button>;',
        offers: ['seen.clear()'],
      },
    ]),
  )('but are offered where they are made for what they do: %s', check);
});
