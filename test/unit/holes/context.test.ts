import { Budget } from '../../../server/src/budget.js';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SourceRef } from '../../../server/src/holes/holeData.js';
import { contextIn, contextOf, Fixture, useFixture } from '../../helpers/fixture.js';

/**
 * A context with each source span shown as `file: its text` (first … last line), so a snapshot holds no temp path or
 * offset.
 */
function portable(f: Fixture, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => portable(f, item));
  if (!value || typeof value !== 'object') return value;
  const { file, start, end, ...rest } = value as Partial<SourceRef>;
  const fields = Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, portable(f, item)]));
  if (file === undefined || start === undefined || end === undefined) return fields;
  const name = path.posix.relative(f.dir.split(path.sep).join('/'), file);
  const lines = f.text(name).slice(start, end).split('\n');
  return { ...fields, span: `${name}: ${lines.length > 1 ? `${lines[0]} … ${lines[lines.length - 1]}` : lines[0]}` };
}

describe('the context of a hole', () => {
  test('holds the hole, its expected type, bindings, relevant types and headers, and the enclosing signature', () => {
    const f = useFixture({
      'point.ts':
        'export interface Point { x: number; y: number }\nexport function origin(): Point { return { x: 0, y: 0 }; }',
      'main.ts': "import { Point } from './point';\nfunction shift(p: Point, dx: number): Point {\n  return _();\n}",
    });
    expect(portable(f, contextIn(f, { at: '_()' }))).toMatchInlineSnapshot(`
      {
        "bindings": [
          {
            "distance": 0,
            "kind": "parameter",
            "name": "dx",
            "type": "number",
          },
          {
            "distance": 0,
            "kind": "parameter",
            "name": "p",
            "type": "Point",
          },
          {
            "distance": 1,
            "kind": "local",
            "name": "shift",
            "type": "(p: Point, dx: number) => Point",
          },
        ],
        "enclosing": {
          "ref": {
            "span": "main.ts: function shift(p: Point, dx: number): Point { … }",
          },
          "signature": "function shift(p: Point, dx: number): Point",
        },
        "expectedType": {
          "definitions": [
            {
              "span": "point.ts: export interface Point { x: number; y: number }",
            },
          ],
          "text": "Point",
        },
        "hole": {
          "kind": "explicit",
          "span": "main.ts: _()",
        },
        "prefix": "",
        "receiver": undefined,
        "relevantHeaders": [
          {
            "name": "p",
            "reason": "parameter in scope, its type fits",
            "ref": {
              "span": "main.ts: p: Point",
            },
            "score": 4.5,
            "signature": "p: Point",
          },
          {
            "name": "origin",
            "reason": "exported by ./point, returns a fitting type",
            "ref": {
              "span": "point.ts: export function origin(): Point { return { x: 0, y: 0 }; }",
            },
            "score": 3,
            "signature": "function origin(): Point",
          },
          {
            "name": "shift",
            "reason": "local in scope, returns a fitting type",
            "ref": {
              "span": "main.ts: function shift(p: Point, dx: number): Point { … }",
            },
            "score": 2.45,
            "signature": "function shift(p: Point, dx: number): Point",
          },
        ],
        "relevantTypes": [
          {
            "name": "Point",
            "reason": "expected type",
            "ref": {
              "span": "point.ts: export interface Point { x: number; y: number }",
            },
            "text": "export interface Point { x: number; y: number }",
            "tokens": 14,
          },
        ],
      }
    `);
  });

  test('is computed in a file full of unrelated errors', () => {
    const { expectedType, bindings } = contextOf({
      'main.ts': `const wrong: number = "text";
missing.call();
function f(limit: number) {
  const label: string = /*|*/;
}
let x: = ;`,
    });
    expect(expectedType?.text).toBe('string');
    expect(bindings.map((b) => b.name)).toContain('limit');
  });

  test('is answered once per program: asked again it is the same, after an edit it is new', () => {
    const f = useFixture({ 'main.ts': 'const n: number = _();' });
    const first = contextIn(f, { at: '_()' });
    expect(contextIn(f, { at: '_()' })).toBe(first);
    f.workspace.change(f.file('main.ts'), 'const n: string = _();');
    const edited = contextIn(f, { at: '_()' });
    expect(edited).not.toBe(first);
    expect(edited.expectedType?.text).toBe('string');
  });

  test('stops with a cancelled error when the request is cancelled', () => {
    const f = useFixture({ 'main.ts': 'const n: number = _();' });
    expect(() => contextIn(f, { at: '_()', budget: Budget.cancellable(() => true) })).toThrowError(
      expect.objectContaining({ name: 'SpackleError', reason: 'cancelled' }),
    );
  });
});

describe('the enclosing signature', () => {
  test.each([
    [
      'a function over several lines',
      'function area(width: number,\n    height: number): number {\n  return /*|*/;\n}',
      'function area(width: number, height: number): number',
    ],
    [
      'a method',
      'class Shop {\n  async price<T>(item: T): Promise<number> {\n    return /*|*/;\n  }\n}',
      'async price<T>(item: T): Promise<number>',
    ],
    ['an arrow function', 'const twice = (n: number): number => {\n  return /*|*/;\n};', '(n: number): number'],
    [
      'an object literal method',
      'const o = { name(id: string): string { return /*|*/; } };',
      'name(id: string): string',
    ],
  ])('of %s', (_kind, main, signature) => {
    expect(contextOf({ 'main.ts': main }).enclosing?.signature).toBe(signature);
  });

  test('is absent at the top level', () => {
    expect(contextOf({ 'main.ts': 'const n: number = /*|*/;' }).enclosing).toBeUndefined();
  });

  test('of a function without a written return type gives no expected type for `return`', () => {
    const { enclosing, expectedType } = contextOf({ 'main.ts': 'function pick(x: number) {\n  return /*|*/;\n}' });
    expect(enclosing?.signature).toBe('function pick(x: number)');
    expect(expectedType).toBeUndefined();
  });
});
