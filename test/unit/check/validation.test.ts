import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import type ts from 'typescript';
import { planCopies, sideBySide } from '../../../server/src/check/copies.js';
import { regionOf } from '../../../server/src/check/region.js';
import { programSize, validateCandidates } from '../../../server/src/check/validate.js';
import { fillHoleAsync } from '../../../server/src/synth/fill.js';
import { fillIn } from '../../helpers/fill.js';
import { useFixture } from '../../helpers/fixture.js';

describe('validation', () => {
  const files = {
    'main.ts': `const broken: number = "elsewhere";
function f(name: string, size: number) {
  const n: number = _();
  return n;
}`,
  };

  test('keeps a candidate that adds no error, whatever errors the file already has', () => {
    const f = useFixture(files);
    const [good, bad] = verdictsAt(f, ['size', 'name']);
    expect(good).toMatchObject({ ok: true, added: [] });
    expect(bad.ok).toBe(false);
    expect(bad.added.map((e) => e.code)).toEqual([2322]);
  });

  test('rejects a candidate whose error lands outside the hole', () => {
    const f = useFixture({ 'main.ts': 'function f(size: number) {\n  const n = _();\n  return n.toFixed();\n}' });
    const [num, str] = verdictsAt(f, ['size', '"text"']);
    expect(num.ok).toBe(true);
    expect(str.added.map((e) => e.code)).toEqual([2551]);
    expect(str.added[0].start).toBe(f.offsetOf('main.ts', 'toFixed'));
  });

  test('checks candidates side by side, none seeing another: narrowing, declarations and returns stay apart', () => {
    const f = useFixture({
      'main.ts': `function f(input: string | undefined, n: number): number {
  if (!input) return 0;
  const len: number = _();
  return len + n;
}`,
    });
    const verdicts = verdictsAt(f, ['input.length', 'n', 'input', 'missing']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, false, false]);
    expect(verdicts[3].added.map((e) => e.code)).toEqual([2304]);
  });

  test('refuses a text that is no expression on its own before splicing it', () => {
    const f = useFixture(files);
    const [unbalanced] = verdictsAt(f, ['size); }']);
    expect(unbalanced.ok).toBe(false);
    expect(unbalanced.added.length).toBeGreaterThan(0);
  });

  test('never returns a fill that adds an error in strict mode', () => {
    const f = useFixture({
      'main.ts': 'declare function pick(): number;\ndeclare const cache: Map<string, number>;\nconst n: number = _();',
    });
    const strict = fillIn(f);
    expect(strict.fills.every((c) => c.verified)).toBe(true);
    expect(strict.fills.map((c) => c.text)).toContain('pick()');
  });

  test('stops at the deadline with what it has, without throwing', () => {
    const f = useFixture(files);
    const result = fillIn(f, {}, {}, Budget.of(0));
    expect(result.stats.timedOut).toBe(true);
    expect(result.fills).toEqual([]);
  });

  test('gives way between steps when asked asynchronously, so a cancellation arriving meanwhile stops it', async () => {
    const f = useFixture(files);
    let asked = 0;
    const filling = fillHoleAsync(
      f.workspace,
      f.file('main.ts'),
      f.offsetOf('main.ts', '_()'),
      {},
      Budget.of(5000, () => asked++ > 0),
    );
    await expect(filling).rejects.toMatchObject({ reason: 'cancelled' });
    const done = await fillHoleAsync(f.workspace, f.file('main.ts'), f.offsetOf('main.ts', '_()'), {}, Budget.of(5000));
    expect(done.fills.map((c) => c.text)).toContain('size');
  });

  test('stops with a cancelled error when the request is cancelled', () => {
    const f = useFixture(files);
    expect(() =>
      fillIn(
        f,
        {},
        {},
        Budget.of(5000, () => true),
      ),
    ).toThrowError(expect.objectContaining({ reason: 'cancelled' }));
  });
});

/** Verdicts on texts put in the first `_()` of main.ts. */
function verdictsAt(f: ReturnType<typeof useFixture>, texts: string[]) {
  const start = f.offsetOf('main.ts', '_()');
  return validateCandidates(f.workspace.snapshot(f.file('main.ts')), { start, end: start + 3 }, texts);
}

describe('the region a candidate can affect', () => {
  test('reaches past a callback without a return type to the statement it is passed in', () => {
    const f = useFixture({
      'main.ts': `declare function run<R>(f: () => R): R;
function g(label: string, size: number): number {
  const n: number = run(() => {
    return _();
  });
  return n;
}`,
    });
    const verdicts = verdictsAt(f, ['size', 'label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test('stays in a callback when the hole is not in what the callback returns', () => {
    const f = useFixture({
      'main.ts': `declare function run<R>(f: () => R): R;
function g(log: (n: number) => void) {
  const n = run(() => {
    log(_());
    return 1;
  });
  return n;
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    const region = regionOf(f.workspace.snapshot(f.file('main.ts')).sourceFile, start);
    expect(region?.nodes?.map((n) => n.getText())).toEqual(['log(_());']);
  });

  test('follows a value the callback returns through a variable to the statement the callback is passed in', () => {
    const f = useFixture({
      'main.ts': `declare function run<R>(f: () => R): R;
function g(label: string, size: number): number {
  const n: number = run(() => {
    const x = _();
    return x;
  });
  return n;
}`,
    });
    const verdicts = verdictsAt(f, ['size', 'label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test('reaches the statements after a condition, which it narrows', () => {
    const f = useFixture({
      'main.ts': `interface Payload { memo?: string; issues: string[] }
function run(payload: Payload): number {
  if (payload./*|*/) return 0;
  return payload.issues.length;
}`,
    });
    const names = fillIn(f).fills.map((c) => c.text);
    expect(names).toContain('memo');
    expect(names).not.toContain('issues');
  });

  test('rejects a candidate whose error is reported outside the region, at a getter that now refers to itself', () => {
    const f = useFixture({
      'main.ts':
        'class Box {\n  constructor(private readonly size: number) {}\n  get value() {\n    return _();\n  }\n}',
    });
    const verdicts = verdictsAt(f, ['this.size', 'this.value']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test('keeps what the region declares for the code after it, which checking a callback may reach', () => {
    const f = useFixture({
      'main.ts': `declare function run(f: (n: number) => () => string): void;
run((n) => {
  const config = { on: _(), size: 1 };
  const on: boolean = config.on;
  return () => String(on);
});`,
    });
    expect(verdictsAt(f, ['n > 0', 'n']).map((v) => v.ok)).toEqual([true, false]);
  });

  test('leaves out the uses that read another member of the object literal the hole is a member of', () => {
    const f = useFixture({
      'main.ts': `declare function send(o: { async: boolean }): void;
function f(n: number) {
  const config = { async: _(), url: "x", retries: n };
  const { url, retries } = config;
  const length: number = config.url.length + config["retries"];
  const flag: boolean = config.async;
  send(config);
  return [url, retries, length, flag];
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    const region = regionOf(f.workspace.snapshot(f.file('main.ts')).sourceFile, start)!;
    expect(region.nodes!.map((n) => n.getText())).toEqual([
      'const config = { async: _(), url: "x", retries: n };',
      'const flag: boolean = config.async;',
      'send(config);',
    ]);
    expect(verdictsAt(f, ['true', 'n']).map((v) => v.ok)).toEqual([true, false]);
    // Another member that reads it (a method through `this`, an arrow through the name) is a use of it too.
    for (const reader of ['flag() { return this.async; }', 'flag: () => config.async']) {
      const g = useFixture({
        'main.ts': `function f(n: number) {
  const config = { async: _(), ${reader} };
  const b: boolean = config.flag();
  return b;
}`,
      });
      expect(verdictsAt(g, ['true', 'n']).map((v) => v.ok)).toEqual([true, false]);
    }
  });

  test('includes the statements that use what the hole infers, in a class too', () => {
    const f = useFixture({
      'main.ts': `class Box {
  constructor(private readonly label: string, private readonly size: number) {}
  get value() {
    return _();
  }
  double(): number {
    return this.value * 2;
  }
}`,
    });
    const verdicts = verdictsAt(f, ['this.size', 'this.label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test.each([
    ["a call's one signature", 'const text = label(_());', [0]],
    ['a constructor', 'const text = new Label(_());', [0]],
    ['an untagged template', 'const text = `n: ${_()}`;', [0]],
    ['a generic call', 'const text = same(_());', [0, 1, 2]],
    ['a type guard, aliased', 'const text = isText(_());', [0, 1, 2]],
    ['a template in a literal context', 'const text = `n: ${_()}` as const;', [0, 1, 2]],
  ])('stops where the type of what holds the hole cannot change with it: %s', (_shape, statement, reached) => {
    const body = [statement, 'const again = text;', 'return again;'];
    const f = useFixture({
      'main.ts': `declare function label(n: number): string;
declare class Label { constructor(n: number); }
declare function same<T>(x: T): T;
declare function isText(x: unknown): x is string;
function g(size: number) {
  ${body.join('\n  ')}
}`,
    });
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const region = regionOf(snapshot.sourceFile, f.offsetOf('main.ts', '_()'), snapshot.checker)!;
    expect(region.nodes!.map((n) => n.getText())).toEqual(reached.map((i) => body[i]));
  });
});

describe('candidates proven by their type', () => {
  test('a plain value assignable where the context fixes the type needs no check', () => {
    const f = useFixture({
      'main.ts': 'declare function show(n: number): void;\nfunction f(size: number, label: string) {\n  show(_());\n}',
    });
    const result = fillIn(f);
    expect(result.fills[0]).toMatchObject({ text: 'size', verified: true });
    expect(result.stats.proven).toBeGreaterThan(0);
  });

  test('a member whose one signature takes the arguments already written after it, its result unused', () => {
    const sink = `interface Sink {
  write(line: string): void;
  flush(): void;
  each(f: (line: string) => void): void;
  pipe<T>(to: T): T;
  private_?: never;
}
`;
    const result = fillIn(
      useFixture({ 'main.ts': `${sink}function f(sink: Sink, line: string) {\n  sink./*|*/(line);\n}` }),
    );
    expect(result.fills[0]).toMatchObject({ text: 'write', verified: true });
    expect(result.stats.proven).toBe(1);
    const callback = fillIn(
      useFixture({ 'main.ts': `${sink}function f(sink: Sink) {\n  sink./*|*/((line) => line.length);\n}` }),
    );
    expect(callback.fills.map((c) => c.text)).toContain('each');
    expect(callback.stats.proven).toBe(0);
  });

  test('a generic call, an un-annotated variable or an overloaded call is checked in place', () => {
    const contexts = [
      'declare function id<T>(x: T): T;\nfunction f(size: number) {\n  const n: number = id(_());\n}',
      'function f(size: number) {\n  const n = _();\n  return n;\n}',
      `type Issue = { code: "big"; max: number } | { code: "custom" };
const kind = "big";
const issue: Issue = { code: _(), max: 1 };`,
      `declare function show(n: number): void;
declare function show(n: string, m: number): void;
function f(size: number) {
  show(_());
}`,
    ];
    for (const main of contexts) expect(fillIn(useFixture({ 'main.ts': main })).stats.proven).toBe(0);
  });
});

describe('member holes', () => {
  test('reject a member whose type does not fit where the access is used', () => {
    const f = useFixture({
      'main.ts': `interface Schema { allOf?: string[]; maximum?: number }
function f(json: Schema, rest: string[]) {
  json.allOf = [...(json./*|*/ ?? []), ...rest];
}`,
    });
    expect(fillIn(f).fills.map((c) => c.text)).toEqual(['allOf']);
  });
});

describe('inference chains', () => {
  test('follow an un-annotated variable into the method that returns it and the code using that method', () => {
    const f = useFixture({
      'main.ts': `class Clock {
  constructor(private readonly now: number, private readonly label: string) {}
  private delegates() {
    const timer = { at: _() };
    return { timer };
  }
  run(): number {
    return this.delegates().timer.at + 1;
  }
}`,
    });
    const verdicts = verdictsAt(f, ['this.now', 'this.label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test('pass through a method of an object literal without a return type to the statement that holds it', () => {
    const f = useFixture({
      'main.ts': `interface Api { make(): number }
function f(size: number, label: string) {
  const api: Api = {
    make() {
      return _();
    },
  };
  return api;
}`,
    });
    const verdicts = verdictsAt(f, ['size', 'label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });
});

describe('destructuring', () => {
  test('follows every name a pattern binds from the hole', () => {
    const f = useFixture({
      'main.ts': `declare const pair: { run(): number; stop(): void };
declare const plain: { run: number; stop: number };
function f() {
  const { run, stop } = _();
  return run() + 1;
}`,
    });
    const verdicts = verdictsAt(f, ['pair', 'plain']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });
});

describe('side-by-side checking', () => {
  test('copies top-level statements too, exported ones and the code using what they infer', () => {
    const f = useFixture({
      'main.ts': `export const label = "a";
export const size = 1;
export const value = _();
export const doubled: number = value * 2;`,
    });
    const verdicts = verdictsAt(f, ['size', 'label', 'missing']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false, false]);
    expect(verdicts[1].added.map((e) => e.code)).toEqual([2362]);
  });

  test('checks one by one where a copy would change the meaning: a hoisted var', () => {
    const f = useFixture({
      'main.ts': 'function f(label: string, size: number) {\n  var n = _();\n  return n * 2;\n}',
    });
    const verdicts = verdictsAt(f, ['size', 'label']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false]);
  });

  test('a deadline passing during the check leaves the rest unchecked, never accepted', () => {
    const f = useFixture({
      'main.ts': `function f(a: number, b: number, c: number, d: string) {
  const n: number = [1, 2].map((x) => x + _())[0];
  return n;
}`,
    });
    const texts = ['a', 'b', 'c', 'd'];
    const full = verdictsAt(f, texts).map((v) => v.ok);
    expect(full).toEqual([true, true, true, false]);
    const start = f.offsetOf('main.ts', '_()');
    let partial = 0;
    // Every point at which the clock may stop the check: each verdict is the one without a deadline, or unchecked.
    for (let stop = 1; stop < 80; stop++) {
      let asked = 0;
      const verdicts = validateCandidates(
        f.workspace.snapshot(f.file('main.ts')),
        { start, end: start + 3 },
        texts,
        {},
        Budget.cancellable(() => ++asked > stop),
      );
      const isUnchecked = verdicts.map((v) => v.added.some((e) => e.code === 0));
      verdicts.forEach((v, i) =>
        expect(isUnchecked[i] ? 'unchecked' : v.ok).toBe(isUnchecked[i] ? 'unchecked' : full[i]),
      );
      if (isUnchecked.includes(true) && isUnchecked.includes(false)) partial++;
    }
    expect(partial).toBeGreaterThan(0);
  });

  test('copies exported top-level statements with their exports blanked, and finds the region in every copy', () => {
    const f = useFixture({
      'main.ts': 'export const size = 1;\nexport const value = _();\nexport const doubled: number = value * 2;',
    });
    const start = f.offsetOf('main.ts', '_()');
    const base = f.workspace.snapshot(f.file('main.ts'));
    const program = sideBySide(
      base,
      planCopies(base, { nodes: regionOf(base.sourceFile, start)!.nodes! })!,
      { start, end: start + 3 },
      ['x', 'size'],
    )!;
    expect(program.copies.map((c) => c.nodes.map((n) => n.getText()))).toEqual([
      ['const value = x;', 'const doubled: number = value * 2;'],
      ['const value = size;', 'const doubled: number = value * 2;'],
    ]);
  });

  test('checks the return and uses of a method typed by the hole, copied as renamed members of its class', () => {
    const f = useFixture({
      'main.ts': `class Box {
  constructor(private readonly size: number) {}
  value() {
    const twice = this.size * 2;
    return _();
  }
  double(): number {
    return this.value() * 2;
  }
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    const base = f.workspace.snapshot(f.file('main.ts'));
    const region = regionOf(base.sourceFile, start)!;
    expect(region.nodes!.map((n) => n.getText())).toEqual(['return _();', 'return this.value() * 2;']);
    expect(region.functions!.map((n) => (n as ts.MethodDeclaration).name.getText())).toEqual(['value']);
    const program = sideBySide(
      base,
      planCopies(base, { nodes: region.nodes!, functions: region.functions })!,
      { start, end: start + 3 },
      ['this.size', 'twice'],
    )!;
    expect(program.copies.map((c) => c.nodes.map((n) => n.getText()))).toEqual([
      ['return this.size;', 'return this.value$$s000() * 2;'],
      ['return twice;', 'return this.value$$s001() * 2;'],
    ]);
    // One class: its other members are resolved once for all copies.
    expect(program.snapshot.sourceFile.text.match(/class Box/g)).toHaveLength(1);
    const verdicts = verdictsAt(f, ['this.size', 'String(twice)', 'this.value()']);
    expect(verdicts.map((v) => v.ok)).toEqual([true, false, false]);
    // The error a candidate adds is placed in the real file, where the use is, with the member's own name.
    expect(verdicts[1].added.map((e) => [e.start, e.message])).toEqual([
      [f.offsetOf('main.ts', 'this.value() * 2'), expect.stringContaining('left-hand side')],
    ]);
  });

  test.each([
    [
      'a static method used through the class',
      `class Box {
  static size = 2;
  static label = "box";
  static make() {
    return _();
  }
  double(): number {
    return Box.make() * 2;
  }
}`,
      ['Box.size', 'Box.label'],
    ],
    [
      'a getter with its setter',
      `class Box {
  private n = 1;
  private s = "";
  get value() {
    return _();
  }
  set value(v: number) {
    this.n = v;
  }
  double(): number {
    return this.value * 2;
  }
}`,
      ['this.n', 'this.s'],
    ],
  ])('copies %s as renamed members of the class', (_what, source, [fits, misfits]) => {
    const f = useFixture({ 'main.ts': source });
    const start = f.offsetOf('main.ts', '_()');
    const base = f.workspace.snapshot(f.file('main.ts'));
    const region = regionOf(base.sourceFile, start)!;
    const program = sideBySide(
      base,
      planCopies(base, { nodes: region.nodes!, functions: region.functions })!,
      { start, end: start + 3 },
      [fits, misfits],
    )!;
    expect(program.snapshot.sourceFile.text.match(/class Box/g)).toHaveLength(1);
    expect(program.copies.map((c) => program.snapshot.sourceFile.text.slice(c.start, c.end))).toEqual([
      expect.stringContaining('$$s000'),
      expect.stringContaining('$$s001'),
    ]);
    expect(verdictsAt(f, [fits, misfits]).map((v) => v.ok)).toEqual([true, false]);
  });

  test('follows a property its class types by what the constructor assigns it, to the class checked whole', () => {
    const admin = (constructor: string) => `interface Listenable {
  listeners_: Array<() => void> | undefined;
}
class Atom {
  constructor(public name: string) {}
}
export class Admin implements Listenable {
  atom_: Atom;
  listeners_;
  constructor(name: string, atom: Atom, listeners: Array<() => void>) {
${constructor}
  }
}`;
    const valued = useFixture({ 'main.ts': admin('    this.atom_ = atom;\n    this.listeners_ = _();') });
    expect(verdictsAt(valued, ['atom', 'listeners']).map((v) => v.ok)).toEqual([false, true]);
    // At `this.|` the candidate names the property assigned: any property typed by the constructor may be it.
    const named = useFixture({
      'main.ts': admin('    this./*|*/ = new Atom(name);'),
    });
    const texts = fillIn(named).fills.map((c) => c.text);
    expect(texts).toContain('atom_');
    expect(texts).not.toContain('listeners_');
  });

  test('copies the whole class for a property: what its initializer may use depends on where it is', () => {
    const f = useFixture({
      'main.ts': `class Box {
  ratio = _();
  size = 2;
  label = "box";
  double(): number {
    return this.ratio * 2;
  }
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    const base = f.workspace.snapshot(f.file('main.ts'));
    const region = regionOf(base.sourceFile, start)!;
    const program = sideBySide(
      base,
      planCopies(base, { nodes: region.nodes!, functions: region.functions })!,
      { start, end: start + 3 },
      ['1', '2'],
    )!;
    // Two copies, and the class itself.
    expect(program.snapshot.sourceFile.text.match(/class Box/g)).toHaveLength(3);
    // `size` is not initialised yet where `ratio` is.
    expect(verdictsAt(f, ['this.size', '3', 'this.label']).map((v) => v.ok)).toEqual([false, true, false]);
  });

  test('copies a whole class where its members cannot be renamed, leaving out the bodies no copy needs', () => {
    const f = useFixture({
      'main.ts': `class Box {
  constructor(private readonly size: number) {}
  area(): number {
    return this.size * this.size;
  }
  half() {
    return this.size / 2;
  }
  unused() {
    return "never named";
  }
  value() {
    return _();
  }
  double(): number {
    const self = this;
    return self.value() * self.half();
  }
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    const base = f.workspace.snapshot(f.file('main.ts'));
    const region = regionOf(base.sourceFile, start)!;
    const program = sideBySide(
      base,
      planCopies(base, { nodes: region.nodes!, functions: region.functions })!,
      { start, end: start + 3 },
      ['this.area()'],
    )!;
    const copy = program.snapshot.sourceFile.text.slice(program.copies[0].start, program.copies[0].end);
    expect(copy).toContain('class Box');
    expect(copy).not.toContain('this.size * this.size');
    expect(copy).not.toContain('never named');
    expect(copy).toContain('return this.size / 2;');
    expect(copy).toContain('return this.area();');
    expect(
      verdictsAt(f, ['this.area()', 'this.unused()', 'this.half()', 'this.unused().length']).map((v) => v.ok),
    ).toEqual([true, false, true, true]);
  });

  test('a program holds as many copies as are cheap, more when more must be checked before enough pass', () => {
    expect(programSize(500, 5, 0.5)).toBe(119);
    expect(programSize(3_200, 5, 0.5)).toBe(17);
    expect(programSize(3_200, 5, 0.2)).toBe(25);
    expect(programSize(20_000, 5, 0.2)).toBe(9);
    expect(programSize(150_000, 5, 0.5)).toBe(1);
  });

  test('checks the baseline only once a candidate has errors: a first candidate that adds none is one check', () => {
    const f = useFixture({
      'main.ts': `function f(a: number, d: string) {
  const n: number = [1, 2].map((x) => x + _())[0];
  return n;
}`,
    });
    const start = f.offsetOf('main.ts', '_()');
    // The checker asks for a cancellation as it checks each function: the asks count the checks of the region.
    const asks = (texts: string[]) => {
      let asked = 0;
      const verdicts = validateCandidates(
        f.workspace.snapshot(f.file('main.ts')),
        { start, end: start + 3 },
        texts,
        {},
        Budget.cancellable(() => (asked++, false)),
      );
      return { asked, ok: verdicts.map((v) => v.ok) };
    };
    const passing = asks(['a']);
    // `d` has an error to tell from the baseline's: its check, the baseline's, then `a`'s.
    const afterFailing = asks(['d', 'a']);
    expect([passing.ok, afterFailing.ok]).toEqual([[true], [false, true]]);
    expect(passing.asked * 2).toBeLessThan(afterFailing.asked);
  });

  test("an error the file has where checking the first candidate resolves what it uses is not the candidate's", () => {
    const f = useFixture({
      'main.ts': `function stamp() {
  return String(missingName);
}
function f(size: number) {
  const n: number = _() * stamp().length;
  return n;
}`,
    });
    const real = f.workspace.snapshot(f.file('main.ts'));
    expect(real.program.getSemanticDiagnostics(real.sourceFile).map((d) => d.code)).toContain(2304);
    expect(verdictsAt(f, ['size', '"text"']).map((v) => v.ok)).toEqual([true, false]);
  });

  test('does not let one candidate take an error that the checker reports once per type for another', () => {
    const f = useFixture({
      'main.ts':
        'function f(a: number, b: number, list: string[]) {\n  const all: string[] = [..._()];\n  return all;\n}',
    });
    const verdicts = verdictsAt(f, ['a', 'b', 'list']);
    expect(verdicts.map((v) => v.ok)).toEqual([false, false, true]);
  });
});
