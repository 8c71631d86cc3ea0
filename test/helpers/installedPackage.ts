/**
 * Spackle as users get it: this checkout packed by `npm pack` (its prepack build included) and installed from the
 * tarball with `npm install --global --prefix` into a prefix of its own, the npm registry supplying its dependencies.
 *
 * The tests that run the installed `spackle` share one installation: it is made once per content of the package's
 * sources, in a cache under the temp dir that later runs reuse while those sources are unchanged, and a lock lets one
 * test process make it while the others wait. The package is packed from a copy of its sources, so that the prepack
 * build never touches the dist/ that other tests are running.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO } from './lspClient.js';

export interface InstalledPackage {
  /** The tarball `npm pack` made. */
  tarball: string;
  /** The npm prefix it is installed into. */
  prefix: string;
  /** The `spackle` command npm linked into the prefix's bin directory. */
  bin: string;
  /** The installed package's directory. */
  root: string;
  /** The environment of a user who installed it: the prefix's bin directory first on PATH, then this Node's. */
  env: NodeJS.ProcessEnv;
}

/** How long packing (a build) and installing (dependencies from the registry) may take on a busy machine. */
export const INSTALL_TIMEOUT_MS = 600_000;

const CACHE = path.join(tmpdir(), `spackle-package-${hash([REPO]).slice(0, 12)}`);
const LOCK = `${CACHE}.lock`;
const READY = path.join(CACHE, 'ready.json');
/** A lock older than this whose holder cannot be told is abandoned (a pack and an install take well under it). */
const STALE_LOCK_MS = INSTALL_TIMEOUT_MS;

let installing: Promise<InstalledPackage> | undefined;

/** The installed package for this checkout's current sources; packed and installed on first use. */
export function installedPackage(): Promise<InstalledPackage> {
  installing ??= locked(async () => {
    const sources = packageSources();
    // The sources and the compiler that builds them (the lockfile pins it).
    const key = hash([...sources, 'package-lock.json'].flatMap((file) => [file, readFileSync(path.join(REPO, file))]));
    const ready: { key: string; tarball: string } | undefined = existsSync(READY)
      ? JSON.parse(readFileSync(READY, 'utf8'))
      : undefined;
    if (ready?.key === key) return installation(ready.tarball);
    rmSync(CACHE, { recursive: true, force: true });
    const tarball = await packAndInstall(sources);
    writeFileSync(READY, JSON.stringify({ key, tarball }));
    return installation(tarball);
  });
  return installing;
}

function installation(tarball: string): InstalledPackage {
  const prefix = path.join(CACHE, 'prefix');
  const bin = path.join(prefix, 'bin', 'spackle');
  const PATH = [path.dirname(bin), path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  return { tarball, prefix, bin, root: path.join(prefix, 'lib/node_modules/spackle'), env: { ...npmFreeEnv(), PATH } };
}

/**
 * The checkout's files the tarball is made from: what `files` in package.json names outside dist/, what the build
 * (tsconfig.build.json and the configs it extends) compiles into dist/, and the files npm always packs.
 */
function packageSources(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { files: string[] };
  const roots = ['package.json', 'README.md', 'LICENSE', ...buildConfigs('tsconfig.build.json')];
  roots.push(...manifest.files.filter((entry) => !entry.startsWith('!') && !entry.startsWith('dist/')));
  const files = roots.flatMap((root) => {
    const full = path.join(REPO, root);
    if (!statSync(full).isDirectory()) return [path.normalize(root)];
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)));
  });
  return [...new Set(files)].sort();
}

/** A build config, the configs it extends and the folders it includes, relative to the checkout. */
function buildConfigs(config: string): string[] {
  const { config: json, error } = ts.readConfigFile(path.join(REPO, config), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const base: string[] = json.extends ? buildConfigs(path.join(path.dirname(config), json.extends)) : [];
  return [config, ...base, ...(json.include ?? []).map((folder: string) => path.join(path.dirname(config), folder))];
}

/** Packs a copy of `sources` (its prepack script builds it) into the cache and installs the tarball there. */
async function packAndInstall(sources: string[]): Promise<string> {
  const copy = path.join(CACHE, 'source');
  for (const file of sources) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(copy, file));
  }
  // The build's compiler and types, as a clone has them after `npm ci`.
  symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  await npm(['pack', '--pack-destination', CACHE], copy);
  const { name, version } = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8'));
  const tarball = path.join(CACHE, `${name}-${version}.tgz`);
  await npm(['install', '--global', '--prefix', path.join(CACHE, 'prefix'), '--no-audit', '--no-fund', tarball], CACHE);
  rmSync(copy, { recursive: true, force: true });
  return tarball;
}

function npm(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const options = { cwd, env: npmFreeEnv(), timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 << 20 };
    execFile('npm', args, options, (error, stdout, stderr) => {
      if (error) reject(new Error(`npm ${args.join(' ')} failed in ${cwd}: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

/**
 * This process's environment without what the `npm test` around it set for its own package (its prefix, package and
 * lifecycle), which would point the npm commands run here at this checkout instead of their own directory.
 */
function npmFreeEnv(): NodeJS.ProcessEnv {
  const own = /^npm_(?!config_)|^npm_config_(local_|global_)?prefix$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !own.test(name)));
}

/** Runs `work` while holding the cache's lock (a directory only one process can create); waits for it meanwhile. */
async function locked<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (abandoned()) rmSync(LOCK, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Whether the lock's holder has died without releasing it. */
function abandoned(): boolean {
  try {
    const pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    // No pid yet (the holder has just made the lock), or one we may not signal: only age tells.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS;
    } catch {
      return false;
    }
  }
}

function hash(parts: Array<string | Buffer>): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
}
