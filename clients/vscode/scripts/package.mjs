// Type-checks and bundles the VS Code extension and packages it as a .vsix:
//   node clients/vscode/scripts/package.mjs [--out FILE.vsix] [--server DIR]
// The server bundle is built from a compiled server: this checkout's (bin/spackle.js over dist/, so
// `npm run build:package` first), or with --server the Spackle package installed in DIR (what npm ships). It sits in
// dist/server/ with that server's TypeScript lib files, which TypeScript loads from beside the file that runs it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const vsce = require('@vscode/vsce');

const EXTENSION = path.resolve(fileURLToPath(import.meta.url), '../..');
const REPO = path.resolve(EXTENSION, '../..');
const DIST = path.join(EXTENSION, 'dist');
const SERVER_DIST = path.join(DIST, 'server');

/** The value of a `--name VALUE` option, as a path; undefined when it is not given. */
function pathOption(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? path.resolve(process.argv[at + 1]) : undefined;
}
const out = pathOption('--out');
const server = pathOption('--server') ?? REPO;

if (!existsSync(path.join(server, 'dist/server/src/main.js'))) {
  console.error(`package: the server in ${server} is not built; run \`npm run build:package\` first`);
  process.exit(1);
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(EXTENSION, 'tsconfig.json')], {
  stdio: 'inherit',
});

rmSync(DIST, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  sourcemap: false,
};
await esbuild.build({
  ...common,
  entryPoints: [path.join(EXTENSION, 'src/extension.ts')],
  outfile: path.join(DIST, 'extension.js'),
  external: ['vscode'],
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(server, 'bin/spackle.js')],
  outfile: path.join(SERVER_DIST, 'spackle.js'),
});

const libs = path.dirname(createRequire(path.join(server, 'package.json')).resolve('typescript/lib/lib.d.ts'));
for (const name of readdirSync(libs).filter((n) => /^lib\..*\.d\.ts$|^lib\.d\.ts$/.test(n))) {
  cpSync(path.join(libs, name), path.join(SERVER_DIST, name));
}

await vsce.createVSIX({
  cwd: EXTENSION,
  packagePath: out,
  dependencies: false,
  skipLicense: true,
  allowMissingRepository: true,
});
