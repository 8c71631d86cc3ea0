import * as path from 'node:path';
import ts from 'typescript';
import { RenderedContext, renderContext, SECTION_ORDER, SectionName } from '../../server/src/prompt/render.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import type { BenchArgs } from './args.js';
import { Window, windowsOf } from './baselines.js';
import { ColdStart, coldStart } from './coldStart.js';
import { Corpus, loadCorpus } from './corpus.js';
import { measureSite, SiteTiming } from './measure.js';
import { Needed, neededDeclarations } from './needed.js';
import { PhaseProfiler, PhaseProfile } from './profile.js';
import { shownNames, shownPerBudget, TARGET_BUDGET } from './recall.js';
import { Site, SITE_KINDS, sampleSites, sitesOf, withHole } from './sites.js';
import { byKind, CorpusSummary, latencyOf, missesOf, recallOf, SiteResult, tokensOf } from './summary.js';

export interface CorpusRun {
  summary: CorpusSummary;
  sites: SiteResult[];
}

/** Samples the corpus' holes and measures latency, recall and tokens at each; then the cold start. */
export async function benchCorpus(dir: string, args: BenchArgs, log: (line: string) => void): Promise<CorpusRun> {
  const corpus = loadCorpus(dir);
  const workspace = new Workspace([corpus.folder]);
  try {
    const { files, program, checker } = loadProject(workspace, corpus);
    const perKind = Math.ceil((args.n + args.warmup) / SITE_KINDS.length);
    const sampled = sampleSites(files, perKind, args.seed);
    const warmup = sampled.slice(0, args.warmup);
    const measured = sampled.slice(args.warmup, args.warmup + args.n);
    log(`${corpus.name}: ${files.length} files, ${measured.length} sites (+${warmup.length} warm-up)`);
    const needed = measured.map((site) => neededDeclarations(site, checker, program));
    const originals = new Map(files.map((f) => [f.fileName, f.text]));
    const windows = files.flatMap((f) => windowsOf(f.fileName, f.text.split('\n')));

    warmup.forEach((site, i) => measureSite(workspace, site, originals.get(site.file)!, i % 2 === 1));
    const profiler = args.profile ? new PhaseProfiler() : undefined;
    await profiler?.start();
    const timings = measured.map((site, i) => {
      if (i % 50 === 0) log(`  site ${i}/${measured.length}`);
      return measureSite(workspace, site, originals.get(site.file)!, i % 2 === 1);
    });
    const profile = await profiler?.stop();

    const results = measured.map((site, i) => siteResult(site, timings[i], needed[i], originals.get(site.file)!, windows, corpus));
    const cold = args.coldStart ? coldStartAt(measured, program, corpus, log) : undefined;
    return { summary: summarize(corpus, files, results, profile, cold), sites: results };
  } finally {
    workspace.dispose();
    corpus.dispose();
  }
}

/** Recall and tokens of one measured site, next to its timings. */
function siteResult(site: Site, timing: SiteTiming, needed: Needed[], original: string, windows: Window[], corpus: Corpus): SiteResult {
  const line = site.node.getSourceFile().getLineAndCharacterOfPosition(site.start).line;
  const { context } = timing;
  const shown = shownPerBudget({ needed, context, lines: withHole(site, original).split('\n'), line, file: site.file, windows });
  const full = context && renderContext(context, Infinity);
  const shownAtTarget = new Set(shown.spackle[TARGET_BUDGET]);
  return {
    kind: site.kind,
    file: path.relative(corpus.root, site.file),
    line: line + 1,
    completionMs: timing.completionMs,
    contextMs: timing.contextMs,
    holeKind: context?.hole.kind,
    error: timing.error,
    needed,
    shown,
    missedAt1024: needed.filter((n) => !shownAtTarget.has(n.name)).map((n) => ({ name: n.name, uncutSection: full && sectionShowing(full, n) })),
    fullTokens: { ...(full?.sections ?? zeroSections()), total: full?.tokens ?? 0 },
  };
}

function coldStartAt(sites: Site[], program: ts.Program, corpus: Corpus, log: (line: string) => void): ColdStart {
  log('  cold start');
  // A member site: on the unchanged file the cursor before the member name is a hole too.
  const point = sites.find((s) => s.kind === 'member') ?? sites[0];
  const position = program.getSourceFile(point.file)!.getLineAndCharacterOfPosition(point.start);
  return coldStart({ file: point.file, line: position.line + 1, column: position.character + 1, offset: point.start }, corpus.tsconfig);
}

/** The corpus' program, and its own source files in it (no declaration files, nothing outside its root). */
function loadProject(workspace: Workspace, corpus: Corpus): { files: ts.SourceFile[]; program: ts.Program; checker: ts.TypeChecker } {
  const any = ts.sys.readDirectory(corpus.root, ['.ts'], undefined, ['**/*']).find((f) => !f.endsWith('.d.ts'));
  if (!any) throw new Error(`no TypeScript source under ${corpus.root}`);
  const { program, checker } = workspace.snapshot(any);
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && f.fileName.startsWith(corpus.root + '/'));
  return { files, program, checker };
}

function summarize(corpus: Corpus, files: ts.SourceFile[], results: SiteResult[], profile: PhaseProfile | undefined, cold: CorpusSummary['coldStart']): CorpusSummary {
  const available = Object.fromEntries(SITE_KINDS.map((k) => [k, 0]));
  for (const f of files) for (const s of sitesOf(f)) available[s.kind]++;
  const failed = results.filter((r) => r.error);
  return {
    name: corpus.name,
    root: corpus.root,
    tsconfig: corpus.tsconfig,
    files: files.length,
    sitesAvailable: available,
    errors: { count: failed.length, examples: [...new Set(failed.map((r) => r.error!))].slice(0, 5) },
    notExplicit: results.filter((r) => r.kind !== 'member' && r.holeKind === 'cursor').length,
    latency: latencyOf(results),
    latencyByKind: byKind(results, latencyOf),
    recall: recallOf(results),
    recallUnseen: recallOf(results, (n) => !n.seenNearby),
    recallByKind: byKind(results, recallOf),
    misses: missesOf(results),
    tokens: tokensOf(results),
    profile: profile && { sites: results.length, msPerSite: Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, v / results.length])) },
    coldStart: cold,
  };
}

function sectionShowing(rendered: RenderedContext, needed: Needed): SectionName | undefined {
  return SECTION_ORDER.find((section) => shownNames([needed], rendered.parts[section] ?? '').length > 0);
}

function zeroSections(): Record<SectionName, number> {
  return Object.fromEntries(SECTION_ORDER.map((k) => [k, 0])) as Record<SectionName, number>;
}
