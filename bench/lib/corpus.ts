/**
 * A corpus (a project to sample holes from) loaded the way an editor would load it: its own tsconfig when it has one,
 * else a copy without tests under a strict ES2022 tsconfig whose package imports resolve as they do in place.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { normalizePath } from '../../server/src/workspace/tsconfig.js';

/** A project to sample holes from, loaded the way an editor would load it. */
export interface Corpus {
  name: string;
  /** Files under this folder are sampled. */
  root: string;
  /** The workspace folder: where the project's tsconfig.json is. */
  folder: string;
  tsconfig: string;
  dispose(): void;
}

/** What a corpus without a tsconfig gets: strict, ES2022 (default libs of that target, DOM included), TSX as React's
 * automatic runtime compiles it. */
const STRICT_ES2022 = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    types: [],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['**/*.ts', '**/*.tsx'],
};

const TEST_DIRS = new Set(['tests', '__tests__']);

/**
 * The corpus at `dir`: its own tsconfig.json (at or above `dir`, within its package) when it has one — rxjs/src is
 * covered by rxjs/tsconfig.json — else a copy without tests in a temp folder with a strict ES2022 tsconfig (zod),
 * whose imports of packages resolve as they do where `dir` is (`linkDependencies`).
 * A package installed under node_modules is loaded as a clone of its repository would be (`asClone`).
 */
export function loadCorpus(dir: string): Corpus {
  const root = normalizePath(dir);
  const packageRoot = nearestPackageRoot(root);
  const name = packageName(packageRoot) ?? path.basename(root);
  const tsconfig = tsconfigWithin(root, packageRoot);
  if (tsconfig && packageRoot && isInstalled(root)) return asClone(name, root, packageRoot, tsconfig);
  if (tsconfig) return { name, root, folder: path.dirname(tsconfig), tsconfig, dispose() {} };

  const copy = tempFolder(name);
  cpSync(root, copy, { recursive: true, filter: (source) => !isTestPath(source) });
  const copyConfig = path.join(copy, 'tsconfig.json');
  writeFileSync(copyConfig, JSON.stringify(STRICT_ES2022, null, 2));
  linkDependencies(root, copy);
  return {
    name,
    root: copy,
    folder: copy,
    tsconfig: normalizePath(copyConfig),
    dispose: () => rmSync(copy, { recursive: true, force: true }),
  };
}

/**
 * An installed package with its own tsconfig, as its repository's clone has it: the package's top-level files
 * (package.json, tsconfigs) and the corpus folder, in a temp folder, same layout. What a project a user edits does
 * not have is left behind: the package's build (rxjs ships 250 .d.ts in dist/, which its tsconfig, written for the
 * repository, takes in) and the node_modules path (under it TypeScript looks up the package.json scope of every
 * file, at every program).
 */
function asClone(name: string, root: string, packageRoot: string, tsconfig: string): Corpus {
  const copy = tempFolder(name);
  for (const entry of readdirSync(packageRoot, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json'))
      cpSync(path.join(packageRoot, entry.name), path.join(copy, entry.name));
  }
  const inCopy = (p: string) => normalizePath(path.join(copy, path.relative(packageRoot, p)));
  cpSync(root, inCopy(root), { recursive: true });
  if (!existsSync(inCopy(tsconfig))) cpSync(tsconfig, inCopy(tsconfig));
  return {
    name,
    root: inCopy(root),
    folder: path.dirname(inCopy(tsconfig)),
    tsconfig: inCopy(tsconfig),
    dispose: () => rmSync(copy, { recursive: true, force: true }),
  };
}

/**
 * A `node_modules` in the copy that is the one above `dir`, as a clone has its dependencies installed: an installed
 * package's (@tanstack/react-router imports react and @tanstack/router-core) are beside it.
 */
function linkDependencies(dir: string, copy: string): void {
  for (let current = path.dirname(dir); path.dirname(current) !== current; current = path.dirname(current)) {
    const nodeModules = path.basename(current) === 'node_modules' ? current : path.join(current, 'node_modules');
    if (existsSync(nodeModules)) return symlinkSync(nodeModules, path.join(copy, 'node_modules'), 'dir');
  }
}

function tempFolder(name: string): string {
  return normalizePath(mkdtempSync(path.join(tmpdir(), `spackle-bench-${name.replace(/[^\w.-]/g, '_')}-`)));
}

function isInstalled(dir: string): boolean {
  return dir.split('/').includes('node_modules');
}

function isTestPath(file: string): boolean {
  return TEST_DIRS.has(path.basename(file)) || /\.test\.tsx?$/.test(file);
}

function tsconfigWithin(dir: string, ceiling: string | undefined): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return normalizePath(candidate);
    if (!ceiling || current === ceiling || path.dirname(current) === current) return undefined;
  }
}

function nearestPackageRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function packageName(packageRoot: string | undefined): string | undefined {
  if (!packageRoot) return undefined;
  const json = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { name?: string };
  return json.name;
}
