/**
 * Proofs by type at the return of a function whose return is checked against its context's signature: a candidate
 * assignable to that signature's return type needs no speculative program where nothing infers from the function.
 */
import { describe, expect, test } from 'vitest';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022' } });
const HEADER = `interface Payload { value: unknown; issues: string[] }
interface Schema { parse: (payload: Payload) => Payload | Promise<Payload> }
declare function run(callback: (count: number) => string): void;
declare function generic<T>(callback: () => T): T;
`;

/** How many fills at the hole of `body` were proven without a program, and the fills of plain values. */
function check(body: string): string {
  const result = fillIn(useFixture({ 'tsconfig.json': TSCONFIG, 'main.ts': `${HEADER}${body}` }));
  const plain = result.fills.filter((f) => f.form === 'binding').map((f) => f.text);
  return `proven ${result.stats.proven}: ${plain.sort().join(', ')}`;
}

describe('proofs at the return of a contextually typed function', () => {
  test.each([
    [
      'an arrow assigned to a typed property, block body',
      'export function init(schema: Schema, fallback: Payload) {\n' +
        '  schema.parse = (payload) => {\n    if (payload.issues.length) return payload;\n    return _();\n  };\n}\n',
      'proven 2: fallback, payload',
    ],
    [
      'a callback of a non-generic call, expression body',
      'export function show(label: string) {\n  run((count) => _());\n}\n',
      'proven 1: label',
    ],
    [
      'a function expression assigned to a typed property',
      'export function init(schema: Schema, fallback: Payload) {\n' +
        '  schema.parse = function (payload) {\n    return _();\n  };\n}\n',
      'proven 2: fallback, payload',
    ],
  ])('proven: %s', (_name, body, expected) => {
    expect(check(body)).toBe(expected);
  });

  test.each([
    [
      'a callback of a generic call (inference reads it)',
      'export function show(label: string) {\n  generic(() => _());\n}\n',
    ],
    [
      'an un-annotated arrow (its type is what it returns)',
      'export function show(label: string) {\n  const f = () => _();\n  return f;\n}\n',
    ],
    [
      'an async arrow (its returns are wrapped)',
      'export function init(schema: Schema, fallback: Payload) {\n  schema.parse = async (payload) => _();\n}\n',
    ],
  ])('not proven: %s', (_name, body) => {
    expect(check(body)).toMatch(/^proven 0:/);
  });
});
