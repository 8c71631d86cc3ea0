/**
 * Project layouts users have, made on disk the way their tools make them: a Vite react-ts app written by
 * create-vite itself, an npm-workspaces monorepo with project references and nothing built, checkJs JavaScript,
 * `paths` aliases, NodeNext ESM, and a project on libraries with rich `.d.ts` (zod, date-fns). Their packages come
 * from this repository's node_modules (devDependencies), linked into each layout's own node_modules as npm would
 * install them; workspace packages are linked to their folders, as npm workspaces do.
 *
 * Each layout has files with real errors and files without, and holes: an expression of the code, its expected type
 * as tsc names it.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** This repository, whose node_modules hold the layouts' packages: found from here, built or not. */
const REPO = repositoryOf(__dirname);

function repositoryOf(dir: string): string {
  for (let current = dir; path.dirname(current) !== current; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'node_modules', 'create-vite'))) return current;
  }
  throw new Error(`no node_modules with the layouts' packages above ${dir}`);
}

/** An expression of a layout's code to cut out and ask for. */
export interface LayoutHole {
  file: string;
  /** The expression, as written: its first occurrence in the file (after `after`, when given) is the hole. */
  original: string;
  after?: string;
  /** The expected type at the hole, as the checker prints it. */
  expectedType: string;
}

export interface LayoutSpec {
  name: string;
  files: Record<string, string>;
  /** node_modules entries: a package of this repository's node_modules, or (starting with `./`) a layout folder. */
  links: Record<string, string>;
  /** The tsc command line that checks the whole layout, as its package.json would run it. */
  tsc: string[];
  /** Files tsc must find errors in: what makes the comparison more than "both empty". */
  erroneous: string[];
  holes: LayoutHole[];
  /** Writes what a generator writes, before `files`. */
  generate?(dir: string): void;
}

export interface Layout {
  spec: LayoutSpec;
  dir: string;
  file(name: string): string;
  read(name: string): string;
  /** The script files of the layout (node_modules and build output left out), relative, sorted. */
  sources(): string[];
  dispose(): void;
}

export function makeLayout(spec: LayoutSpec): Layout {
  const dir = mkdtempSync(path.join(tmpdir(), `spackle-layout-${spec.name}-`))
    .split(path.sep)
    .join('/');
  spec.generate?.(dir);
  for (const [name, text] of Object.entries(spec.files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  for (const [name, target] of Object.entries(spec.links)) {
    const link = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    const to = target.startsWith('./') ? path.join(dir, target) : path.join(REPO, 'node_modules', target);
    symlinkSync(path.relative(path.dirname(link), to), link, 'dir');
  }
  return {
    spec,
    dir,
    file: (name) => `${dir}/${name}`,
    read: (name) => readFileSync(`${dir}/${name}`, 'utf8'),
    sources: () => scriptFilesUnder(dir, ''),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function scriptFilesUnder(root: string, relative: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, relative)).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const child = relative ? `${relative}/${name}` : name;
    if (statSync(path.join(root, child)).isDirectory()) out.push(...scriptFilesUnder(root, child));
    else if (/\.(m|c)?(t|j)sx?$/.test(name) && !name.endsWith('.d.ts')) out.push(child);
  }
  return out;
}

/**
 * The errors tsc reports, by file relative to the layout, each as `line:column TScode`. tsc runs on a copy: `tsc -b`
 * builds the referenced projects, and the layout itself must stay unbuilt, as a fresh clone is.
 */
export function tscErrors(layout: Layout): Map<string, string[]> {
  const copy = mkdtempSync(path.join(tmpdir(), `spackle-tsc-${layout.spec.name}-`));
  cpSync(layout.dir, copy, { recursive: true, verbatimSymlinks: true });
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  let output = '';
  try {
    output = execFileSync(process.execPath, [tsc, ...layout.spec.tsc, '--pretty', 'false'], {
      cwd: copy,
      encoding: 'utf8',
    });
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? '';
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  const errors = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const match = /^(.+)\((\d+),(\d+)\): error TS(\d+):/.exec(line);
    if (!match) continue;
    const file = path.relative(copy, path.resolve(copy, match[1])).split(path.sep).join('/');
    errors.set(file, [...(errors.get(file) ?? []), `${match[2]}:${match[3]} TS${match[4]}`]);
  }
  return errors;
}

const VITE_CART = `import { useState } from 'react'
import type { ReactNode } from 'react'
import logo from './assets/react.svg'

export interface CartLine {
  sku: string
  title: string
  quantity: number
  unitPrice: number
}

interface CartProps {
  lines: CartLine[]
  onCheckout: (total: number) => void
  footer?: ReactNode
}

function lineTotal(line: CartLine): number {
  return line.quantity * line.unitPrice
}

export function Cart({ lines, onCheckout, footer }: CartProps) {
  const [coupon, setCoupon] = useState('')
  const total = lines.reduce((sum, line) => sum + lineTotal(line), 0)
  const handleCheckout = () => onCheckout(total)
  const apiUrl: string = import.meta.env.VITE_API_URL ?? '/api'
  return (
    <section>
      <img src={logo} alt="" />
      <ul>
        {lines.map((line) => (
          <li key={line.sku}>
            {line.title} × {line.quantity}: {lineTotal(line)}
          </li>
        ))}
      </ul>
      <input value={coupon} onChange={(event) => setCoupon(event.target.value)} />
      <button type="button" onClick={handleCheckout} data-api={apiUrl}>
        Pay {total}
      </button>
      {footer}
    </section>
  )
}
`;

const VITE_SUMMARY = `import type { CartLine } from './Cart.tsx'

export function itemCount(lines: CartLine[]): number {
  return lines.reduce((count, line) => count + line.quantity, 0)
}

export function titleOf(line: CartLine): string {
  return line.title
}

export function describeCart(lines: CartLine[]): string {
  const first = lines[0]
  return first ? \`\${first.titel} and \${lines.length - 1} more\` : 'empty'
}
`;

/** create-vite's react-ts template, written by create-vite itself; a cart component and a module beside it. */
export const VITE_REACT_TS: LayoutSpec = {
  name: 'vite-react-ts',
  generate(dir) {
    const createVite = path.join(REPO, 'node_modules/create-vite/index.js');
    execFileSync(process.execPath, [createVite, 'app', '--template', 'react-ts', '--no-interactive'], {
      cwd: dir,
      stdio: 'ignore',
    });
    cpSync(path.join(dir, 'app'), dir, { recursive: true });
    rmSync(path.join(dir, 'app'), { recursive: true, force: true });
  },
  files: { 'src/Cart.tsx': VITE_CART, 'src/summary.ts': VITE_SUMMARY },
  links: {
    react: 'react',
    'react-dom': 'react-dom',
    '@types/react': '@types/react',
    '@types/react-dom': '@types/react-dom',
    '@types/node': '@types/node',
    vite: 'vite',
    '@vitejs/plugin-react': '@vitejs/plugin-react',
  },
  tsc: ['-b'],
  erroneous: ['src/summary.ts'],
  holes: [
    { file: 'src/Cart.tsx', original: 'logo', after: 'src={', expectedType: 'string | undefined' },
    {
      file: 'src/Cart.tsx',
      original: 'handleCheckout',
      after: 'onClick={',
      expectedType: 'React.MouseEventHandler<HTMLButtonElement> | undefined',
    },
    { file: 'src/Cart.tsx', original: 'line.sku', expectedType: 'React.Key | null | undefined' },
    { file: 'src/summary.ts', original: 'line.title', expectedType: 'string' },
  ],
};

/** npm workspaces, a solution tsconfig with references, a shared base extending @tsconfig/strictest; nothing built. */
export const MONOREPO: LayoutSpec = {
  name: 'monorepo',
  files: {
    'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }, null, 2),
    'tsconfig.json': JSON.stringify(
      { files: [], references: [{ path: 'packages/core' }, { path: 'packages/app' }] },
      null,
      2,
    ),
    'tsconfig.base.json': JSON.stringify(
      {
        extends: ['@tsconfig/strictest/tsconfig.json', './tsconfig.emit.json'],
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [] },
      },
      null,
      2,
    ),
    'tsconfig.emit.json': JSON.stringify(
      { compilerOptions: { composite: true, declaration: true, declarationMap: true } },
      null,
      2,
    ),
    'packages/core/package.json': JSON.stringify(
      {
        name: '@acme/core',
        version: '1.0.0',
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      },
      null,
      2,
    ),
    'packages/core/tsconfig.json': JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist' },
        include: ['src'],
      },
      null,
      2,
    ),
    'packages/core/src/index.ts': "export * from './money.js';\nexport * from './order.js';\n",
    'packages/core/src/money.ts': `export type Currency = 'EUR' | 'USD';

export interface Money {
  cents: number;
  currency: Currency;
}

export function money(cents: number, currency: Currency = 'EUR'): Money {
  return { cents, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(\`cannot add \${a.currency} to \${b.currency}\`);
  return money(a.cents + b.cents, a.currency);
}

export function formatMoney(amount: Money): string {
  return \`\${(amount.cents / 100).toFixed(2)} \${amount.currency}\`;
}
`,
    'packages/core/src/order.ts': `import { addMoney, money, type Money } from './money.js';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
}

export interface Order {
  id: string;
  customer: string;
  lines: OrderLine[];
  placedAt: Date;
}

export function lineTotal(line: OrderLine): Money {
  return money(line.unitPrice.cents * line.quantity, line.unitPrice.currency);
}

export function orderTotal(order: Order): Money {
  return order.lines.map(lineTotal).reduce(addMoney, money(0));
}
`,
    'packages/app/package.json': JSON.stringify(
      {
        name: '@acme/app',
        version: '1.0.0',
        type: 'module',
        dependencies: { '@acme/core': '1.0.0' },
      },
      null,
      2,
    ),
    'packages/app/tsconfig.json': JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist' },
        include: ['src'],
        references: [{ path: '../core' }],
      },
      null,
      2,
    ),
    'packages/app/src/receipt.ts': `import { formatMoney, orderTotal, type Order } from '@acme/core';

export function receipt(order: Order): string {
  const lines = order.lines.map((line) => \`\${line.quantity} × \${line.sku}\`);
  return [
    \`Order \${order.id} for \${order.customer}\`,
    ...lines,
    \`Total \${formatMoney(orderTotal(order))}\`,
  ].join('\\n');
}
`,
    'packages/app/src/orders.ts': `import { money, type Order } from '@acme/core';

export const orders: Order[] = [];

export function latest(): Order | undefined {
  return orders.at(-1);
}

export function place(customer: string): Order {
  const order: Order = { id: String(orders.length + 1), customer, lines: [], placedAt: new Date() };
  orders.push(order);
  return order;
}

export function refund(order: Order): string {
  const owed = money(order.total, 'EUR');
  return \`refund \${owed.cents} to \${order.customer}\`;
}
`,
  },
  links: {
    '@acme/core': './packages/core',
    '@acme/app': './packages/app',
    '@tsconfig/strictest': '@tsconfig/strictest',
  },
  tsc: ['-b'],
  erroneous: ['packages/app/src/orders.ts'],
  holes: [
    { file: 'packages/app/src/receipt.ts', original: 'orderTotal(order)', expectedType: 'Money' },
    { file: 'packages/app/src/orders.ts', original: 'order', after: 'orders.push(order);', expectedType: 'Order' },
  ],
};

/** JavaScript checked by a jsconfig two folders up, typed with JSDoc. */
export const CHECK_JS: LayoutSpec = {
  name: 'checkjs',
  files: {
    'package.json': JSON.stringify({ name: 'inventory', type: 'module' }, null, 2),
    'jsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          checkJs: true,
          strict: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          noEmit: true,
        },
        include: ['src'],
      },
      null,
      2,
    ),
    'src/lib/text.js': `/**
 * @param {string | undefined} value
 * @param {string} fallback
 * @returns {string}
 */
export function withFallback(value, fallback) {
  return value ?? fallback;
}

/** @param {string} text */
export function shout(text) {
  return text.toUpperCase();
}
`,
    'src/lib/stock.js': `/**
 * @typedef {object} Stock
 * @property {string} sku
 * @property {number} count
 * @property {string} [label]
 */

/** @type {Stock[]} */
export const stock = [];

/**
 * @param {Stock} item
 * @returns {number}
 */
export function reorderAmount(item) {
  return item.count < 10 ? 10 - item.count : 0;
}

/** @param {Stock} item */
export function describe(item) {
  return \`\${item.sku}: \${item.cuont}\`;
}
`,
    'src/app.js': `import { withFallback } from './lib/text.js';
import { reorderAmount, stock } from './lib/stock.js';

/** @param {import('./lib/stock.js').Stock} item */
export function title(item) {
  return withFallback(item.label, item.sku);
}

export const totalToOrder = stock.map(reorderAmount).reduce((a, b) => a + b, 0);
`,
  },
  links: {},
  tsc: ['-p', 'jsconfig.json'],
  erroneous: ['src/lib/stock.js'],
  holes: [
    { file: 'src/lib/text.js', original: 'value ?? fallback', expectedType: 'string' },
    { file: 'src/app.js', original: 'item.sku', expectedType: 'string' },
  ],
};

/** `paths` aliases (no baseUrl), files well below the tsconfig. */
export const PATHS: LayoutSpec = {
  name: 'paths',
  files: {
    'package.json': JSON.stringify({ name: 'shop', private: true }, null, 2),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          noEmit: true,
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src'],
      },
      null,
      2,
    ),
    'src/lib/money.ts': `export interface Price {
  amount: number;
  currency: string;
}

export function price(amount: number, currency = 'EUR'): Price {
  return { amount, currency };
}

export function sum(prices: Price[]): Price {
  return price(prices.reduce((total, p) => total + p.amount, 0));
}
`,
    'src/features/cart/cart.ts': `import { price, sum, type Price } from '@/lib/money';

export interface Item {
  name: string;
  price: Price;
}

export function cartTotal(items: Item[]): Price {
  return sum(items.map((item) => item.price));
}

export function freeItem(name: string): Item {
  return { name, price: price(0) };
}

export function label(item: Item): string {
  return \`\${item.name}: \${item.price.amount} \${item.price.currancy}\`;
}
`,
  },
  links: {},
  tsc: ['-p', 'tsconfig.json'],
  erroneous: ['src/features/cart/cart.ts'],
  holes: [{ file: 'src/features/cart/cart.ts', original: 'item.price', expectedType: 'Price' }],
};

/** An ESM package on NodeNext: relative imports need their `.js` extension. */
export const NODENEXT: LayoutSpec = {
  name: 'nodenext',
  files: {
    'package.json': JSON.stringify({ name: 'cli', type: 'module' }, null, 2),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          rootDir: 'src',
          outDir: 'dist',
          noEmit: true,
        },
        include: ['src'],
      },
      null,
      2,
    ),
    'src/args.ts': `export interface Options {
  port: number;
  verbose: boolean;
}

export function parseOptions(argv: string[]): Options {
  const port = Number(argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 8080);
  return { port, verbose: argv.includes('--verbose') };
}
`,
    'src/server.ts': `import { createServer } from 'node:http';
import { parseOptions } from './args.js';

const options = parseOptions(process.argv.slice(2));
const server = createServer((request, response) => {
  response.end(request.url ?? '/');
});
server.listen(options.port);
`,
    'src/main.ts': `import { parseOptions } from './args';

export const options = parseOptions(process.argv);
`,
  },
  links: { '@types/node': '@types/node' },
  tsc: ['-p', 'tsconfig.json'],
  erroneous: ['src/main.ts'],
  holes: [{ file: 'src/server.ts', original: 'options.port', expectedType: 'number | undefined' }],
};

/** Code on zod and date-fns, whose types are in rich `.d.ts`. */
export const LIBRARIES: LayoutSpec = {
  name: 'libraries',
  files: {
    'package.json': JSON.stringify(
      { name: 'events', type: 'module', dependencies: { zod: '4.6.7', 'date-fns': '4.4.0' } },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          noEmit: true,
          skipLibCheck: true,
        },
        include: ['src'],
      },
      null,
      2,
    ),
    'src/event.ts': `import { z } from 'zod';

export const EventSchema = z.object({
  title: z.string().min(1),
  startsAt: z.coerce.date(),
  seats: z.number().int().positive(),
});

export type Event = z.infer<typeof EventSchema>;

export function parseEvent(input: unknown): Event {
  return EventSchema.parse(input);
}
`,
    'src/calendar.ts': `import { addDays, format, isBefore } from 'date-fns';
import type { Event } from './event';

export function nextWeek(event: Event): Date {
  return addDays(event.startsAt, 7);
}

export function heading(event: Event): string {
  return \`\${event.title} on \${format(event.startsAt, 'PPP')}\`;
}

export function upcoming(events: Event[], now: Date): Event[] {
  return events.filter((event) => isBefore(now, event.startsAt, 'day'));
}
`,
  },
  links: { zod: 'zod', 'date-fns': 'date-fns' },
  tsc: ['-p', 'tsconfig.json'],
  erroneous: ['src/calendar.ts'],
  holes: [
    { file: 'src/calendar.ts', original: 'event.startsAt', expectedType: 'DateArg<Date>' },
    {
      file: 'src/event.ts',
      original: 'EventSchema.parse(input)',
      expectedType: '{ title: string; startsAt: Date; seats: number; }',
    },
  ],
};

export const LAYOUTS: LayoutSpec[] = [VITE_REACT_TS, MONOREPO, CHECK_JS, PATHS, NODENEXT, LIBRARIES];

/** Where a hole's expression starts in the text of its file. */
export function holeOffset(hole: LayoutHole, text: string): number {
  const after = hole.after === undefined ? 0 : text.indexOf(hole.after);
  const offset = text.indexOf(hole.original, after + (hole.after?.length ?? 0));
  if (after < 0 || offset < 0) throw new Error(`${hole.original} is not in ${hole.file}`);
  return offset;
}
