import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';
import type { CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { beforeAll, describe, expect, test } from 'vitest';
import { sharedFixture } from '../helpers/fixture.js';
import { INSTALL_TIMEOUT_MS, InstalledPackage, installedPackage } from '../helpers/installedPackage.js';
import { REPO } from '../helpers/lspClient.js';
import { installedSpackle, lineCol } from '../helpers/cliRun.js';
import { errorsWith, FILL_PROJECT, openSpot, Spot, SPOTS, UNHURRIED, UNHURRIED_FILL } from '../helpers/fillProject.js';
import { serveProject } from '../helpers/shop.js';
import { typeErrors } from '../helpers/typeCheck.js';

const { version, dependencies } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** What the tarball may hold: what runs, the protocol types, the editor clients, the example project, the docs. */
const SHIPPED = new RegExp(
  '^package/(' +
    [
      'package\\.json',
      'README\\.md',
      'LICENSE',
      'bin/spackle\\.js',
      'dist/server/src/.+\\.js',
      'dist/protocol/index\\.(js|d\\.ts)',
      'clients/neovim/lua/spackle/\\w+\\.lua',
      'clients/emacs/spackle\\.el',
      'examples/(tsconfig\\.json|src/\\w+\\.ts)',
    ].join('|') +
    ')$',
);

/** The modules a compiled file loads: `require("x")` and `import('x')`. */
function loadedModules(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\b(?:require|import)\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
}

/** The package a bare specifier names: `vscode-languageserver` of `vscode-languageserver/node`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Why `specifier`, loaded by `file` of the package at `root`, would not load there; undefined if it would. */
function unresolvable(root: string, file: string, specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  const bare = !specifier.startsWith('.');
  if (bare && !(packageOf(specifier) in dependencies)) return `${specifier} is no runtime dependency`;
  try {
    const resolved = createRequire(path.join(root, file)).resolve(specifier);
    if (!resolved.startsWith(root + path.sep)) return `${specifier} resolves outside the package, to ${resolved}`;
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

describe('the package, packed and installed as users install it (npm install -g of the tarball)', () => {
  let installed: InstalledPackage;
  let entries: string[];
  beforeAll(async () => {
    installed = await installedPackage();
    entries = execFileSync('tar', ['-tzf', installed.tarball], { encoding: 'utf8' }).trim().split('\n');
  }, INSTALL_TIMEOUT_MS);
  const project = sharedFixture(FILL_PROJECT);
  const at = (where: Spot) => {
    const offset = project().offsetOf(where.file, where.around);
    return `${where.file}:${lineCol(project().text(where.file), offset)}`;
  };

  test(
    'the tarball holds what runs, the protocol types, the editor clients, the example project, README and ' +
      'LICENSE; no sources, tests, benchmarks or fixtures',
    () => {
      expect(entries.filter((entry) => !SHIPPED.test(entry))).toEqual([]);
      expect(entries).toEqual(
        expect.arrayContaining([
          'package/bin/spackle.js',
          'package/dist/server/src/main.js',
          'package/dist/protocol/index.d.ts',
          'package/clients/neovim/lua/spackle/init.lua',
          'package/clients/emacs/spackle.el',
          'package/examples/tsconfig.json',
          'package/LICENSE',
        ]),
      );
      // Built from the sources alone: no output of a source that is gone.
      const sources = entries
        .filter((e) => e.startsWith('package/dist/'))
        .map((e) => e.replace(/^package\/dist\//, '').replace(/(\.d\.ts|\.js)$/, '.ts'));
      expect(sources.filter((source) => !existsSync(path.join(REPO, source)))).toEqual([]);
    },
  );

  test("spackle is the installed package's bin, and --version prints the package's version", async () => {
    expect(realpathSync(installed.bin)).toBe(path.join(realpathSync(installed.root), 'bin/spackle.js'));
    const run = await installedSpackle(installed, ['--version'], project().dir);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test(
    "every module the shipped code loads resolves inside the installed package: to its own files, Node's " +
      'modules or a runtime dependency',
    () => {
      const root = realpathSync(installed.root);
      const compiled = readdirSync(path.join(root, 'dist'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => path.join('dist', file));
      expect(compiled).toContain(path.join('dist/server/src/main.js'));
      const problems = ['bin/spackle.js', ...compiled].flatMap((file) =>
        loadedModules(path.join(root, file))
          .map((specifier) => unresolvable(root, file, specifier))
          .filter(Boolean)
          .map((problem) => `${file}: ${problem}`),
      );
      expect(problems).toEqual([]);
    },
  );

  test(
    'spackle context and spackle fill FILE:LINE:COL, run in a project, answer with its types and a fill that ' +
      'type-checks',
    async () => {
      const deadline = String(UNHURRIED_FILL.deadlineMs);
      const [context, fill] = await Promise.all([
        installedSpackle(installed, ['context', at(SPOTS.explicit), '--json'], project().dir),
        installedSpackle(installed, ['fill', at(SPOTS.prefix), '--deadline', deadline, '--json'], project().dir),
      ]);
      expect(context).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(context.stdout)).toMatchObject({ expectedType: { text: 'User' } });

      expect(fill).toMatchObject({ code: 0, stderr: '' });
      const { hole, fills } = JSON.parse(fill.stdout);
      expect(fills[0]).toMatchObject({ text: 'guest', type: 'User', verified: true });
      const text = project().text(SPOTS.prefix.file);
      const filled = text.slice(0, hole.start) + fills[0].text + text.slice(hole.end);
      expect(filled).toBe(text.replace('label(gu)', 'label(guest)'));
      expect(typeErrors(project().dir, project().file(SPOTS.prefix.file), filled)).toEqual([]);
    },
  );

  test('spackle doctor FILE names the package version, the TypeScript installed with it, the file config', async () => {
    const run = await installedSpackle(installed, ['doctor', SPOTS.explicit.file, '--json'], project().dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const typescriptManifest = path.join(installed.root, 'node_modules/typescript/package.json');
    const typescript = JSON.parse(readFileSync(typescriptManifest, 'utf8'));
    expect(JSON.parse(run.stdout)).toMatchObject({
      spackle: version,
      typescript: typescript.version,
      projects: [{ config: project().file('tsconfig.json') }],
      warnings: [],
    });
  });

  test('spackle demo runs on the example project the package ships', async () => {
    const run = await installedSpackle(installed, ['demo'], project().dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/\n\d+ holes in 3 files of .*examples\n$/);
  });

  test(
    "spackle --stdio serves LSP: initialize names it under the package's version, and completion at a hole " +
      'offers the fill that type-checks',
    async () => {
      const served = await serveProject(FILL_PROJECT, { ...UNHURRIED, command: [installed.bin, '--stdio'] });
      try {
        const { serverInfo, capabilities } = served.client.initializeResult;
        expect(serverInfo).toEqual({ name: 'spackle', version });
        expect(capabilities.completionProvider).toBeDefined();
        const params = await openSpot(served, SPOTS.explicit);
        const completion = await served.client.request<CompletionList>('textDocument/completion', {
          ...params,
          context: { triggerKind: 1 },
        });
        const edit = completion.items[0].textEdit as TextEdit;
        expect(edit.newText).toBe('guest');
        expect(errorsWith(served, params.textDocument.uri, [edit])).toEqual([]);
      } finally {
        await served.dispose();
      }
    },
  );

  test(
    '`spackle/protocol` resolves, for Node and for TypeScript, to the protocol module and types the package ' + 'ships',
    () => {
      const client = path.join(installed.prefix, 'lib/node_modules/client.ts');
      const root = realpathSync(installed.root);
      const module = createRequire(client).resolve('spackle/protocol');
      expect(realpathSync(module)).toBe(path.join(root, 'dist/protocol/index.js'));
      const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
      const types = ts.resolveModuleName('spackle/protocol', client, options, ts.sys).resolvedModule?.resolvedFileName;
      expect(types && realpathSync(types)).toBe(path.join(root, 'dist/protocol/index.d.ts'));
    },
  );
});
