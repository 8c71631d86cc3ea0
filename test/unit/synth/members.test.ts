/**
 * Which members of a value are offered: those of mapped types too (zod's inferred objects, Pick, Partial), which
 * have no declaration of their own; never a library's `_name` internals.
 */
import { describe, expect, test } from 'vitest';
import { fillIn, fillsOf } from '../../helpers/fill.js';
import { useFixture } from '../../helpers/fixture.js';

describe('members offered as fills', () => {
  test('of a mapped type, whose members have no declaration of their own', () => {
    const main = `interface Event { title: string; startsAt: Date; seats: number }
type Summary = Pick<Event, 'title' | 'startsAt'>;

export function dayOf(summary: Summary): Date {
  return _();
}
`;
    expect(fillsOf({ 'main.ts': main })).toContain('summary.startsAt');
  });

  test("not a library's underscored internals", () => {
    const lib = 'export declare class Schema<T> {\n  _output: T;\n  parse(input: unknown): T;\n}\n';
    const main = `import type { Schema } from 'schemas';
declare const schema: Schema<{ title: string }>;
export const parsed: { title: string } = _();
`;
    const fills = fillsOf({
      'node_modules/schemas/index.d.ts': lib,
      'node_modules/schemas/package.json': '{"name":"schemas","types":"index.d.ts"}',
      'main.ts': main,
    });
    expect(fills.some((f) => f.startsWith('schema.parse('))).toBe(true);
    expect(fills).not.toContain('schema._output');
  });

  test('those the uses refute come last and are refuted unchecked, though their arguments are holes', () => {
    const methods = Array.from({ length: 14 }, (_, i) => `  at${i}(id: string): number { return id.length + ${i}; }`);
    const main = `interface Options { component?: () => string; title: string }
class Route {
  constructor(readonly options: Options) {}
${methods.join('\n')}
}
export function render(route: Route, id: string): string {
  const Comp = route./*|*/.component;
  return Comp ? Comp() : '';
}
`;
    const result = fillIn(useFixture({ 'main.ts': main }));
    expect(result.fills.map((f) => f.text)).toEqual(['options']);
    expect(result.stats).toMatchObject({ checked: 1, refuted: 14 });
    // Offered in lenient mode, ranked down, their arguments not filled: filling them is the costly part.
    const lenient = fillIn(useFixture({ 'main.ts': main }), {}, { mode: 'lenient' }).fills.map((f) => f.text);
    expect(lenient.slice(0, 3)).toEqual(['options', 'at0(_())', 'at1(_())']);
  });
});
