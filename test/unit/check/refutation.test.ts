import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { useDemands } from '../../../server/src/check/uses.js';
import { innermostAt } from '../../../server/src/ts/ast.js';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

/** A function whose scope offers a number, a string, a record and a function, with `body` after them. */
function inScope(body: string): string {
  return `interface Due { at: number; frame: number }
function f(count: number, label: string, record: Due, run: () => void) {
${body}
}`;
}

describe('candidates refuted by their type, without a program', () => {
  test('a member read or written, or destructured, must exist on the value', () => {
    const result = fillIn(
      useFixture({
        'main.ts': inScope('  const due = _();\n  due.at = 1;\n  const { frame } = due;\n  return frame;'),
      }),
    );
    const texts = result.fills.map((c) => c.text);
    expect(texts).toContain('record');
    expect(texts).not.toContain('count');
    expect(result.stats.refuted).toBeGreaterThanOrEqual(3);
  });

  test('arithmetic, and a comparison with a number, want a number', () => {
    for (const body of [
      '  let left = _();\n  left--;\n  return left;',
      '  const limit = _();\n  for (let i = 0; i < limit; i++) run();',
    ]) {
      const result = fillIn(useFixture({ 'main.ts': inScope(body) }));
      expect(result.fills.map((c) => c.text)).toContain('count');
      expect(result.fills.map((c) => c.text)).not.toContain('label');
      expect(result.stats.refuted).toBeGreaterThanOrEqual(3);
    }
  });

  test('a call wants something callable; after `recv.|(…)` it is what the member returns that must fit', () => {
    const called = fillIn(useFixture({ 'main.ts': inScope('  const go = _();\n  go();') }));
    expect(called.fills.map((c) => c.text)).toContain('run');
    expect(called.stats.refuted).toBeGreaterThanOrEqual(3);
    const stream =
      'interface Reader { read(): string }\ninterface Stream { getReader(): Reader; close(): void; size: number }\n';
    const member = fillIn(
      useFixture({
        'main.ts': `${stream}function f(stream: Stream) {
  const reader = stream./*|*/();
  return reader.read();
}`,
      }),
    );
    expect(member.fills.map((c) => c.text)).toEqual(['getReader']);
    expect(member.stats.refuted).toBeGreaterThanOrEqual(1);
  });

  test("a parameter it is passed to wants what the callee's one signature says, generic ones aside", () => {
    const sink =
      'declare function keep(due: Due, ...labels: string[]): void;\ndeclare function pick<T>(value: T): T;\n';
    for (const [use, fits, misfits] of [
      ['keep(v);', 'record', 'count'],
      ['keep(record, "a", v);', 'label', 'count'],
      ['new Set<number>([1]).add(v);', 'count', 'label'],
    ]) {
      const result = fillIn(useFixture({ 'main.ts': sink + inScope(`  const v = _();\n  ${use}`) }));
      expect(result.stats.refuted, use).toBeGreaterThanOrEqual(2);
      expect(
        result.fills.map((c) => c.text),
        use,
      ).toContain(fits);
      expect(
        result.fills.map((c) => c.text),
        use,
      ).not.toContain(misfits);
    }
    const generic = fillIn(useFixture({ 'main.ts': sink + inScope('  const v = _();\n  pick(v);') }));
    expect(generic.stats.refuted).toBe(0);
  });

  test('a use that takes anything, an `any` or `unknown` parameter, demands nothing', () => {
    const sink = 'declare function log(value: any): void;\ndeclare function keepAll(value: unknown): void;\n';
    for (const use of ['log(v);', 'keepAll(v);']) {
      const f = useFixture({ 'main.ts': sink + inScope(`  const v = _();\n  ${use}`) });
      const { sourceFile, checker } = f.workspace.snapshot(f.file('main.ts'));
      const hole = innermostAt(sourceFile, f.offsetOf('main.ts', '_()') + 1, ts.isCallExpression)!;
      expect(useDemands(checker, hole), use).toBeUndefined();
    }
  });

  test('so does the code right around the hole: a member read of it, after a dot too', () => {
    const result = fillIn(useFixture({ 'main.ts': inScope('  return _().frame;') }));
    expect(result.fills.map((c) => c.text)).toContain('record');
    expect(result.fills.map((c) => c.text)).not.toContain('label');
    expect(result.stats.refuted).toBeGreaterThanOrEqual(3);
    const page = 'interface Page { title: string; count: number; body: { text: string } }\n';
    const member = fillIn(
      useFixture({ 'main.ts': `${page}function f(page: Page) {\n  return page./*|*/.toUpperCase();\n}` }),
    );
    expect(member.fills.map((c) => c.text)).toEqual(['title']);
    expect(member.stats.refuted).toBe(2);
  });

  test('no use that a type guard, an assignment or an earlier statement may have narrowed counts', () => {
    const bodies = [
      '  const v = _();\n  if (typeof v === "object") return v.at;',
      '  const v = _();\n  if (!(v instanceof Date)) return;\n  return v.getTime();',
      '  let v = _();\n  v = record;\n  return v.at;',
      '  const v = _();\n  return v && v.at;',
    ];
    for (const body of bodies) expect(fillIn(useFixture({ 'main.ts': inScope(body) })).stats.refuted, body).toBe(0);
  });

  test('where the context fixes the type, one no narrowing could make assignable to it, unless inference may', () => {
    const page = 'interface Page { title: string; count: number; body: { text: string }; at<T>(): T }\n';
    const result = fillIn(
      useFixture({ 'main.ts': `${page}function f(page: Page) {\n  const size: number = page./*|*/;\n}` }),
    );
    expect(result.fills.map((c) => c.text)).toContain('count');
    expect(result.fills.map((c) => c.text)).not.toContain('title');
    expect(result.stats.refuted).toBe(2);
  });

  test('a generic function as a value is refuted where no instantiation of it fits', () => {
    const main = `interface Timers { set: (handler: () => void, ms: number) => number }
declare const timers: { current: Timers | undefined };
class Clock {
  now() { return 0; }
  pick<T>(items: T[]): T { return items[0]; }
  keep<T>(handler: () => void, ms: number): number { return ms; }
  start() {
    const made = { set: _() };
    timers.current = made;
  }
}`;
    const result = fillIn(useFixture({ 'main.ts': main }));
    const texts = result.fills.map((c) => c.text);
    expect(texts).toContain('this.now');
    expect(texts).toContain('this.keep');
    expect(texts).not.toContain('this.pick');
    expect(result.stats.refuted).toBeGreaterThanOrEqual(3);
    expect(result.stats.rejected).toBe(0);
  });

  test("a value whose type mentions the enclosing function's type parameters is refuted by its type too", () => {
    const main = `interface Box<T> { value: T }\ndeclare function take(options: { async: boolean }): void;
function run<T>(box: Box<T>, items: T[], flag: boolean) {\n  const options = { async: _() };\n  take(options);\n}`;
    const result = fillIn(useFixture({ 'main.ts': main }));
    // Built for the demanded `boolean` too (`true`, `items.includes(box.value)`); `box` and `items` need no check.
    const texts = result.fills.map((c) => c.text);
    expect(texts).toContain('flag');
    expect(texts).not.toContain('box');
    expect(texts).not.toContain('items');
    expect(result.stats.refuted).toBeGreaterThanOrEqual(2);
  });

  test('the uses of an annotated variable are left to the check', () => {
    const result = fillIn(useFixture({ 'main.ts': inScope('  const due: Due = _();\n  due.at = 1;') }));
    expect(result.fills[0].text).toBe('record');
    expect(result.stats.refuted).toBe(0);
  });
});
