/**
 * The first fill after a file opens (BENCHMARKS.md, "Every bench: the first answer"): for each of a few sites, a
 * fresh workspace loads the project as a server does when the file opens, and the first fill is asked at default
 * settings, twice: at once ("cold", the request arriving with the load) and after the server has readied the file as
 * it does once a document settles (`prepareFills`, in slices). An answer with fills is an answer; one without is
 * what a user meets as an empty completion. Where the engine finds no fill even unhurried, an empty answer is the
 * right one: such sites are counted apart, so that the share answered of the sites with fills measures the first
 * request alone.
 */
import { Budget } from '../../server/src/budget.js';
import { fillHole } from '../../server/src/synth/fill.js';
import { prepareFills } from '../../server/src/synth/prepare.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import type { SampledCorpus } from './sampledCorpus.js';
import { Site, withHole } from './sites.js';
import { quantile } from './stats.js';

export interface FirstFillSite {
  site: string;
  loadMs: number;
  cold: FirstAnswer;
  readied: FirstAnswer & { prepareMs: number; longestSliceMs: number };
  /** Fills found at the site unhurried (after the readied answer, with a budget of `UNHURRIED_MS`). */
  unhurriedFills: number;
}

/** The budget of the unhurried fill: the slowest first fills measured take about two seconds. */
const UNHURRIED_MS = 10_000;

interface FirstAnswer {
  ms: number;
  fills: number;
  timedOut: boolean;
}

export interface FirstFillSummary {
  sites: number;
  deadlineMs: number;
  /** Share of sites answered with fills. */
  coldAnswered: number;
  readiedAnswered: number;
  /** Sites where an unhurried fill finds any, and the share of them answered with fills. */
  fillable: number;
  coldAnsweredFillable: number;
  readiedAnsweredFillable: number;
  coldMs: { p50: number; p95: number };
  readiedMs: { p50: number; p95: number };
  prepareMs: { p50: number; p95: number };
  /** The longest slice of any preparation: how long a request could wait for it. */
  longestSliceMs: number;
  loadMs: { p50: number; p95: number };
  perSite: FirstFillSite[];
}

export async function measureFirstFills(
  sampled: SampledCorpus,
  sites: Site[],
  deadlineMs: number,
): Promise<FirstFillSummary> {
  const perSite: FirstFillSite[] = [];
  for (const site of sites) {
    const cold = await firstAnswer(sampled, site, deadlineMs, false);
    const readied = await firstAnswer(sampled, site, deadlineMs, true);
    perSite.push({
      site: `${site.file}:${site.start}`,
      loadMs: cold.loadMs,
      cold: cold.answer,
      readied: { ...readied.answer, prepareMs: readied.prepareMs, longestSliceMs: readied.longestSliceMs },
      unhurriedFills: readied.unhurriedFills,
    });
  }
  const spread = (values: number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95) });
  const answered = (answers: FirstAnswer[]) => answers.filter((a) => a.fills > 0).length / Math.max(1, answers.length);
  const fillable = perSite.filter((s) => s.unhurriedFills > 0);
  return {
    sites: perSite.length,
    deadlineMs,
    coldAnswered: answered(perSite.map((s) => s.cold)),
    readiedAnswered: answered(perSite.map((s) => s.readied)),
    fillable: fillable.length,
    coldAnsweredFillable: answered(fillable.map((s) => s.cold)),
    readiedAnsweredFillable: answered(fillable.map((s) => s.readied)),
    coldMs: spread(perSite.map((s) => s.cold.ms)),
    readiedMs: spread(perSite.map((s) => s.readied.ms)),
    prepareMs: spread(perSite.map((s) => s.readied.prepareMs)),
    longestSliceMs: Math.max(0, ...perSite.map((s) => s.readied.longestSliceMs)),
    loadMs: spread(perSite.map((s) => s.loadMs)),
    perSite,
  };
}

async function firstAnswer(sampled: SampledCorpus, site: Site, deadlineMs: number, readied: boolean) {
  const workspace = new Workspace([sampled.corpus.folder]);
  try {
    workspace.open(site.file, withHole(site, sampled.originals.get(site.file)!));
    const loading = performance.now();
    const snapshot = workspace.snapshot(site.file);
    const loadMs = performance.now() - loading;
    const prepared = readied ? await prepareFills(snapshot) : undefined;
    const started = performance.now();
    const result = fillHole(workspace, site.file, site.start, { limit: 5 }, Budget.of(deadlineMs));
    const answer = { ms: performance.now() - started, fills: result.fills.length, timedOut: result.stats.timedOut };
    const unhurried = readied
      ? fillHole(workspace, site.file, site.start, { limit: 5 }, Budget.of(UNHURRIED_MS))
      : undefined;
    return {
      loadMs,
      answer,
      prepareMs: prepared?.ms ?? 0,
      longestSliceMs: prepared?.longestSliceMs ?? 0,
      unhurriedFills: unhurried?.fills.length ?? 0,
    };
  } finally {
    workspace.dispose();
  }
}
