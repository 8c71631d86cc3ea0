/**
 * The context bench on one corpus: at each sampled hole, the latency of the hole context against tsserver's completion,
 * the recall of the needed declarations against the baselines, and tokens per section; then the cold start.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { RenderedContext, renderContext, SECTION_ORDER, SectionName } from '../../server/src/prompt/render.js';
import type { BenchArgs } from './args.js';
import { Window, windowsOf } from './baselines.js';
import { ColdStart, coldStart } from './coldStart.js';
import type { Corpus } from './corpus.js';
import { measureSite, SiteTiming } from './measure.js';
import { Needed, neededDeclarations } from './needed.js';
import { CONTEXT_PHASES } from './phases.js';
import { measureSites } from './measureSites.js';
import { perSite, PhaseProfile } from './profile.js';
import type { Log } from './runBench.js';
import { shownNames, shownPerBudget, TARGET_BUDGET } from './recall.js';
import { corpusHeader, CorpusHeader, withSampledCorpus } from './sampledCorpus.js';
import { Site, withHole } from './sites.js';
import { byKind, CorpusSummary, latencyOf, missesOf, recallOf, SiteResult, tokensOf } from './summary.js';

export interface CorpusRun {
  summary: CorpusSummary;
  sites: SiteResult[];
}

export interface ContextArgs extends BenchArgs {
  /** Sample a CPU profile of holeContextAt and attribute its time to phases. */
  profile: boolean;
  /** Time a fresh process against tsc --noEmit (off for quick runs). */
  coldStart: boolean;
}

/** Samples the corpus' holes and measures latency, recall and tokens at each; then the cold start. */
export function benchCorpus(dir: string, args: ContextArgs, log: Log): Promise<CorpusRun> {
  return withSampledCorpus(dir, args, log, async (sampled) => {
    const { corpus, workspace, files, program, checker, measured, originals } = sampled;
    const needed = measured.map((site) => neededDeclarations(site, checker, program));
    const windows = files.flatMap((f) => windowsOf(f.fileName, f.text.split('\n')));
    const measure = (site: Site, i: number) => measureSite(workspace, site, originals.get(site.file)!, i % 2 === 1);
    const { timings, profile } = await measureSites(sampled, measure, log, args.profile ? CONTEXT_PHASES : undefined);

    const results = measured.map((site, i) =>
      siteResult(site, timings[i], needed[i], originals.get(site.file)!, windows, corpus),
    );
    const cold = args.coldStart ? coldStartAt(measured, program, corpus, log) : undefined;
    return { summary: summarize(corpusHeader(sampled), results, profile, cold), sites: results };
  });
}

/** Recall and tokens of one measured site, next to its timings. */
function siteResult(
  site: Site,
  timing: SiteTiming,
  needed: Needed[],
  original: string,
  windows: Window[],
  corpus: Corpus,
): SiteResult {
  const line = site.node.getSourceFile().getLineAndCharacterOfPosition(site.start).line;
  const { context } = timing;
  const shown = shownPerBudget({
    needed,
    context,
    lines: withHole(site, original).split('\n'),
    line,
    file: site.file,
    windows,
  });
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
    missedAt1024: needed
      .filter((n) => !shownAtTarget.has(n.name))
      .map((n) => ({ name: n.name, uncutSection: full && sectionShowing(full, n) })),
    fullTokens: { ...(full?.sections ?? zeroSections()), total: full?.tokens ?? 0 },
  };
}

function coldStartAt(sites: Site[], program: ts.Program, corpus: Corpus, log: (line: string) => void): ColdStart {
  log('  cold start');
  // A member site: on the unchanged file the cursor before the member name is a hole too.
  const point = sites.find((s) => s.kind === 'member') ?? sites[0];
  const position = program.getSourceFile(point.file)!.getLineAndCharacterOfPosition(point.start);
  return coldStart(
    { file: point.file, line: position.line + 1, column: position.character + 1, offset: point.start },
    corpus.tsconfig,
  );
}

function summarize(
  header: CorpusHeader,
  results: SiteResult[],
  profile: PhaseProfile | undefined,
  cold: CorpusSummary['coldStart'],
): CorpusSummary {
  const failed = results.filter((r) => r.error);
  return {
    ...header,
    errors: { count: failed.length, examples: [...new Set(failed.map((r) => r.error!))].slice(0, 5) },
    notExplicit: results.filter((r) => r.kind !== 'member' && r.holeKind === 'cursor').length,
    latency: latencyOf(results),
    latencyByKind: byKind(results, latencyOf),
    recall: recallOf(results),
    recallUnseen: recallOf(results, (n) => !n.seenNearby),
    recallByKind: byKind(results, recallOf),
    misses: missesOf(results),
    tokens: tokensOf(results),
    profile: profile && perSite(profile, results.length),
    coldStart: cold,
  };
}

function sectionShowing(rendered: RenderedContext, needed: Needed): SectionName | undefined {
  return SECTION_ORDER.find((section) => shownNames([needed], rendered.parts[section] ?? '').length > 0);
}

function zeroSections(): Record<SectionName, number> {
  return Object.fromEntries(SECTION_ORDER.map((k) => [k, 0])) as Record<SectionName, number>;
}
