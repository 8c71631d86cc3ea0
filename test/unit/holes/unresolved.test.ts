/**
 * A hole whose expected type does not resolve: the context says which type and why, and no fill is verified
 * against it.
 */
import { describe, expect, test } from 'vitest';
import { contextOf, useFixture } from '../../helpers/fixture.js';
import { fillIn, fillsOf } from '../../helpers/fill.js';

const unresolvedAt = (main: string) => contextOf({ 'main.tsx': main }, { file: 'main.tsx', at: '_()' }).expectedType;

describe('an expected type that does not resolve', () => {
  test("a namespace that does not exist (JSX.Element without React's global JSX)", () => {
    expect(unresolvedAt('export function Banner(): JSX.Element {\n  return _();\n}\n')).toMatchObject({
      text: 'JSX.Element',
      unresolved: { type: 'JSX.Element', why: "Cannot find namespace 'JSX'." },
    });
  });

  test('a type imported from a module that is not found, inside a generic type', () => {
    const main = "import type { Order } from '@acme/core';\n\nexport const pending: Promise<Order[]> = _();\n";
    expect(unresolvedAt(main)?.unresolved).toEqual({ type: 'Order', why: "its module '@acme/core' was not found" });
  });

  test('a name a module does not export', () => {
    const files = {
      'model.ts': 'export interface Order { id: string }\n',
      'main.ts': "import type { Ordr } from './model';\n\nexport const order: Ordr | undefined = _();\n",
    };
    expect(contextOf(files, { at: '_()' }).expectedType?.unresolved).toEqual({
      type: 'Ordr',
      why: "'./model' has no export 'Ordr'",
    });
  });

  test('is not a written any, nor a type that resolves', () => {
    expect(unresolvedAt('export const anything: any = _();\n')?.unresolved).toBeUndefined();
    expect(unresolvedAt('export const count: number | undefined = _();\n')?.unresolved).toBeUndefined();
  });

  test('makes every fill unverified, saying why', () => {
    const f = useFixture({
      'main.tsx': 'const title = "Sale";\nexport function Banner(): JSX.Element {\n  return _();\n}\n',
    });
    const result = fillIn(f, { file: 'main.tsx', at: '_()' });
    expect(result.unresolved).toEqual({ type: 'JSX.Element', why: "Cannot find namespace 'JSX'." });
    expect(result.fills.map((fill) => fill.text)).toContain('title');
    expect(result.fills.filter((fill) => fill.verified)).toEqual([]);
  });

  test('leaves fills verified where the type resolves', () => {
    expect(fillsOf({ 'main.ts': 'const title = "Sale";\nexport const banner: string = _();\n' })).toContain('title');
  });
});
