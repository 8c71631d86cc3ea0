import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../../bench/lib/corpus.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder with `files` (path → text) written in it. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spackle-corpus-test-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const PACKAGE = {
  'package.json': '{ "name": "lib" }',
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }',
  'src/a.ts': 'export const a = 1;',
  'src/tests/a.test.ts': 'export {};',
  'dist/a.d.ts': 'export declare const a: number;',
};

describe('a corpus loaded as a user has the project', () => {
  test('a package with a tsconfig is used in place', () => {
    const dir = folderWith(PACKAGE);
    const corpus = loadCorpus(path.join(dir, 'src'));
    expect(corpus.tsconfig).toBe(path.join(dir, 'tsconfig.json'));
    expect(corpus.root).toBe(path.join(dir, 'src'));
  });

  test('one installed under node_modules, as a clone: top-level files and the corpus folder, not its build', () => {
    const dir = folderWith(Object.fromEntries(Object.entries(PACKAGE).map(([f, t]) => [`node_modules/lib/${f}`, t])));
    const corpus = loadCorpus(path.join(dir, 'node_modules/lib/src'));
    made.push(corpus.folder);
    expect(corpus.folder).not.toContain('node_modules');
    expect(corpus.root).toBe(path.join(corpus.folder, 'src'));
    expect(readFileSync(corpus.tsconfig, 'utf8')).toBe(PACKAGE['tsconfig.json']);
    expect(existsSync(path.join(corpus.folder, 'package.json'))).toBe(true);
    expect(existsSync(path.join(corpus.root, 'a.ts'))).toBe(true);
    expect(existsSync(path.join(corpus.folder, 'dist'))).toBe(false);
    corpus.dispose();
    expect(existsSync(corpus.folder)).toBe(false);
  });

  test('one without a tsconfig: a strict copy without its tests', () => {
    const { 'tsconfig.json': _, ...untyped } = PACKAGE;
    const corpus = loadCorpus(path.join(folderWith(untyped), 'src'));
    made.push(corpus.folder);
    expect(JSON.parse(readFileSync(corpus.tsconfig, 'utf8')).compilerOptions.strict).toBe(true);
    expect(existsSync(path.join(corpus.root, 'a.ts'))).toBe(true);
    expect(existsSync(path.join(corpus.root, 'tests'))).toBe(false);
  });

  test('one installed without a tsconfig, in TSX: its sources and its dependencies beside it load as in place', () => {
    const dir = folderWith({
      'node_modules/dep/package.json': '{ "name": "dep", "types": "index.d.ts" }',
      'node_modules/dep/index.d.ts': 'export declare function label(n: number): string;',
      'node_modules/ui/package.json': '{ "name": "ui" }',
      'node_modules/ui/src/view.tsx':
        'import { label } from "dep";\nexport const view = (n: number) => <b>{label(n)}</b>;',
      'node_modules/ui/src/view.test.tsx': 'export {};',
      'node_modules/@types/react/index.d.ts': 'export {};',
      'node_modules/@types/react/jsx-runtime.d.ts':
        'export namespace JSX { interface IntrinsicElements { b: {} } type Element = {} }',
      'node_modules/@types/react/package.json': '{ "name": "@types/react", "types": "index.d.ts" }',
    });
    const corpus = loadCorpus(path.join(dir, 'node_modules/ui/src'));
    made.push(corpus.folder);
    expect(existsSync(path.join(corpus.root, 'view.test.tsx'))).toBe(false);
    const config = ts.getParsedCommandLineOfConfigFile(
      corpus.tsconfig,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    expect(config.fileNames).toEqual([path.join(corpus.root, 'view.tsx')]);
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual(
      [],
    );
    corpus.dispose();
    expect(existsSync(path.join(dir, 'node_modules/dep/index.d.ts'))).toBe(true);
  });
});
