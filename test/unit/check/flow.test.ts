import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { flowTargets } from '../../../server/src/check/flow.js';
import { innermostAt } from '../../../server/src/ts/ast.js';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

/** The types printed that the first `_()` of `main` must be assignable to, by where it flows. */
function targetsOf(main: string): string[] {
  const f = useFixture({ 'main.ts': `declare function _<T>(): T;\n${main}` });
  const { sourceFile, checker } = f.workspace.snapshot(f.file('main.ts'));
  const hole = innermostAt(sourceFile, f.offsetOf('main.ts', '_()') + 1, ts.isCallExpression)!;
  return flowTargets(checker, hole).map((t) => checker.typeToString(t));
}

/** A class whose un-annotated method builds an object whose parts its `run` hands to typed places. */
function scheduler(member: string, run: string): string {
  return `interface Timers { setTimer: (handler: () => void, ms: number) => number; clearTimer: (id: number) => void }
interface Frames { request(callback: () => void): number }
declare const provider: { timers: Timers | undefined; frames: Frames | undefined; count: number };
class Scheduler {
  now() { return 0; }
  private build() {
    const timers = { ${member} };
    const frames = { request(callback: () => void) { return this.now2(); }, now2: () => 1 };
    return { timers, frames, label: 'x' };
  }
  run() {
    const built = this.build();
${run}
  }
}`;
}

describe('where a value flows to a typed place', () => {
  test('through a literal, a const, a method’s return and a call to the member read back and assigned', () => {
    const member = 'setTimer: _(), clearTimer: (id: number) => {}';
    expect(targetsOf(scheduler(member, '    provider.timers = built.timers;'))).toEqual([
      '(handler: () => void, ms: number) => number',
    ]);
    // A method of the literal: what it returns flows to what the typed place's method returns.
    const method = 'setTimer(handler: () => void, ms: number) { return _(); }, clearTimer: (id: number) => {}';
    expect(targetsOf(scheduler(method, '    provider.timers = built.timers;'))).toEqual(['number']);
    // Passed to a parameter that one signature fixes; then through a destructuring-free alias.
    expect(
      targetsOf(`declare function use(t: Timers): void;
interface Timers { id: number }
const t = { id: _() };
const alias = t;
use(alias);`),
    ).toEqual(['number']);
  });

  test('only uses that read the very part holding it count', () => {
    const member = 'setTimer: _(), clearTimer: (id: number) => {}';
    expect(
      targetsOf(scheduler(member, '    provider.count = built.label.length;\n    provider.frames = built.frames;')),
    ).toEqual([]);
  });

  test('not where something replaces the part, narrows the const, or a later spread may override it', () => {
    const member = 'setTimer: _(), clearTimer: (id: number) => {}';
    expect(
      targetsOf(
        scheduler(
          member,
          '    built.timers = { setTimer: () => 1, clearTimer: () => {} };\n    provider.timers = built.timers;',
        ),
      ),
    ).toEqual([]);
    expect(targetsOf(scheduler(member, '    if (built.label) provider.timers = built.timers;'))).toEqual([]);
    expect(
      targetsOf(`interface Box { id: number }
declare const other: Box;
const b: Box = (() => { const o = { id: _(), ...other }; return o; })();`),
    ).toEqual([]);
  });

  test('through spreads: into a typed literal, and past a later spread with the member optional or lacking it', () => {
    const box =
      'interface Box { id: number; name: string }\ndeclare const partial: Partial<Box>;\ndeclare const full: Box;\n';
    expect(targetsOf(`${box}const c = { id: _(), ...partial };\nconst b: Box = { ...c, name: "x" };`)).toEqual([
      'number',
    ]);
    expect(targetsOf(`${box}const c = { id: _(), ...full };\nconst b: Box = { ...c, name: "x" };`)).toEqual([]);
    expect(targetsOf(`${box}const c = { id: _() };\nconst b: Box = { ...c, id: 2, name: "x" };`)).toEqual([]);
  });

  test('through the calls of a function, but not of a generic one, whose calls infer what it returns', () => {
    expect(
      targetsOf(
        'interface Box { id: number }\nfunction make(x: number) { return { id: _() }; }\nconst b: Box = make(1);',
      ),
    ).toEqual(['number']);
    expect(
      targetsOf(
        'interface Box { id: number }\nfunction make<T>(x: T) { return { id: _() }; }\nconst b: Box = make(1);',
      ),
    ).toEqual([]);
  });

  test('refutes candidates before any check: only those assignable there are checked', () => {
    const f = useFixture({
      'main.ts': `declare function _<T>(): T;
${scheduler('setTimer: _(), clearTimer: (id: number) => {}', '    provider.timers = built.timers;')}`,
    });
    const result = fillIn(f);
    expect(result.stats.refuted).toBeGreaterThanOrEqual(3);
    expect(result.fills.map((c) => c.text)).toContain('this.now');
    expect(result.fills.map((c) => c.text)).not.toContain('this.run');
  });
});
