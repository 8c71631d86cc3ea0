import * as path from 'node:path';
import { CodeCompletion, completeAt, CursorTakes, cursorTakes } from '../../server/src/complete/anywhere.js';
import { Budget } from '../../server/src/budget.js';
import { DEFAULT_SETTINGS, Settings } from '../../server/src/config.js';
import { SpackleError } from '../../server/src/errors.js';
import { silentLogger } from '../../server/src/log.js';
import { prepareFills } from '../../server/src/synth/prepare.js';
import { usageStats } from '../../server/src/synth/stats.js';
import type { Workspace } from '../../server/src/workspace/workspace.js';
import type { BenchArgs } from './args.js';
import {
  CompletionCase,
  CompletionShapeName,
  COMPLETION_SHAPES,
  cutAt,
  documentOf,
  sampleCases,
} from './completeSites.js';
import { ModelThread } from './modelThread.js';
import { Corrupted, Corruption, CORRUPTIONS, corruptionsOf, CorruptionSource } from './corruptions.js';
import { checkFills } from './fillCheck.js';
import { FreshChecker } from './freshCheck.js';
import { seededRandom } from './random.js';
import type { Log } from './runBench.js';
import { corpusHeader, CorpusHeader, SampledCorpus, withSampledCorpus } from './sampledCorpus.js';
import { Site, sitesOf } from './sites.js';
import { quantile, summarizeBy } from './stats.js';
import { alternativesAt } from './scriptedAnswer.js';

export interface CompleteArgs extends BenchArgs {
  /** Share of sites where the model writes the truth unchanged; the others get one corruption each. */
  unchanged: number;
  /** Chance that the model, given the compiler's messages in an error round, writes the truth. */
  heed: number;
  /** The model's pace: ms between streamed tokens. */
  tokenMs: number;
  /** How a monitor's correction is picked: the embedded ranking alone, or the stream's top logprobs. */
  mode: 'ranker' | 'logprobs';
  /**
   * Whether each document is readied before its completion as the server readies a file that opened and settled (the
   * checkers warmed on it); off, the completion is asked at once, cold.
   */
  ready: boolean;
}

/** What became of a site's completion. */
export type Outcome =
  | 'shown whole'
  | 'corrected by monitors'
  | 'corrected by error rounds'
  | 'cut'
  | 'changed'
  | 'nothing shown'
  | 'leaked';

export interface CompleteSite {
  shape: CompletionShapeName;
  file: string;
  line: number;
  corruption?: Corruption;
  /** What was corrupted: the truth's text there and the model's. */
  wrong?: { was: string; now: string };
  truth: string;
  /** The model's first answer: what an unverified peer shows. */
  raw: string;
  rawTypeChecks: boolean;
  shown: string;
  /** What is shown type-checks in a fresh program (when something is). */
  shownTypeChecks?: boolean;
  exact: boolean;
  outcome: Outcome;
  interventions: string[];
  rounds: number;
  requests: number;
  /**
   * The completion's wall time; before the first request (context and prompt); the model's own time (the server's, from
   * each request's arrival to the end of its answer); what monitors and checks in place add to those; their own work.
   */
  ms: { total: number; setup: number; model: number; added: number; monitor: number; verify: number };
}

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface ShapeSummary {
  sites: number;
  unchanged: number;
  corrupted: number;
  shown: number;
  shownTypeCheck: number;
  exact: number;
  nothingShown: number;
  unchangedWhole: number;
  rawTypeCheck: number;
  totalMs: Percentiles;
  setupMs: Percentiles;
  modelMs: Percentiles;
  addedMs: Percentiles;
  monitorMs: Percentiles;
  verifyMs: Percentiles;
}

export interface CorruptionSummary {
  sites: number;
  outcomes: Record<Outcome, number>;
  exact: number;
  rawTypeCheck: number;
}

export interface CompleteSummary extends CorpusHeader {
  mode: string;
  heed: number;
  tokenMs: number;
  ready: boolean;
  sites: number;
  skipped: Record<string, number>;
  firstAnswer?: { ms: number; shown: boolean };
  overall: ShapeSummary;
  byShape: Record<string, ShapeSummary>;
  byCorruption: Record<string, CorruptionSummary>;
}

export interface CompleteRun {
  summary: CompleteSummary;
  sites: CompleteSite[];
}

const SKIPS = {
  fills: 'the cursor takes fills there (an expression of a known type: bench:fill and bench:decode)',
  truth: 'the truth does not type-check in the document without it',
  silent: 'no corruption of the truth makes an error of its kind there',
};

/**
 * BENCHMARKS.md §5: code cut from the corpus in three shapes; at each cut a scripted model (a local OpenAI-compatible
 * server, in its own thread as a remote model is) writes the code back, unchanged or corrupted the way models err, and
 * completion anywhere completes the cursor with it through the real client: monitors, checks in place, error rounds,
 * the longest verified prefix. What is shown, and the model's first answer, are judged in a fresh program.
 */
export function benchCompleteCorpus(dir: string, args: CompleteArgs, log: Log): Promise<CompleteRun> {
  return withSampledCorpus(dir, { ...args, n: 0, warmup: 0 }, log, async (sampled) => {
    const model = await ModelThread.start({
      tokenDelayMs: args.tokenMs,
      supports: { logprobs: args.mode === 'logprobs' },
    });
    try {
      return await run(sampled, model, args, log);
    } finally {
      await model.stop();
    }
  });
}

async function run(sampled: SampledCorpus, model: ModelThread, args: CompleteArgs, log: Log): Promise<CompleteRun> {
  const { workspace, program, checker, files, originals, corpus } = sampled;
  const warmupPerShape = Math.ceil(args.warmup / COMPLETION_SHAPES.length);
  const cases = sampleCases(files, args.n + warmupPerShape, args.seed);
  const warmupCount = warmupPerShape * COMPLETION_SHAPES.length;
  log(
    `  ${cases.length - warmupCount} cut sites (+${warmupCount} warm-up): ` +
      COMPLETION_SHAPES.map((s) => `${s} ${cases.filter((c) => c.shape === s).length}`).join(', '),
  );
  const random = seededRandom(args.seed + 1);
  const sitesByFile = new Map<string, Site[]>();
  const source: CorruptionSource = {
    checker,
    files,
    random,
    sites: [],
    members: [...usageStats(workspace.projectFor(files[0].fileName), program).members.keys()],
    sitesIn: (file) => sitesByFile.get(file) ?? sitesByFile.set(file, sitesOf(program.getSourceFile(file)!)).get(file)!,
    sourceFile: (file) => program.getSourceFile(file)!,
  };
  const fresh = new FreshChecker(program);
  const settings = settingsFor(model, args);
  const used = Object.fromEntries(CORRUPTIONS.map((k) => [k, 0])) as Record<Corruption, number>;
  const skipped: Record<string, number> = Object.fromEntries(Object.values(SKIPS).map((why) => [why, 0]));
  const sites: CompleteSite[] = [];
  let firstAnswer: CompleteSummary['firstAnswer'];
  for (const [i, found] of cases.entries()) {
    const measured = i >= warmupCount;
    if (measured && (i - warmupCount) % 25 === 0) log(`  site ${i - warmupCount}/${cases.length - warmupCount}`);
    const original = originals.get(found.file)!;
    const placedCase = placeCursor(workspace, found, original);
    try {
      if (!placedCase) {
        if (measured) skipped[SKIPS.fills]++;
        continue;
      }
      const { c, takes } = placedCase;
      const document = documentOf(c, original);
      // The file as it was before the code was written, readied as the server readies an opened file.
      if (args.ready) await prepareFills(workspace.snapshot(c.file));
      const corrupt = random() >= args.unchanged;
      const chosen = choose(c, corrupt, used, source, fresh, document);
      if (typeof chosen === 'string') {
        if (measured) skipped[chosen]++;
        continue;
      }
      if (chosen.corrupted && measured) used[chosen.corrupted.kind]++;
      const raw = chosen.corrupted?.text ?? c.truth;
      const alternatives = chosen.corrupted && alternativesAt(raw, c.truth, chosen.corrupted.at);
      await model.script({ truth: c.truth, raw, heeds: random() < args.heed, alternatives });
      (globalThis as { gc?: () => void }).gc?.();
      const asked = model.requests;
      const completion = await completeAt(
        { workspace, file: c.file, offset: c.start, settings, logger: silentLogger },
        takes.hole,
        takes.site,
        Budget.unlimited,
      );
      firstAnswer ??= { ms: completion.report.ms, shown: !!completion.text };
      const modelMs = (await model.timesSince(asked)).reduce((sum, ms) => sum + ms, 0);
      if (!measured) continue;
      const shownTypeChecks = completion.text
        ? checkFills(fresh, c.file, document, { start: c.start, end: c.start }, '', [completion.text])[0].ok
        : undefined;
      sites.push(siteOf(c, original, corpus.root, raw, chosen, completion, modelMs, shownTypeChecks));
    } finally {
      workspace.change(found.file, original);
    }
  }
  const summary: CompleteSummary = {
    ...corpusHeader(sampled),
    mode: args.mode,
    heed: args.heed,
    tokenMs: args.tokenMs,
    ready: args.ready,
    sites: sites.length,
    skipped,
    firstAnswer,
    overall: shapeSummary(sites),
    byShape: summarizeBy(sites, (s) => s.shape, shapeSummary),
    byCorruption: summarizeBy(
      sites.filter((s) => s.corruption),
      (s) => s.corruption!,
      corruptionSummary,
    ),
  };
  return { summary, sites };
}

/** The case with its document in the workspace, cut where the cursor takes code (a line may be cut elsewhere). */
function placeCursor(
  workspace: Workspace,
  found: CompletionCase,
  original: string,
): { c: CompletionCase; takes: Extract<CursorTakes, { kind: 'code' }> } | undefined {
  for (const start of [found.start, ...found.alternatives]) {
    const c = start === found.start ? found : cutAt(found, start, original);
    workspace.change(c.file, documentOf(c, original));
    let takes: CursorTakes | undefined;
    try {
      takes = cursorTakes(workspace.snapshot(c.file), c.start);
    } catch (error) {
      if (!(error instanceof SpackleError)) throw error;
    }
    if (takes?.kind === 'code' && takes.site.shape === found.shape) return { c, takes };
  }
  return undefined;
}

/**
 * The truth, checked to hold in the document, and (when `corrupt`) a corruption of it that is a type error there: of
 * the kinds used least so far, the first that makes an error of its kind in a fresh program. A string says why the
 * site is skipped.
 */
function choose(
  c: CompletionCase,
  corrupt: boolean,
  used: Record<Corruption, number>,
  source: CorruptionSource,
  fresh: FreshChecker,
  document: string,
): { corrupted?: Corrupted; rawTypeChecks: boolean } | string {
  const kinds = corrupt ? [...CORRUPTIONS].sort((a, b) => used[a] - used[b]) : [];
  const candidates = kinds.flatMap((kind) => corruptionsOf(c, kind, source).slice(0, 2));
  const verdicts = checkFills(fresh, c.file, document, { start: c.start, end: c.start }, '', [
    c.truth,
    ...candidates.slice(0, 4).map((k) => k.text),
  ]);
  if (!verdicts[0].ok) return SKIPS.truth;
  if (!corrupt) return { rawTypeChecks: true };
  const ofItsKind = (k: Corrupted, added: string[]) =>
    !k.codes || added.some((e) => k.codes!.some((c) => e.startsWith(`TS${c} `)));
  const erring = candidates.slice(0, 4).find((k, i) => !verdicts[i + 1].ok && ofItsKind(k, verdicts[i + 1].added));
  return erring ? { corrupted: erring, rawTypeChecks: false } : SKIPS.silent;
}

function siteOf(
  c: CompletionCase,
  original: string,
  root: string,
  raw: string,
  chosen: { corrupted?: Corrupted; rawTypeChecks: boolean },
  completion: CodeCompletion,
  modelMs: number,
  shownTypeChecks: boolean | undefined,
): CompleteSite {
  const { report } = completion;
  const exact = normalized(completion.text) === normalized(c.truth);
  return {
    shape: c.shape,
    file: path.relative(root, c.file),
    line: original.slice(0, c.start).split('\n').length,
    corruption: chosen.corrupted?.kind,
    wrong: chosen.corrupted && { was: chosen.corrupted.was, now: chosen.corrupted.now },
    truth: c.truth,
    raw,
    rawTypeChecks: chosen.rawTypeChecks,
    shown: completion.text,
    shownTypeChecks,
    exact,
    outcome: outcomeOf(completion, shownTypeChecks, exact, !!chosen.corrupted),
    interventions: report.interventions.map((i) => `${i.monitor}: ${i.rejected} → ${i.chosen} (${i.strategy})`),
    rounds: report.rounds,
    requests: report.requests,
    ms: {
      total: report.ms,
      setup: report.setupMs,
      model: modelMs,
      added: report.ms - report.setupMs - modelMs,
      monitor: report.monitorMs,
      verify: report.verifyMs,
    },
  };
}

function outcomeOf(
  completion: CodeCompletion,
  typeChecks: boolean | undefined,
  exact: boolean,
  corrupted: boolean,
): Outcome {
  const { report } = completion;
  if (!completion.text) return 'nothing shown';
  if (!typeChecks) return 'leaked';
  if (!corrupted) return exact ? 'shown whole' : report.cut ? 'cut' : 'changed';
  if (report.cut) return 'cut';
  if (report.rounds) return 'corrected by error rounds';
  return report.interventions.length ? 'corrected by monitors' : 'cut';
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const BLACK_BOX = { logprobs: false, logitBias: false, grammar: false, guidedChoice: false };

function settingsFor(model: ModelThread, args: CompleteArgs): Settings {
  return {
    ...DEFAULT_SETTINGS,
    engine: 'llm',
    llm: {
      ...DEFAULT_SETTINGS.llm,
      baseUrl: model.baseUrl,
      model: 'bench-coder',
      api: 'completions',
      template: 'qwen2.5-coder',
      timeoutMs: 10_000,
      deadlineMs: 30_000,
      capabilities: { ...BLACK_BOX, logprobs: args.mode === 'logprobs' },
    },
  };
}

function shapeSummary(sites: CompleteSite[]): ShapeSummary {
  const percentiles = (values: number[]): Percentiles => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95) });
  const unchanged = sites.filter((s) => !s.corruption);
  const shown = sites.filter((s) => s.shown);
  return {
    sites: sites.length,
    unchanged: unchanged.length,
    corrupted: sites.length - unchanged.length,
    shown: shown.length,
    shownTypeCheck: shown.filter((s) => s.shownTypeChecks).length,
    exact: sites.filter((s) => s.exact).length,
    nothingShown: sites.length - shown.length,
    unchangedWhole: unchanged.filter((s) => s.outcome === 'shown whole').length,
    rawTypeCheck: sites.filter((s) => s.rawTypeChecks).length,
    totalMs: percentiles(sites.map((s) => s.ms.total)),
    setupMs: percentiles(sites.map((s) => s.ms.setup)),
    modelMs: percentiles(sites.map((s) => s.ms.model)),
    addedMs: percentiles(sites.map((s) => s.ms.added)),
    monitorMs: percentiles(sites.map((s) => s.ms.monitor)),
    verifyMs: percentiles(sites.map((s) => s.ms.verify)),
  };
}

const OUTCOMES: Outcome[] = [
  'shown whole',
  'corrected by monitors',
  'corrected by error rounds',
  'cut',
  'changed',
  'nothing shown',
  'leaked',
];

function corruptionSummary(sites: CompleteSite[]): CorruptionSummary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, sites.filter((s) => s.outcome === o).length])) as Record<
    Outcome,
    number
  >;
  return {
    sites: sites.length,
    outcomes,
    exact: sites.filter((s) => s.exact).length,
    rawTypeCheck: sites.filter((s) => s.rawTypeChecks).length,
  };
}
