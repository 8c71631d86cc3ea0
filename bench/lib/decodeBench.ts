/**
 * The decoding bench on one corpus: at sampled member sites a scripted model (test/helpers/fakeOpenAI.ts) names a
 * plausible wrong member first, and the LLM engine fills each site in every mode (monitors off, or correcting by the
 * ranking, top logprobs or guided choice); every returned fill is re-checked in a fresh program.
 */
import { Budget } from '../../server/src/budget.js';
import * as path from 'node:path';
import ts from 'typescript';
import { encode, decode } from 'gpt-tokenizer/encoding/o200k_base';
import { Capability, DEFAULT_SETTINGS, Settings } from '../../server/src/config.js';
import { holeSiteAt } from '../../server/src/holes/site.js';
import { LlmFailure, llmFill, LlmReport } from '../../server/src/llm/llmFill.js';
import { silentLogger } from '../../server/src/log.js';
import { usageStats } from '../../server/src/synth/stats.js';
import { FakeOpenAI, FakeOptions, FakeRequest, Reply } from '../../test/helpers/fakeOpenAI.js';
import type { BenchArgs } from './args.js';
import { checkFills } from './fillCheck.js';
import { FreshChecker } from './freshCheck.js';
import { hallucinate, HallucinationKind } from './hallucinate.js';
import { seededRandom } from './random.js';
import { quantile } from './stats.js';
import type { Log } from './runBench.js';
import { corpusHeader, CorpusHeader, SampledCorpus, withSampledCorpus } from './sampledCorpus.js';
import { Site, withHole } from './sites.js';

/** How the decoding is guided in a run: not at all (error rounds only), or monitors with one way of correcting. */
export const MODES = ['off', 'ranker', 'logprobs', 'guidedChoice'] as const;
export type Mode = (typeof MODES)[number];

export type DecodeArgs = BenchArgs;

/** Errors a type monitor is there to prevent: unknown members, unknown names, unknown object keys. */
const MONITOR_CATCHABLE = new Set([2339, 2551, 2304, 2552, 2353, 2561]);

export interface DecodeSite {
  file: string;
  line: number;
  truth: string;
  wrong: string;
  hallucination: HallucinationKind;
  runs: Record<Mode, ModeRun>;
}

export interface ModeRun {
  /** The LLM's fill, or undefined when it fell back (the embedded engine would have answered). */
  fill?: string;
  /** The fill re-checked in a fresh program. */
  typeChecks?: boolean;
  /** Errors of the fill a monitor could have caught (TS2339 and kin). */
  catchable: string[];
  failure?: string;
  report: LlmReport;
  ms: number;
}

export interface DecodeRun {
  summary: CorpusHeader & { sites: number; skipped: Record<string, number>; byMode: Record<Mode, ModeSummary> };
  sites: DecodeSite[];
}

export interface ModeSummary {
  sites: number;
  /** The monitor rejected the hallucinated name while decoding. */
  caught: number;
  /** A fill came back from the LLM and type-checks in a fresh program. */
  corrected: number;
  /** …and is the original member. */
  exact: number;
  /** Returned LLM fills with an error a monitor could have caught. */
  catchableErrors: number;
  /** Requests beyond the first, per corrected site. */
  extraRequestsPerCorrection: number;
  errorRounds: number;
  /** Each monitor check as the answer grew, and each intervention's own monitor work, in ms. */
  checkMs: { p50: number; p95: number; count: number };
  interventionMs: { p50: number; p95: number; count: number };
  /** Setting the monitors up per hole (the receiver's members listed before decoding), in ms. */
  setupMs: { p50: number; p95: number };
  /** Wall time of the LLM fill per site (server round trips on localhost included). */
  wallMs: { p50: number; p95: number };
  strategies: Record<string, number>;
}

/**
 * BENCHMARKS.md §3: member-name sites of a corpus; at each the scripted "model" (a local OpenAI-compatible server)
 * first names a plausible wrong member, and would give the right one as its second choice (under a constraint, among
 * its top logprobs, or after the compiler's message). Each site is filled in every mode through the real client.
 */
export function benchDecodeCorpus(dir: string, args: DecodeArgs, log: Log): Promise<DecodeRun> {
  // withSampledCorpus samples every kind evenly: ask for enough that `n` member sites come out.
  const sampling = { ...args, n: args.n * args.kinds.length, warmup: args.warmup * args.kinds.length };
  return withSampledCorpus(dir, sampling, log, async (sampled) => {
    const fake = await FakeOpenAI.start(() => ({ text: '' }));
    try {
      return await run(sampled, fake, args, log);
    } finally {
      await fake.stop();
    }
  });
}

async function run(sampled: SampledCorpus, fake: FakeOpenAI, args: DecodeArgs, log: Log): Promise<DecodeRun> {
  const { workspace, program, originals, corpus } = sampled;
  const members = (sites: Site[], count: number) => sites.filter((s) => s.kind === 'member').slice(0, count);
  const warmup = members(sampled.warmup, args.warmup);
  const measured = members(sampled.measured, args.n);
  const projectMembers = [
    ...usageStats(workspace.projectFor(measured[0]?.file ?? sampled.files[0].fileName), program).members.keys(),
  ];
  const random = seededRandom(args.seed);
  const fresh = new FreshChecker(program);
  const skipped: Record<string, number> = {
    'receiver untyped, open (index signature), or truth not one of its members': 0,
    'no hallucination found': 0,
  };
  const sites: DecodeSite[] = [];
  for (const [i, site] of [...warmup, ...measured].entries()) {
    if (i === warmup.length) log(`  measuring ${measured.length} member sites`);
    else if (i > warmup.length && (i - warmup.length) % 25 === 0) log(`  site ${i - warmup.length}/${measured.length}`);
    const original = originals.get(site.file)!;
    const truth = original.slice(site.start, site.end);
    const held = withHole(site, original);
    workspace.change(site.file, held);
    try {
      const legal = receiverMembers(workspace.snapshot(site.file), site.start);
      if (!legal?.has(truth)) {
        if (i >= warmup.length) skipped['receiver untyped, open (index signature), or truth not one of its members']++;
        continue;
      }
      const wrong = hallucinate(truth, legal, projectMembers, i % 2 === 0 ? 'elsewhere' : 'misspelling', random);
      if (!wrong) {
        if (i >= warmup.length) skipped['no hallucination found']++;
        continue;
      }
      const runs = {} as Record<Mode, ModeRun>;
      for (const mode of MODES) runs[mode] = await fillIn(sampled, fake, site, mode, truth, wrong.text, held, fresh);
      if (i >= warmup.length) {
        sites.push({
          file: path.relative(corpus.root, site.file),
          line: ts.getLineAndCharacterOfPosition(site.node.getSourceFile(), site.start).line + 1,
          truth,
          wrong: wrong.text,
          hallucination: wrong.kind,
          runs,
        });
      }
    } finally {
      workspace.change(site.file, original);
    }
  }
  const byMode = Object.fromEntries(MODES.map((mode) => [mode, summarize(sites, mode)])) as Record<Mode, ModeSummary>;
  return { summary: { ...corpusHeader(sampled), sites: sites.length, skipped, byMode }, sites };
}

/** The receiver's member names at a member hole, when its type is known. */
function receiverMembers(
  snapshot: ReturnType<SampledCorpus['workspace']['snapshot']>,
  offset: number,
): Set<string> | undefined {
  const site = holeSiteAt(snapshot, offset);
  if (!site.receiver) return undefined;
  const { checker } = site.snapshot;
  const type = checker.getTypeAtLocation(site.receiver);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const types = (type.isUnion() ? type.types : [type]).map((t) => checker.getApparentType(t));
  // A string index signature takes any name: no hallucination is an error there.
  if (types.some((t) => checker.getIndexInfoOfType(t, ts.IndexKind.String))) return undefined;
  return new Set(types.flatMap((t) => checker.getPropertiesOfType(t).map((p) => p.name)));
}

const BLACK_BOX: Record<Capability, boolean> = {
  logprobs: false,
  logitBias: false,
  grammar: false,
  guidedChoice: false,
};
const SERVER_OF: Record<Mode, FakeOptions> = {
  off: {},
  ranker: {},
  logprobs: { supports: { logprobs: true } },
  guidedChoice: { supports: { guidedChoice: true } },
};

function settingsFor(fake: FakeOpenAI, mode: Mode): Settings {
  return {
    ...DEFAULT_SETTINGS,
    engine: 'llm',
    llm: {
      ...DEFAULT_SETTINGS.llm,
      baseUrl: fake.baseUrl,
      model: 'bench-coder',
      api: 'completions',
      template: 'qwen2.5-coder',
      timeoutMs: 5000,
      deadlineMs: 20_000,
      monitors: mode !== 'off',
      capabilities: {
        ...BLACK_BOX,
        ...(mode === 'logprobs' ? { logprobs: true } : mode === 'guidedChoice' ? { guidedChoice: true } : {}),
      },
    },
  };
}

/**
 * The scripted model at one site: its first answer is the wrong name; its next choice is the truth, which it gives
 * under a constraint, ranks second among its top logprobs, and answers in an error round. Resumed after the name,
 * it ends the answer (the code after the hole is in the FIM suffix).
 */
function modelAt(wrong: string, truth: string): (request: FakeRequest) => Reply {
  const firstToken = (text: string) => decode([encode(text)[0]]);
  return (request) => {
    if (request.body.guided_choice || request.body.grammar || request.body.logit_bias)
      return { preferences: [wrong, truth] };
    if (request.prefill) return { text: '' };
    const refused = [...request.prompt.matchAll(/Not `([^`]*)`/g)].map((m) => m[1]);
    const answer = [wrong, truth].find((name) => !refused.includes(name)) ?? truth;
    return { text: answer, alternatives: { 0: [firstToken(answer), firstToken(truth)] } };
  };
}

async function fillIn(
  sampled: SampledCorpus,
  fake: FakeOpenAI,
  site: Site,
  mode: Mode,
  truth: string,
  wrong: string,
  held: string,
  fresh: FreshChecker,
): Promise<ModeRun> {
  fake.options = SERVER_OF[mode];
  fake.script = modelAt(wrong, truth);
  // Each fill starts from a collected heap (node --expose-gc): a major collection of the previous fills' programs
  // would otherwise land in whatever is being timed, a monitor check as likely as anything.
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  const budget = Budget.of(20_000);
  try {
    const { result, report } = await llmFill({
      workspace: sampled.workspace,
      file: site.file,
      offset: site.start,
      settings: settingsFor(fake, mode),
      budget,
      logger: silentLogger,
    });
    const ms = performance.now() - started;
    const fill = result.fills[0].text;
    const [verdict] = checkFills(fresh, site.file, held, result.hole, held.slice(result.hole.start, result.hole.end), [
      fill,
    ]);
    const catchable = verdict.added.filter((e) => MONITOR_CATCHABLE.has(Number(/^TS(\d+)/.exec(e)?.[1])));
    return { fill, typeChecks: verdict.ok, catchable, report, ms };
  } catch (error) {
    if (!(error instanceof LlmFailure)) throw error;
    return { failure: error.message, catchable: [], report: error.report, ms: performance.now() - started };
  }
}

function summarize(sites: DecodeSite[], mode: Mode): ModeSummary {
  const runs = sites.map((s) => ({ site: s, run: s.runs[mode] }));
  const corrected = runs.filter(({ run }) => run.fill !== undefined && run.typeChecks);
  const checks = runs.flatMap(({ run }) => run.report.checkMs);
  const interventions = runs.flatMap(({ run }) => run.report.interventions);
  const strategies: Record<string, number> = {};
  for (const i of interventions) strategies[i.strategy] = (strategies[i.strategy] ?? 0) + 1;
  return {
    sites: runs.length,
    caught: runs.filter(({ run }) => run.report.interventions.length > 0).length,
    corrected: corrected.length,
    exact: corrected.filter(({ site, run }) => run.fill === site.truth).length,
    catchableErrors: runs.filter(({ run }) => run.catchable.length > 0).length,
    extraRequestsPerCorrection: mean(corrected.map(({ run }) => run.report.requests - 1)),
    errorRounds: mean(runs.map(({ run }) => run.report.rounds)),
    checkMs: { ...percentiles(checks), count: checks.length },
    interventionMs: { ...percentiles(interventions.map((i) => i.monitorMs)), count: interventions.length },
    setupMs: percentiles(runs.map(({ run }) => run.report.monitorSetupMs)),
    wallMs: percentiles(runs.map(({ run }) => run.ms)),
    strategies,
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

function percentiles(values: number[]): { p50: number; p95: number } {
  return { p50: quantile(values, 0.5), p95: quantile(values, 0.95) };
}
