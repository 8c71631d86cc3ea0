/**
 * Fills and repairs in JavaScript checked with checkJs and strict: judged by the rules tsc applies there, JSDoc types
 * included (a JSDoc-typed parameter is as typed as an annotated one, a JSDoc return type fixes what a return takes).
 */
import { describe, expect, test } from 'vitest';
import { typedHoles } from '../../../server/src/holes/speculate.js';
import { fileErrors } from '../../../server/src/repair/fileErrors.js';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';
import { errorsWith, repairsAtCursor } from '../../helpers/repairs.js';

const JSCONFIG = JSON.stringify({
  compilerOptions: {
    checkJs: true,
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    noEmit: true,
  },
});

const TEXT = `/**
 * @typedef {object} Stock
 * @property {string} sku
 * @property {number} count
 */

/**
 * @param {string | undefined} value
 * @param {string} fallback
 * @returns {string}
 */
export function withFallback(value, fallback) {
  return _();
}

/** @param {Stock} item */
export function label(item) {
  /** @type {number} */
  const count = _();
  return \`\${item.sku}: \${count}\`;
}

export class Shelf {
  /** @type {Stock[]} */
  items = [];

  /** @param {string} sku */
  find(sku) {
    return this.items.find((item) => item.sku === _());
  }
}
`;

const project = (main: string) =>
  useFixture({ 'tsconfig.json': '{"files": []}', 'jsconfig.json': JSCONFIG, 'main.js': main });

describe('fills in JavaScript', () => {
  test('a JSDoc-typed parameter is accepted where the JSDoc return type wants it; what it does not take is not', () => {
    const f = project(TEXT);
    const fills = fillIn(f, { file: 'main.js', at: '_()' }).fills.map((c) => c.text);
    expect(fills).toContain('fallback');
    expect(fills).not.toContain('withFallback');
    expect(fills.every((t) => !/^\d|^true|^false/.test(t))).toBe(true);
  });

  test('a JSDoc-typed variable takes a member of a JSDoc typedef', () => {
    const f = project(TEXT);
    const fills = fillIn(f, { file: 'main.js', at: '_();\n  return `' }).fills.map((c) => c.text);
    expect(fills).toContain('item.count');
    expect(fills).not.toContain('item.sku');
  });

  test('a fill with a smaller hole in it is checked with a typed hole JavaScript takes', () => {
    const f = project(`/**
 * @param {string} s
 * @returns {string}
 */
export function shout(s) {
  return s.toUpperCase();
}

export function greeting() {
  /** @type {string} */
  const text = _();
  return text;
}
`);
    expect(fillIn(f, { file: 'main.js', at: '_()' }).fills.map((c) => c.text)).toContain('shout(_())');
  });

  test('inside a class with a JSDoc-typed field, a comparison takes the JSDoc-typed parameter', () => {
    const f = project(TEXT);
    const fills = fillIn(f, { file: 'main.js', at: '_());' }).fills.map((c) => c.text);
    expect(fills[0]).toBe('sku');
  });
});

describe('the typed hole in JavaScript', () => {
  test('adds no error of its own, syntactic ones included, and takes its type from the context', () => {
    const f = project(
      '/** @param {string} s */\nexport function shout(s) {\n  return s;\n}\nexport const loud = shout(_());\n',
    );
    const base = f.workspace.snapshot(f.file('main.js'));
    const at = f.offsetOf('main.js', '_()');
    const { snapshot, calls } = typedHoles(base, [{ start: at, end: at + 3 }]);
    expect(fileErrors(snapshot)).toEqual([]);
    expect(snapshot.checker.typeToString(snapshot.checker.getTypeAtLocation(calls[0]!))).toBe('string');
  });
});

describe('repairs in JavaScript', () => {
  test('a misspelt member of a JSDoc typedef is repaired, and the file then has no error', async () => {
    const f = project(
      TEXT.replace('return _();', 'return value ?? fallback;')
        .replace('_();', 'item.count;')
        .replace('item.sku === _()', 'item.sku === sku')
        .replace('${item.sku}: ${count}', '${item.sku}: ${item./*|*/cuont}'),
    );
    const { repairs } = await repairsAtCursor(f, 'main.js');
    expect(repairs[0]?.description).toBe('change `cuont` to `count`');
    expect(errorsWith(f, repairs[0].changes, 'main.js')).toEqual([]);
  });
});
