/**
 * A corpus loaded in a workspace with its seeded sample of hole sites: the same sites for every bench run with the same
 * arguments, so that runs and benches compare.
 */
import ts from 'typescript';
import { Workspace } from '../../server/src/workspace/workspace.js';
import type { BenchArgs } from './args.js';
import { Corpus, loadCorpus } from './corpus.js';
import { Site, SiteKind, sampleSites, sitesOf } from './sites.js';

/** A corpus loaded in a workspace, with its seeded sample of hole sites. */
export interface SampledCorpus {
  corpus: Corpus;
  workspace: Workspace;
  /** The corpus' own source files (no declaration files, nothing outside its root). */
  files: ts.SourceFile[];
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Sites run first and not counted. */
  warmup: Site[];
  measured: Site[];
  /** Each file's original text, to restore after a site. */
  originals: Map<string, string>;
  /** Sites of each kind in the whole corpus. */
  sitesAvailable: Record<string, number>;
}

/** What every bench's summary says of its corpus. */
export interface CorpusHeader {
  name: string;
  root: string;
  tsconfig: string;
  files: number;
  /** Sites of each kind in the whole corpus. */
  sitesAvailable: Record<string, number>;
}

export function corpusHeader({ corpus, files, sitesAvailable }: SampledCorpus): CorpusHeader {
  return { name: corpus.name, root: corpus.root, tsconfig: corpus.tsconfig, files: files.length, sitesAvailable };
}

/**
 * Loads the corpus, samples `n + warmup` sites (the same for every bench with the same arguments), runs `bench` on
 * them and disposes of everything afterwards.
 */
export async function withSampledCorpus<T>(
  dir: string,
  args: BenchArgs,
  log: (line: string) => void,
  bench: (c: SampledCorpus) => Promise<T> | T,
): Promise<T> {
  const corpus = loadCorpus(dir);
  const workspace = new Workspace([corpus.folder]);
  try {
    const { files, program, checker } = loadProject(workspace, corpus);
    const perKind = Math.ceil((args.n + args.warmup) / args.kinds.length);
    const sampled = sampleSites(files, perKind, args.seed, args.kinds);
    const warmup = sampled.slice(0, args.warmup);
    const measured = sampled.slice(args.warmup, args.warmup + args.n);
    log(`${corpus.name}: ${files.length} files, ${measured.length} sites (+${warmup.length} warm-up)`);
    const originals = new Map(files.map((f) => [f.fileName, f.text]));
    const sampledCorpus = { corpus, workspace, files, program, checker, warmup, measured, originals };
    return await bench({ ...sampledCorpus, sitesAvailable: sitesAvailable(files, args.kinds) });
  } finally {
    workspace.dispose();
    corpus.dispose();
  }
}

function loadProject(
  workspace: Workspace,
  corpus: Corpus,
): { files: ts.SourceFile[]; program: ts.Program; checker: ts.TypeChecker } {
  const any = ts.sys.readDirectory(corpus.root, ['.ts', '.tsx'], undefined, ['**/*']).find((f) => !f.endsWith('.d.ts'));
  if (!any) throw new Error(`no TypeScript source under ${corpus.root}`);
  const { program, checker } = workspace.snapshot(any);
  const files = program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && f.fileName.startsWith(corpus.root + '/'));
  return { files, program, checker };
}

function sitesAvailable(files: readonly ts.SourceFile[], kinds: readonly SiteKind[]): Record<string, number> {
  const available = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (const f of files) for (const s of sitesOf(f, kinds)) available[s.kind]++;
  return available;
}
