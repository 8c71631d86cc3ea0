// Type-checks and bundles the VS Code extension and packages it as a .vsix:
//   node clients/vscode/scripts/package.mjs [--out FILE.vsix]
// The server bundle is built from the compiled server (bin/spackle.js over dist/, so `npm run build` first) and
// sits in dist/server/ with TypeScript's lib files, which TypeScript loads from beside the file that runs it.
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

const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? path.resolve(process.argv[outAt + 1]) : undefined;

if (!existsSync(path.join(REPO, 'dist/server/src/main.js'))) {
  console.error('package: the server is not built; run `npm run build` first');
  process.exit(1);
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(EXTENSION, 'tsconfig.json')], { stdio: 'inherit' });

rmSync(DIST, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', sourcemap: false };
await esbuild.build({ ...common, entryPoints: [path.join(EXTENSION, 'src/extension.ts')], outfile: path.join(DIST, 'extension.js'), external: ['vscode'] });
await esbuild.build({ ...common, entryPoints: [path.join(REPO, 'bin/spackle.js')], outfile: path.join(SERVER_DIST, 'spackle.js') });

const libs = path.dirname(require.resolve('typescript/lib/lib.d.ts'));
for (const name of readdirSync(libs).filter((n) => /^lib\..*\.d\.ts$|^lib\.d\.ts$/.test(n))) {
  cpSync(path.join(libs, name), path.join(SERVER_DIST, name));
}

await vsce.createVSIX({ cwd: EXTENSION, packagePath: out, dependencies: false, skipLicense: true, allowMissingRepository: true });
