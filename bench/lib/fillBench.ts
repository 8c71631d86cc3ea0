/**
 * The fill bench on one corpus: the embedded engine's top 5 at each sampled hole against the removed expression and
 * tsserver's first completion, every fill re-checked in a fresh program, latency per hole; then the first fill after
 * opening a file (firstFill.ts).
 */
import * as path from 'node:path';
import { typedHole } from '../../server/src/holes/speculate.js';
import type { Hole } from '../../server/src/holes/holeData.js';
import type { BenchArgs } from './args.js';
import type { Corpus } from './corpus.js';
import { checkFills } from './fillCheck.js';
import { FillTiming, measureFill } from './fillMeasure.js';
import { FirstFillSummary, measureFirstFills } from './firstFill.js';
import { firstIdentifier, matchesUpToHoles, sameTokens } from './fillScore.js';
import { FillMetrics, fillMetrics, FillSiteResult } from './fillSummary.js';
import { FreshChecker } from './freshCheck.js';
import { FILL_PHASES } from './phases.js';
import { measureSites } from './measureSites.js';
import { perSite, SiteProfile } from './profile.js';
import type { Log } from './runBench.js';
import { corpusHeader, CorpusHeader, withSampledCorpus } from './sampledCorpus.js';
import { Site, withHole } from './sites.js';
import { median, summarizeBy } from './stats.js';
import { truthShape } from './truthShape.js';

export interface FillArgs extends BenchArgs {
  /** fillHole's deadline, as the server passes it. */
  deadlineMs: number;
  /** Sample a CPU profile of fillHole and attribute its time to phases. */
  profile: boolean;
  /** Times each site is measured (both engines); its latency is the median, its fills those of the first run. On a
   * shared machine one run per site catches its spikes. */
  repeat: number;
  /** Sites at which the first fill after opening the file is measured (each loads the project afresh). */
  first: number;
}

export interface FillCorpusSummary extends CorpusHeader {
  deadlineMs: number;
  repeat: number;
  overall: FillMetrics;
  byKind: Record<string, FillMetrics>;
  byShape: Record<string, FillMetrics>;
  errors: { count: number; examples: string[] };
  /** Every returned fill that does not type-check in the fresh program. */
  typeErrors: Array<{ site: string; kind: string; truth: string; fill: string; added: string[] }>;
  /** Minutes of the corpus' run: measuring (timed) and the fresh-program checks (untimed). */
  minutes: { measure: number; check: number };
  profile?: SiteProfile;
  firstFill?: FirstFillSummary;
}

export interface FillRun {
  summary: FillCorpusSummary;
  sites: FillSiteResult[];
}

/** Asks fillHole for the top 5 at each sampled site, next to tsserver's completion, and judges the fills. */
export function benchFillCorpus(dir: string, args: FillArgs, log: Log): Promise<FillRun> {
  return withSampledCorpus(dir, args, log, async (sampled) => {
    const { corpus, workspace, program, measured, originals } = sampled;
    const measure = (site: Site, i: number) =>
      medianOfRuns(
        Array.from({ length: args.repeat }, (_, r) =>
          measureFill(workspace, site, originals.get(site.file)!, args.deadlineMs, (i + r) % 2 === 1),
        ),
      );
    const started = performance.now();
    const { timings, profile } = await measureSites(sampled, measure, log, args.profile ? FILL_PHASES : undefined);
    const firstSites = measured.slice(0, args.first);
    if (firstSites.length) log(`  the first fill after opening a file, at ${firstSites.length} sites`);
    const firstFill = firstSites.length ? await measureFirstFills(sampled, firstSites, args.deadlineMs) : undefined;
    const checking = performance.now();
    log('  checking the fills in fresh programs');
    const fresh = new FreshChecker(program);
    const sites = measured.map((site, i) => judge(site, timings[i], originals.get(site.file)!, fresh, corpus));
    const minutes = { measure: (checking - started) / 60000, check: (performance.now() - checking) / 60000 };
    const failed = sites.filter((s) => s.error);
    const summary: FillCorpusSummary = {
      ...corpusHeader(sampled),
      deadlineMs: args.deadlineMs,
      repeat: args.repeat,
      overall: fillMetrics(sites),
      byKind: summarizeBy(sites, (s) => s.kind, fillMetrics),
      byShape: summarizeBy(sites, (s) => s.shape, fillMetrics),
      errors: { count: failed.length, examples: [...new Set(failed.map((s) => s.error!))].slice(0, 5) },
      typeErrors: sites.flatMap((s) =>
        s.fills
          .filter((f) => !f.typeChecks)
          .map((f) => ({
            site: `${s.file}:${s.line}`,
            kind: s.kind,
            truth: s.truth,
            fill: f.text,
            added: f.addedErrors ?? [],
          })),
      ),
      minutes,
      profile: profile && perSite(profile, sites.length),
      firstFill,
    };
    return { summary, sites };
  });
}

/** The first run, with the median latencies of all. */
function medianOfRuns(runs: FillTiming[]): FillTiming {
  return {
    ...runs[0],
    fillMs: median(runs.map((r) => r.fillMs)),
    completionMs: median(runs.map((r) => r.completionMs)),
  };
}

/** Scores one site's fills against the truth and tsserver's first completion, and type-checks each fill afresh. */
function judge(site: Site, timing: FillTiming, original: string, fresh: FreshChecker, corpus: Corpus): FillSiteResult {
  const truth = original.slice(site.start, site.end);
  const result = timing.result;
  const fills = result?.fills ?? [];
  const held = withHole(site, original);
  const hole = result?.hole;
  const verdicts =
    hole && fills.length
      ? checkFills(
          fresh,
          site.file,
          held,
          hole,
          standInFor(hole, held),
          fills.map((f) => f.text),
        )
      : [];
  const rankOf = (test: (text: string) => boolean) => {
    const index = fills.findIndex((f) => test(f.text));
    return index < 0 ? undefined : index + 1;
  };
  return {
    kind: site.kind,
    shape: truthShape(site),
    file: path.relative(corpus.root, site.file),
    line: site.node.getSourceFile().getLineAndCharacterOfPosition(site.start).line + 1,
    truth,
    expectedType: result?.expectedType,
    fills: fills.map((f, i) => ({
      text: f.text,
      form: f.form,
      score: f.score,
      holes: f.holes,
      typeChecks: verdicts[i].ok,
      ...(verdicts[i].ok ? {} : { addedErrors: verdicts[i].added }),
    })),
    exactRank: rankOf((text) => sameTokens(text, truth)),
    exactUpToHolesRank: rankOf((text) => sameTokens(text, truth) || matchesUpToHoles(text, truth)),
    truthIdentifier: firstIdentifier(truth),
    fillIdentifier: fills[0] && firstIdentifier(fills[0].text),
    peerIdentifier: timing.peerFirst === undefined ? undefined : firstIdentifier(timing.peerFirst),
    peerFirst: timing.peerFirst,
    fillMs: timing.fillMs,
    completionMs: timing.completionMs,
    engine: result?.stats,
    error: timing.error,
  };
}

/** What the file holds at an unfilled hole: a typed hole for an expression, the bare `expr.` for a member name. */
function standInFor(hole: Hole, held: string): string {
  return hole.kind === 'explicit' ? typedHole(hole.file) : held.slice(hole.start, hole.end);
}
