import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { ContextOptions, holeContextAt } from '../../server/src/holes/context.js';
import type { HoleContext } from '../../server/src/holes/holeData.js';
import { silentLogger } from '../../server/src/log.js';
import { Workspace, WorkspaceEvents } from '../../server/src/workspace/workspace.js';
import type { Budget } from '../../server/src/budget.js';

/**
 * The one cursor marker of the tests: in a fixture file (removed when written, its offset remembered), or in the
 * text that names a position in a fixture with several (`offsetOf(file, 'role: Role = /*|*\/_()')`).
 */
export const CURSOR = '/*|*/';

/** `marked` without its cursor marker, and the marker's offset (undefined when it has none). */
export function withoutCursor(marked: string): { text: string; cursor?: number } {
  const at = marked.indexOf(CURSOR);
  return at < 0 ? { text: marked } : { text: marked.slice(0, at) + marked.slice(at + CURSOR.length), cursor: at };
}

export interface Fixture {
  dir: string;
  workspace: Workspace;
  /** Absolute path of a fixture file. */
  file(name: string): string;
  /** Offset of the cursor marker in `name` (the marker is removed from the file on disk). */
  cursor(name: string): number;
  /**
   * Offset of the first occurrence of `text` in `name` (after marker removal); where `text` holds the cursor marker,
   * the offset of the marker in it (`'to/*|*\/tal'` is the offset between `to` and `tal`).
   */
  offsetOf(name: string, text: string): number;
  text(name: string): string;
  dispose(): void;
}

/** The project's own packages (React's types among them), which a fixture may import. */
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export interface FixtureOptions {
  /** Link the project's node_modules into the fixture, so that its imports of installed packages resolve. */
  packages?: boolean;
}

const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    noEmit: true,
  },
});

/**
 * Writes files to a fresh directory (a strict tsconfig unless one is given) and opens a Workspace on it.
 * A file may hold one cursor marker `/*|*\/`; it is removed and its offset remembered.
 */
export function fixture(
  files: Record<string, string>,
  events: WorkspaceEvents = {},
  options: FixtureOptions = {},
): Fixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'spackle-'));
  if (options.packages) symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'junction');
  const cursors = new Map<string, number>();
  const texts = new Map<string, string>();
  const all = { 'tsconfig.json': STRICT_TSCONFIG, ...files };
  for (const [name, raw] of Object.entries(all)) {
    const { text, cursor } = withoutCursor(raw);
    if (cursor !== undefined) cursors.set(name, cursor);
    texts.set(name, text);
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  const workspace = new Workspace([dir], silentLogger, events);
  const text = (name: string) => {
    const t = texts.get(name);
    if (t === undefined) throw new Error(`no fixture file ${name}`);
    return t;
  };
  return {
    dir,
    workspace,
    file: (name) => path.join(dir, name).split(path.sep).join('/'),
    cursor(name) {
      const at = cursors.get(name);
      if (at === undefined) throw new Error(`no cursor marker in ${name}`);
      return at;
    },
    offsetOf(name, marked) {
      const needle = withoutCursor(marked);
      const at = text(name).indexOf(needle.text);
      if (at < 0) throw new Error(`${needle.text} not in ${name}`);
      return at + (needle.cursor ?? 0);
    },
    text,
    dispose() {
      workspace.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fixture disposed of when the running test finishes. */
export function useFixture(files: Record<string, string>): Fixture {
  const f = fixture(files);
  onTestFinished(() => f.dispose());
  return f;
}

/** One fixture for all tests of the enclosing `describe` (or file): building a program per test is slow. */
export function sharedFixture(files: Record<string, string>, options: FixtureOptions = {}): () => Fixture {
  let shared: Fixture | undefined;
  beforeAll(() => {
    shared = fixture(files, {}, options);
  });
  afterAll(() => shared?.dispose());
  return () => {
    if (!shared) throw new Error('sharedFixture is read before its beforeAll ran');
    return shared;
  };
}

/**
 * Where to ask for a hole: the cursor marker of `file` (default `main.ts`), or the first `at` text (at its cursor
 * marker, if it holds one: see `Fixture.offsetOf`).
 */
export interface HoleQuery {
  file?: string;
  at?: string;
  options?: ContextOptions;
  budget?: Budget;
}

export function contextIn(f: Fixture, { file = 'main.ts', at, options, budget }: HoleQuery = {}): HoleContext {
  const offset = at === undefined ? f.cursor(file) : f.offsetOf(file, at);
  return holeContextAt(f.workspace, f.file(file), offset, options, budget);
}

/** The context of one hole in a fixture of its own (disposed of with the test). */
export function contextOf(files: Record<string, string>, query: HoleQuery = {}): HoleContext & { fixture: Fixture } {
  const f = useFixture(files);
  return { ...contextIn(f, query), fixture: f };
}
