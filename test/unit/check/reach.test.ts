import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { planCopies, sideBySide } from '../../../server/src/check/copies.js';
import { carriedTypes, sameCarried } from '../../../server/src/check/dependents.js';
import { regionOf } from '../../../server/src/check/region.js';
import { validateCandidates } from '../../../server/src/check/validate.js';
import { MISSING_MEMBER } from '../../../server/src/synth/fill.js';
import { typedHole } from '../../../server/src/holes/speculate.js';
import { Fixture, useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

const TYPED_HOLE_TS = typedHole('main.ts');
const lines = (...text: string[]) => text.join('\n');

/**
 * Shapes where the hole's value flows into an inferred type that something outside its statement checks: a class
 * member's type (its uses elsewhere, the class's base and interfaces, its subclasses), an overload list, an export
 * other files use, a class member's computed name. Each row: the files (the hole is the member name at the cursor
 * of main.ts, else its first `_()`), texts that type-check everywhere, texts that break something there.
 */
const SHAPES: Array<{ shape: string; files: Record<string, string>; fits: string[]; misfits: string[] }> = [
  {
    shape: 'an override whose return type is inferred, in a class extending another',
    files: {
      'main.ts': lines(
        'class Base {',
        '  toString(): string {',
        '    return "base";',
        '  }',
        '}',
        'export class Money extends Base {',
        '  constructor(private readonly cents: number, private readonly label: string) {',
        '    super();',
        '  }',
        '  override toString() {',
        '    return _();',
        '  }',
        '}',
      ),
    },
    fits: ['this.label'],
    misfits: ['this.cents'],
  },
  {
    shape: 'a method whose return type is inferred, in a class implementing an interface',
    files: {
      'main.ts': lines(
        'interface Named {',
        '  name(): string;',
        '}',
        'class Tag implements Named {',
        '  constructor(private readonly text: string, private readonly size: number) {}',
        '  name() {',
        '    return _();',
        '  }',
        '}',
      ),
    },
    fits: ['this.text'],
    misfits: ['this.size'],
  },
  {
    shape: 'a method a subclass in the file overrides',
    files: {
      'main.ts': lines(
        'class Shape {',
        '  constructor(protected readonly sides: number, protected readonly title: string) {}',
        '  area() {',
        '    return _();',
        '  }',
        '}',
        'class Square extends Shape {',
        '  override area(): number {',
        '    return 1;',
        '  }',
        '}',
      ),
    },
    fits: ['this.sides'],
    misfits: ['this.title'],
  },
  {
    shape: 'a private field whose type is inferred, used in other methods',
    files: {
      'main.ts': lines(
        'class Registry {',
        '  #tracked = _();',
        '  add(name: string) {',
        '    this.#tracked.add(name);',
        '  }',
        '}',
      ),
    },
    fits: ['new Set<string>()'],
    misfits: ['Math', 'String'],
  },
  {
    shape: 'a public field whose type is inferred, used outside its class',
    files: {
      'main.ts': lines('class Cart {', '  items = _();', '}', 'const cart = new Cart();', 'cart.items.push("apple");'),
    },
    fits: ['new Array<string>()'],
    misfits: ['0', 'Math'],
  },
  {
    shape: 'a field whose type is inferred, in a class implementing an interface',
    files: {
      'main.ts': lines(
        'interface Counter {',
        '  count: number;',
        '}',
        'class Clicks implements Counter {',
        '  count = _();',
        '}',
      ),
    },
    fits: ['0'],
    misfits: ['"none"'],
  },
  {
    shape: 'a method of a class expression held by a typed variable',
    files: {
      'main.ts': lines(
        'type Named = new () => { name(): string };',
        'const Tag: Named = class {',
        '  name() {',
        '    return _();',
        '  }',
        '};',
      ),
    },
    fits: ['"tag"'],
    misfits: ['42'],
  },
  {
    shape: 'the implementation of an overloaded function',
    files: {
      'main.ts': lines(
        'function parse(text: string): number;',
        'function parse(text: string, radix: number): number;',
        'function parse(text: string, radix?: number) {',
        '  return _();',
        '}',
      ),
    },
    fits: ['text.length'],
    misfits: ['text'],
  },
  {
    shape: 'the implementation of an overloaded method',
    files: {
      'main.ts': lines(
        'class Parser {',
        '  parse(text: string): number;',
        '  parse(text: string, radix: number): number;',
        '  parse(text: string, radix?: number) {',
        '    return _();',
        '  }',
        '}',
      ),
    },
    fits: ['text.length'],
    misfits: ['text'],
  },
  {
    shape: 'an exported function whose return type is inferred, used in another file',
    files: {
      'main.ts': lines('export function total(prices: number[], label: string) {', '  return _();', '}'),
      'other.ts': lines(
        'import { total } from "./main";',
        'const broken: number = "already";',
        'export const doubled: number = total([1], "x") * 2;',
      ),
    },
    fits: ['prices.length'],
    misfits: ['label'],
  },
  {
    shape: 'an exported constant used through a namespace import',
    files: {
      'main.ts': lines('export const limits = { max: _() };'),
      'other.ts': lines('import * as config from "./main";', 'export const room: number = config.limits.max + 1;'),
    },
    fits: ['10'],
    misfits: ['"ten"'],
  },
  {
    shape: 'a field of an exported class, used in another file',
    files: {
      'main.ts': lines('export class Cart {', '  items = _();', '}'),
      'other.ts': lines('import { Cart } from "./main";', 'new Cart().items.push("apple");'),
    },
    fits: ['new Array<string>()'],
    misfits: ['0'],
  },
  {
    shape: 'an export re-exported by an index, used through it',
    files: {
      'main.ts': lines('export function make() {', '  return _();', '}'),
      'index.ts': lines('export * from "./main";'),
      'other.ts': lines('import { make } from "./index";', 'export const n: number = make();'),
    },
    fits: ['1'],
    misfits: ['"one"'],
  },
  {
    shape: 'a field whose type is inferred, in a class passing `this` where an interface is wanted',
    files: {
      'main.ts': lines(
        'interface Named {',
        '  label: string;',
        '}',
        'declare function show(named: Named): void;',
        'class Tag {',
        '  label = _();',
        '  render() {',
        '    show(this);',
        '  }',
        '}',
      ),
    },
    fits: ['"tag"'],
    misfits: ['0'],
  },
  {
    shape: 'a field whose type is inferred, in a class whose instances are taken for an interface',
    files: {
      'main.ts': lines(
        'interface Named {',
        '  label: string;',
        '}',
        'class Tag {',
        '  label = _();',
        '}',
        'const named: Named = new Tag();',
        'function asNamed(tag: Tag): Named {',
        '  return tag;',
        '}',
      ),
    },
    fits: ['"tag"'],
    misfits: ['0'],
  },
  {
    shape: 'the computed name of a class member, in a class implementing an interface',
    files: {
      'main.ts': lines(
        'class Bag implements Iterable<number> {',
        '  constructor(private readonly items: number[]) {}',
        '  [Symbol.iterator]() {',
        '    return this.items[Symbol.iterator]();',
        '  }',
        '  get [Symbol./*|*/]() {',
        '    return "Bag";',
        '  }',
        '}',
      ),
    },
    fits: ['toStringTag'],
    misfits: ['iterator'],
  },
  {
    shape: 'a member name between optional chains, where the parser ends the statement at the hole',
    files: {
      'main.ts': lines(
        'interface Route {',
        '  preloads?: string[];',
        '  filePath?: string;',
        '}',
        'declare const routes: Record<string, Route | undefined>;',
        'declare function load(path: string): void;',
        'routes.home?./*|*/?.forEach((path) => load(path));',
      ),
    },
    fits: ['preloads'],
    misfits: ['filePath'],
  },
  {
    shape: 'a method returning this, in a class whose inferred methods return this to each other',
    files: {
      'main.ts': lines(
        'export class Query {',
        '  private limit = 10;',
        '  take(n: number) {',
        '    this.limit = n;',
        '    return this;',
        '  }',
        '  first() {',
        '    return this.take(_()).take(1);',
        '  }',
        '}',
        'export const top = new Query().first();',
      ),
    },
    fits: ['1', '2'],
    misfits: ['"one"', 'true'],
  },
];

describe('a value flowing into an inferred type checked beyond its statement', () => {
  test.each(SHAPES)('$shape: texts that break it are rejected', ({ files, fits, misfits }) => {
    const f = useFixture(files);
    const { hole, standIn } = holeOf(f);
    const base = f.workspace.snapshot(f.file('main.ts'));
    const verdicts = validateCandidates(base, hole, [...fits, ...misfits], { baseline: standIn });
    expect(verdicts.map((v) => v.ok)).toEqual([...fits.map(() => true), ...misfits.map(() => false)]);
  });

  test.each(SHAPES)('$shape: every fill returned type-checks in every file of the project', ({ files }) => {
    const f = useFixture(files);
    const fills = fillIn(f).fills.map((c) => c.text);
    const { hole, standIn } = holeOf(f);
    const text = f.text('main.ts');
    const held = (inserted: string) => text.slice(0, hole.start) + inserted + text.slice(hole.end);
    const baseline = projectErrors(f, held(standIn), hole.start, standIn.length);
    for (const fill of fills) {
      const added = projectErrors(f, held(fill), hole.start, fill.length).filter((e) => !baseline.includes(e));
      expect({ fill, added }).toEqual({ fill, added: [] });
    }
  });
});

/** The hole of a row: the member name at the cursor (a name that exists nowhere stands in it), else the first `_()`. */
function holeOf(f: Fixture): { hole: { start: number; end: number }; standIn: string } {
  try {
    const at = f.cursor('main.ts');
    return { hole: { start: at, end: at }, standIn: MISSING_MEMBER };
  } catch {
    const at = f.offsetOf('main.ts', '_()');
    return { hole: { start: at, end: at + 3 }, standIn: TYPED_HOLE_TS };
  }
}

/** Parsed files shared by the fresh programs, the edited one aside: the default libraries are parsed once. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * The errors of the fixture's own files, main.ts holding `text`, in a fresh program: after the hole, positions in
 * main.ts count from its end.
 */
function projectErrors(f: Fixture, text: string, holeStart: number, holeLength: number): string[] {
  const main = f.file('main.ts');
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(f.dir, 'tsconfig.json'), {}, host)!;
  const compilerHost = ts.createCompilerHost(config.options, true);
  const getSourceFile = compilerHost.getSourceFile.bind(compilerHost);
  compilerHost.getSourceFile = (name, language) => {
    if (name === main) return ts.createSourceFile(name, text, language, true);
    if (name.startsWith(f.dir)) return getSourceFile(name, language);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, language));
    return parsed.get(name);
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host: compilerHost });
  const own = program.getSourceFiles().filter((s) => s.fileName.startsWith(f.dir));
  return own
    .flatMap((s) => [...program.getSyntacticDiagnostics(s), ...program.getSemanticDiagnostics(s)])
    .map((d) => {
      const at = d.start ?? 0;
      const where =
        d.file?.fileName !== main
          ? `${d.file?.fileName}:${at}`
          : at < holeStart
            ? `b${at}`
            : at >= holeStart + holeLength
              ? `a${at - holeStart - holeLength}`
              : 'in';
      return `${d.code}:${where}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('what other files see of an export, compared across copies', () => {
  test.each([
    {
      what: "a function's return type",
      main: 'export function total(prices: number[]) {\n  return _();\n}',
      texts: ['prices.length', '0', '"none"', 'prices[0] > 0'],
      same: [[0, 1]],
    },
    {
      what: "an object literal's member types",
      main: 'export const limits = { max: _(), min: 0 };',
      texts: ['1', '2', '"ten"', '{ max: 1 }'],
      same: [[0, 1]],
    },
    {
      what: 'the predicate a function infers',
      main: 'class Box {}\nexport function isBox(x: unknown) {\n  return _();\n}',
      texts: ['x instanceof Box', '(x instanceof Box)', 'typeof x === "string"', 'true', 'false'],
      same: [
        [0, 1],
        [3, 4],
      ],
    },
  ])('$what: the same only where it is', ({ main, texts, same }) => {
    const f = useFixture({ 'main.ts': main, 'other.ts': 'import * as main from "./main";\nexport const used = main;' });
    const base = f.workspace.snapshot(f.file('main.ts'));
    const start = f.offsetOf('main.ts', '_()');
    const region = regionOf(base.sourceFile, start)!;
    const carriers = region.exports!.flatMap((e) => e.carriedBy!);
    const plan = planCopies(base, { nodes: region.nodes!, functions: region.functions, carriers })!;
    const program = sideBySide(base, plan, { start, end: start + 3 }, [TYPED_HOLE_TS, ...texts])!;
    const carried = program.copies.map((c) => carriedTypes(program.snapshot.checker, c.carriers!));
    const pairs = texts
      .flatMap((_a, i) => texts.map((_b, j) => [i, j]).filter(([, j]) => j > i))
      .filter(([i, j]) => sameCarried(program.snapshot.checker, carried[i + 1], carried[j + 1]));
    expect(pairs).toEqual(same);
    // The baseline's (a typed hole's `unknown`) is none of theirs.
    expect(carried.slice(1).some((c) => sameCarried(program.snapshot.checker, carried[0], c))).toBe(false);
  });
});

describe('a class whose method returns its own `this`', () => {
  test('the region ends: the `this` the method returns is reached once', () => {
    const text =
      'export class Builder {\n  items: string[] = [];\n  add(item: string) {\n    this.items.push(item);\n' +
      '    return this;\n  }\n}\n';
    const sourceFile = ts.createSourceFile('builder.ts', text, ts.ScriptTarget.Latest, true);
    const region = regionOf(sourceFile, text.indexOf('return this') + 'return '.length)!;
    expect(region.nodes!.map((n) => n.getText(sourceFile))).toEqual(['return this;']);
  });
});
