import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { speculativeSnapshot } from '../../../server/src/workspace/speculative.js';
import { flattenMessage, normalizePath } from '../../../server/src/workspace/tsconfig.js';
import { fixture, Fixture } from '../../helpers/fixture.js';

let f: Fixture | undefined;
afterEach(() => f?.dispose());

describe('project of a file', () => {
  it("is the nearest tsconfig that includes it, else the folder's inferred project", () => {
    f = fixture({
      'pkg/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'pkg/src/a.ts': 'export const a = 1;',
      'pkg/scripts/b.ts': 'export const b = 2;',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, files: ['root.ts'] }),
      'root.ts': 'export const r = 0;',
      'loose/c.ts': 'export const c = 3;',
    });
    const { workspace } = f;
    expect(workspace.projectFor(f.file('pkg/src/a.ts')).configPath).toBe(f.file('pkg/tsconfig.json'));
    expect(workspace.projectFor(f.file('root.ts')).configPath).toBe(f.file('tsconfig.json'));
    // Neither config includes these two: the inferred project of the workspace folder takes them.
    const inferred = workspace.projectFor(f.file('pkg/scripts/b.ts'));
    expect(inferred.configPath).toBeUndefined();
    expect(workspace.projectFor(f.file('loose/c.ts'))).toBe(inferred);
    expect(inferred.compilerOptions.strict).toBe(true);
  });

  it('loads a tsconfig with options TypeScript 6 deprecates, as rxjs has', () => {
    f = fixture({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, baseUrl: '.', moduleResolution: 'node', paths: { '@lib/*': ['lib/*'] } },
      }),
      'lib/util.ts': 'export const answer = 42;',
      'main.ts': "import { answer } from '@lib/util';\nexport const x: number = answer;",
    });
    const project = f.workspace.projectFor(f.file('main.ts'));
    expect(project.configErrors).toEqual([]);
    const { program, sourceFile } = f.workspace.snapshot(f.file('main.ts'));
    expect(program.getSemanticDiagnostics(sourceFile).map((d) => d.code)).toEqual([]);
    expect(program.getOptionsDiagnostics().map((d) => d.code)).toEqual([]);
  });

  it('reports the errors of a broken tsconfig and still loads the file', () => {
    f = fixture({
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "noSuchOption": 1 } }',
      'main.ts': 'export const x = 1;',
    });
    expect(f.workspace.projectFor(f.file('main.ts')).configErrors.map((d) => d.code)).toEqual([5023]);
    expect(f.workspace.snapshot(f.file('main.ts')).sourceFile.text).toBe('export const x = 1;');
  });

  it('keeps what parsed around a JSON syntax error in a tsconfig, and says where the error is', () => {
    f = fixture({
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "noImplicitReturns": true }, "include": ["src"] ',
      'src/main.ts': 'export const x = 1;',
    });
    const project = f.workspace.projectFor(f.file('src/main.ts'));
    expect(project.configPath).toBe(f.file('tsconfig.json'));
    expect(project.compilerOptions.noImplicitReturns).toBe(true);
    expect(project.configErrors.map(flattenMessage)).toEqual(["(1,88) '}' expected."]);
  });

  it('reports a tsconfig broken while the project is open', () => {
    const reported: string[] = [];
    f = fixture(
      { 'main.ts': 'export const x = 1;' },
      { configProblems: (config, messages) => reported.push(`${path.basename(config)}: ${messages.join()}`) },
    );
    f.workspace.snapshot(f.file('main.ts'));
    expect(reported).toEqual([]);
    writeFileSync(f.file('tsconfig.json'), '{ "compilerOptions": { "noSuchOption": true } }');
    f.workspace.fileChanged(f.file('tsconfig.json'));
    expect(reported).toEqual(["tsconfig.json: (1,24) Unknown compiler option 'noSuchOption'."]);
  });

  it('refuses a file that is not TypeScript or JavaScript', () => {
    f = fixture({ 'README.md': '# hi' });
    expect(() => f!.workspace.snapshot(f!.file('README.md'))).toThrow(/not a TypeScript or JavaScript file/);
  });
});

describe('documents and disk', () => {
  it('serves an open document from memory and disk files until a watcher invalidates them', () => {
    f = fixture({
      'dep.ts': 'export function make(): number { return 1; }',
      'main.ts': "import { make } from './dep';\nexport const v = make();",
    });
    const main = f.file('main.ts');
    const typeOfV = () => {
      const { checker, sourceFile } = f!.workspace.snapshot(main);
      const decl = sourceFile.statements[1] as import('typescript').VariableStatement;
      return checker.typeToString(checker.getTypeAtLocation(decl.declarationList.declarations[0].name));
    };
    expect(typeOfV()).toBe('number');
    f.workspace.open(main, "import { make } from './dep';\nexport const v = [make()];");
    expect(typeOfV()).toBe('number[]');
    writeFileSync(f.file('dep.ts'), 'export function make(): string { return ""; }');
    expect(typeOfV()).toBe('number[]');
    f.workspace.fileChanged(f.file('dep.ts'));
    expect(typeOfV()).toBe('string[]');
  });

  it('resolves an import again once the file it names exists, on disk or open', () => {
    f = fixture({ 'main.ts': "import { later } from './later';\nexport const v: number = later;" });
    const main = f.file('main.ts');
    const errors = (text: string) => {
      f!.workspace.change(main, text);
      const { program, sourceFile } = f!.workspace.snapshot(main);
      return program.getSemanticDiagnostics(sourceFile).map((d) => d.code);
    };
    expect(errors("import { later } from './later';\nexport const v: number = later;")).toEqual([2307]);
    writeFileSync(f.file('later.ts'), 'export const later = 1;');
    f.workspace.fileChanged(f.file('later.ts'));
    expect(errors("import { later } from './later';\nexport const v: number = later + 0;")).toEqual([]);
    expect(errors("import { draft } from './draft';\nexport const v: number = draft;")).toEqual([2307]);
    f.workspace.open(f.file('draft.ts'), 'export const draft = 2;');
    expect(errors("import { draft } from './draft';\nexport const v: number = draft + 0;")).toEqual([]);
  });

  it('moves an open file to a tsconfig created later', () => {
    f = fixture({ 'tsconfig.json': JSON.stringify({ files: [] }), 'sub/a.ts': 'export const a = 1;' });
    const file = f.file('sub/a.ts');
    f.workspace.open(file, 'export const a = 1;');
    expect(f.workspace.projectFor(file).configPath).toBeUndefined();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(f.file('sub/tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
    f.workspace.fileChanged(f.file('sub/tsconfig.json'));
    expect(f.workspace.projectFor(file).configPath).toBe(f.file('sub/tsconfig.json'));
  });
});

describe('paths', () => {
  it('are normalised as path.resolve does, already normal ones as they are', () => {
    const paths = [
      '/a/b.ts',
      '/a/./b.ts',
      '/a/../b.ts',
      '/a//b.ts',
      '/a/b/',
      '/',
      '/a/.b.ts',
      '/a/..b/c',
      '/a/b/..',
      'rel/x.ts',
      './x',
    ];
    expect(paths.map(normalizePath)).toEqual(paths.map((p) => path.resolve(p)));
  });
});

describe('speculative programs', () => {
  it('type-check other text without touching the real program', () => {
    f = fixture({ 'main.ts': 'export const n: number = 1;' });
    const base = f.workspace.snapshot(f.file('main.ts'));
    const spec = speculativeSnapshot(base, 'export const n: number = "one";');
    expect(spec.program.getSemanticDiagnostics(spec.sourceFile).map((d) => d.code)).toEqual([2322]);
    const again = f.workspace.snapshot(f.file('main.ts'));
    expect(again.program).toBe(base.program);
    expect(again.program.getSemanticDiagnostics(again.sourceFile)).toEqual([]);
    // Every other file is shared, so only the edited one was parsed again.
    const shared = spec.program.getSourceFiles().filter((sf) => sf !== spec.sourceFile);
    expect(shared.every((sf) => base.program.getSourceFile(sf.fileName) === sf)).toBe(true);
  });
});
