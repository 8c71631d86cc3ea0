import { describe, expect, test } from 'vitest';
import { estimateTokens } from '../../../server/src/holes/relevantTypes.js';
import type { HoleContext, SourceRef } from '../../../server/src/holes/holeData.js';
import { renderContext, SECTION_ORDER } from '../../../server/src/prompt/render.js';

const ref: SourceRef = { file: '/p/a.ts', start: 0, end: 1 };

function classDeclaration(name: string, members: number): string {
  const body = Array.from({ length: members }, (_, i) => `  ${name.toLowerCase()}Member${i}(value: number): ${name};`);
  return [`export class ${name} {`, ...body, '}'].join('\n');
}

/** A context shaped like a real one: a few large declarations, many bindings. */
function context(overrides: Partial<HoleContext> = {}): HoleContext {
  return {
    hole: { file: '/p/a.ts', start: 10, end: 13, kind: 'explicit' },
    prefix: '',
    expectedType: { text: 'Observable<number>', definitions: [ref] },
    relevantTypes: [
      { name: 'Observable', text: classDeclaration('Observable', 40), ref, reason: 'expected type', tokens: 0 },
      { name: 'Subscriber', text: classDeclaration('Subscriber', 30), ref, reason: 'used by Observable', tokens: 0 },
      { name: 'Promise', text: 'Promise', ref, reason: 'type of p (library)', tokens: 0 },
    ],
    relevantHeaders: [
      { name: 'of', signature: 'function of<T>(...values: T[]): Observable<T>', ref, score: 3, reason: 'imported' },
      { name: 'source.pipe', signature: 'pipe(): Observable<T>', ref, score: 2, reason: 'member of source' },
    ],
    bindings: Array.from({ length: 60 }, (_, i) => ({
      name: `local${i}`,
      type: 'Observable<number>',
      kind: 'local' as const,
      distance: i,
    })),
    enclosing: { signature: 'function build(count: number): Observable<number>', ref },
    ...overrides,
  };
}

describe('renderContext', () => {
  test('stays within the budget', () => {
    for (const budget of [8, 32, 64, 128, 256, 512, 1024, 2048]) {
      const rendered = renderContext(context(), budget);
      expect(rendered.tokens).toBeLessThanOrEqual(budget);
      expect(rendered.tokens).toBe(estimateTokens(rendered.text));
    }
  });

  test('renders everything when the budget is unbounded, sections in priority order', () => {
    const rendered = renderContext(context(), Infinity);
    for (const name of [
      'Observable<number>',
      'subscriberMember29',
      'Promise',
      'function of<T>',
      'source.pipe ~ pipe()',
      'local59',
      'function build',
    ]) {
      expect(rendered.text).toContain(name);
    }
    const present = SECTION_ORDER.filter((s) => rendered.sections[s] > 0);
    expect(present).toEqual(['expectedType', 'relevantTypes', 'relevantHeaders', 'bindings', 'enclosing']);
    expect(Object.keys(rendered.parts)).toEqual(present);
    expect(rendered.text).toBe(Object.values(rendered.parts).join('\n'));
  });

  test('keeps the expected type at the smallest budgets', () => {
    const rendered = renderContext(context(), 12);
    expect(rendered.text).toBe('// Expected type: Observable<number>');
  });

  test('gives every section a share: large types do not starve headers and bindings', () => {
    const { sections } = renderContext(context(), 256);
    expect(sections.relevantTypes).toBeGreaterThan(0);
    expect(sections.relevantHeaders).toBeGreaterThan(0);
    expect(sections.bindings).toBeGreaterThan(0);
    expect(sections.relevantTypes).toBeGreaterThan(sections.enclosing);
  });

  test("hands a missing section's share to the others", () => {
    const withHeaders = renderContext(context(), 512);
    const without = renderContext(context({ relevantHeaders: [] }), 512);
    expect(without.sections.relevantHeaders).toBe(0);
    expect(without.tokens).toBeGreaterThanOrEqual(withHeaders.tokens - withHeaders.sections.relevantHeaders);
    expect(without.sections.bindings + without.sections.relevantTypes).toBeGreaterThan(
      withHeaders.sections.bindings + withHeaders.sections.relevantTypes,
    );
  });

  test('names what does not fit in full, and cuts long declarations to their first lines', () => {
    const { text } = renderContext(context(), 256);
    expect(text).toMatch(/^\/\/ More in scope: (local\d+, )+local\d+$/m);
    expect(text).toContain('export class Observable {\n  observableMember0(value: number): Observable;');
    expect(text).toContain('\n  …');
    expect(text).toContain('Promise');
  });

  test("lists the receiver's members for a member hole", () => {
    const receiver = {
      text: 'source',
      type: 'Observable<number>',
      members: [{ name: 'pipe', type: '() => Observable<number>', kind: 'method' as const }],
    };
    const rendered = renderContext(context({ receiver, expectedType: undefined }), 128);
    expect(rendered.text.split('\n').slice(0, 2)).toEqual([
      '// Members of source: Observable<number>',
      'pipe: () => Observable<number>',
    ]);
  });

  test('is deterministic and counts with the given tokenizer', () => {
    expect(renderContext(context(), 300)).toEqual(renderContext(context(), 300));
    const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const rendered = renderContext(context(), 100, { countTokens: words });
    expect(rendered.tokens).toBe(words(rendered.text));
    expect(rendered.tokens).toBeLessThanOrEqual(100);
  });

  test('reads as a compact prompt', () => {
    const small = context({
      relevantTypes: [
        {
          name: 'Point',
          text: 'interface Point {\n  x: number;\n  y: number;\n}',
          ref,
          reason: 'expected type',
          tokens: 0,
        },
      ],
      bindings: context().bindings.slice(0, 8),
    });
    expect(renderContext(small, 120).text).toMatchInlineSnapshot(`
      "// Expected type: Observable<number>
      // Types
      interface Point {
        x: number;
        y: number;
      }
      // Values and functions that fit
      source.pipe ~ pipe(): Observable<T>
      // More that fit: of
      // In scope
      local0: Observable<number>
      local1: Observable<number>
      local2: Observable<number>
      // More in scope: local3, local4, local5, local6, local7
      // Enclosing: function build(count: number): Observable<number>"
    `);
  });
});
