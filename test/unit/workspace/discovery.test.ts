/**
 * Which config takes a file (workspace/discovery.ts), on the shapes tsserver handles: solution configs, references
 * in references, configs above the nearest, `extends` arrays and packages, jsconfig, files not saved yet or created
 * since, and the reason given when no config takes a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, Fixture } from '../../helpers/fixture.js';

let f: Fixture | undefined;
afterEach(() => f?.dispose());

const json = (value: unknown) => JSON.stringify(value);

/** The chain of configs (relative to the fixture) that leads to the file's project, or why none takes it. */
function chosen(fx: Fixture, file: string): string {
  const choice = fx.workspace.projectChoice(fx.file(file));
  const relative = (p: string) => path.relative(fx.dir, p);
  return choice.config !== undefined ? choice.chain.map(relative).join(' → ') : `inferred: ${choice.why}`;
}

describe('the project of a file', () => {
  it('is found through references of references, depth first in their order', () => {
    f = fixture({
      'tsconfig.json': json({ files: [], references: [{ path: './configs/tsconfig.web.json' }, { path: 'tools' }] }),
      'configs/tsconfig.web.json': json({ files: [], references: [{ path: '../web' }] }),
      'web/tsconfig.json': json({ compilerOptions: { strict: true }, include: ['**/*.ts'] }),
      'web/page.ts': 'export const page = 1;',
      'tools/tsconfig.json': json({ include: ['*.ts'] }),
      'tools/build.ts': 'export const build = 1;',
    });
    expect(chosen(f, 'web/page.ts')).toBe('web/tsconfig.json');
    expect(chosen(f, 'tools/build.ts')).toBe('tools/tsconfig.json');
    f.workspace.open(f.file('web/sub/new.ts'), 'export const fresh = 1;');
    expect(chosen(f, 'web/sub/new.ts')).toBe('web/tsconfig.json');
  });

  it('follows a solution config above the nearest one when that one does not take the file', () => {
    f = fixture({
      'tsconfig.json': json({ files: [], references: [{ path: './tsconfig.lib.json' }] }),
      'tsconfig.lib.json': json({ include: ['src'] }),
      'src/tsconfig.json': json({ include: ['generated'] }),
      'src/lib.ts': 'export const lib = 1;',
    });
    expect(chosen(f, 'src/lib.ts')).toBe('tsconfig.json → tsconfig.lib.json');
  });

  it('reads extends arrays and configs from packages, nearest option last', () => {
    f = fixture({
      'node_modules/@tsconfig/base/tsconfig.json': json({
        compilerOptions: { strict: false, noImplicitReturns: true },
      }),
      'node_modules/@tsconfig/base/package.json': json({ name: '@tsconfig/base', version: '1.0.0' }),
      'tsconfig.strict.json': json({ compilerOptions: { strict: true } }),
      'tsconfig.json': json({ extends: ['@tsconfig/base/tsconfig.json', './tsconfig.strict.json'], include: ['*.ts'] }),
      'main.ts': 'export function f(x: number) { if (x) return 1; }',
    });
    const project = f.workspace.projectFor(f.file('main.ts'));
    expect(project.compilerOptions.strict).toBe(true);
    expect(project.compilerOptions.noImplicitReturns).toBe(true);
    expect(project.configSources.map((s) => path.relative(f!.dir, s))).toEqual([
      'tsconfig.json',
      'node_modules/@tsconfig/base/tsconfig.json',
      'tsconfig.strict.json',
    ]);
    // An option of an extended config changed: the project reads it again.
    writeFileSync(
      f.file('tsconfig.strict.json'),
      json({ compilerOptions: { strict: true, noImplicitReturns: false } }),
    );
    f.workspace.fileChanged(f.file('tsconfig.strict.json'));
    expect(f.workspace.projectFor(f.file('main.ts')).compilerOptions.noImplicitReturns).toBe(false);
  });

  it('is a jsconfig for JavaScript, which it allows without saying so', () => {
    f = fixture({
      'tsconfig.json': json({ files: [] }),
      'app/jsconfig.json': json({ compilerOptions: { checkJs: false }, include: ['src'] }),
      'app/src/deep/util.js': 'export const util = 1;',
    });
    expect(chosen(f, 'app/src/deep/util.js')).toBe('app/jsconfig.json');
  });

  it('takes a file created on disk once the watcher tells, as the include matches it', () => {
    f = fixture({ 'tsconfig.json': json({ include: ['src'] }), 'src/a.ts': 'export const a = 1;' });
    f.workspace.snapshot(f.file('src/a.ts'));
    mkdirSync(f.file('src/later'));
    writeFileSync(f.file('src/later/b.ts'), 'export const b = 2;');
    f.workspace.fileChanged(f.file('src/later/b.ts'), 'created');
    expect(chosen(f, 'src/later/b.ts')).toBe('tsconfig.json');
    expect(f.workspace.snapshot(f.file('src/a.ts')).program.getSourceFile(f.file('src/later/b.ts'))).toBeDefined();
  });

  it('goes to an inferred project with the reason the nearest config gives', () => {
    f = fixture({
      'tsconfig.json': json({ include: ['src'], exclude: ['src/**/*.spec.ts'] }),
      'src/a.spec.ts': 'export const spec = 1;',
      'scripts/seed.ts': 'export const seed = 1;',
      'src/legacy.js': 'export const legacy = 1;',
      'lib/tsconfig.json': json({ files: ['index.ts'] }),
      'lib/other.ts': 'export const other = 1;',
    });
    expect(chosen(f, 'src/a.spec.ts')).toBe('inferred: its "exclude" leaves it out');
    expect(chosen(f, 'scripts/seed.ts')).toBe('inferred: its "include" ("src") does not match it');
    expect(chosen(f, 'src/legacy.js')).toBe('inferred: it does not allow JavaScript (allowJs or checkJs)');
    expect(chosen(f, 'lib/other.ts')).toBe('inferred: its "files" do not name it');
  });
});
