/**
 * The repair bench on one corpus: code broken in sampled places (mutations.ts), Spackle's repair code actions and
 * TypeScript's code fixes asked at each error, every action judged in a fresh program (repairJudge.ts).
 */
import * as path from 'node:path';
import { errorsAround } from '../../server/src/repair/fileErrors.js';
import type { BenchArgs } from './args.js';
import { REPAIR_PHASES } from './phases.js';
import { perSite, PhaseProfiler } from './profile.js';
import { FreshChecker } from './freshCheck.js';
import { MadeMutation, Mutation, MUTATION_KINDS, MutationKind, mutatedText, sampleMutations } from './mutations.js';
import { seededRandom } from './random.js';
import { ActionVerdict, MutationJudge } from './repairJudge.js';
import { measureRepair, RepairTiming } from './repairMeasure.js';
import { RepairCorpusSummary, repairMetrics } from './repairSummary.js';
import type { Log } from './runBench.js';
import { corpusHeader, withSampledCorpus } from './sampledCorpus.js';
import { sitesOf } from './sites.js';
import { summarizeBy } from './stats.js';

export interface RepairSiteResult {
  kind: MutationKind;
  file: string;
  line: number;
  code: number;
  message: string;
  original: string;
  mutated: string;
  /** The actions served once the edit settled. */
  ours: Array<ActionVerdict & { text: string }>;
  /** Those served on a fresh checker, when they differ from those (the deadline cut the search short). */
  oursFresh?: Array<ActionVerdict & { text: string }>;
  peer: Array<ActionVerdict & { fixName: string }>;
  /** Why Spackle offered nothing. */
  reason?: string;
  error?: string;
  peerError?: string;
  readyMs: number;
  settledMs: number;
  joiningMs: number;
  ahead: RepairTiming['ahead'];
  coldMs: number;
  peerReadyMs: number;
  peerColdMs: number;
  resolveMs?: number;
}

export interface RepairArgs extends BenchArgs {
  /** Sample a CPU profile of the code actions and attribute its time to phases. */
  profile: boolean;
}

export interface RepairRun {
  summary: RepairCorpusSummary;
  sites: RepairSiteResult[];
}

/**
 * Breaks the corpus' code in sampled places (each kind of BENCHMARKS.md §4), asks Spackle's repairs and TypeScript's
 * code fixes at each error, and judges every action in a fresh program.
 */
export function benchRepairCorpus(dir: string, args: RepairArgs, log: Log): Promise<RepairRun> {
  return withSampledCorpus(dir, args, log, async (sampled) => {
    const { workspace, files, program, checker, originals } = sampled;
    const made = (m: Mutation): MadeMutation | undefined => {
      const original = originals.get(m.file)!;
      workspace.change(m.file, mutatedText(m, original));
      try {
        const target = errorsAround(workspace.snapshot(m.file), m.errorAt.start, m.errorAt.end).find((e) =>
          m.codes.includes(e.code),
        );
        return target && { ...m, target };
      } finally {
        workspace.change(m.file, original);
      }
    };
    const perKind = Math.ceil((args.n + args.warmup) / MUTATION_KINDS.length);
    const source = { checker, sites: files.flatMap((f) => sitesOf(f)), files, random: seededRandom(args.seed) };
    const mutations = sampleMutations(source, perKind, made);
    const warmup = mutations.slice(0, args.warmup);
    const measured = mutations.slice(args.warmup, args.warmup + args.n);
    const byKind = MUTATION_KINDS.map((k) => `${k} ${measured.filter((m) => m.kind === k).length}`).join(', ');
    log(`  ${measured.length} mutations (+${warmup.length} warm-up): ${byKind}`);
    const measure = (m: MadeMutation, i: number) => measureRepair(workspace, m, originals.get(m.file)!, i % 2 === 0);
    for (const [i, m] of warmup.entries()) await measure(m, i);
    const started = performance.now();
    const profiler = args.profile ? new PhaseProfiler(REPAIR_PHASES) : undefined;
    await profiler?.start();
    const timings: RepairTiming[] = [];
    for (const [i, m] of measured.entries()) {
      if (i % 25 === 0) log(`  mutation ${i}/${measured.length}`);
      timings.push(await measure(m, i));
    }
    const profile = await profiler?.stop();
    const checking = performance.now();
    log('  judging every action in fresh programs');
    const fresh = new FreshChecker(program);
    const sites = measured.map((m, i) => judge(m, timings[i], originals.get(m.file)!, fresh, sampled.corpus.root));
    const minutes = { measure: (checking - started) / 60000, check: (performance.now() - checking) / 60000 };
    const summary: RepairCorpusSummary = {
      ...corpusHeader(sampled),
      overall: repairMetrics(sites),
      byKind: summarizeBy(sites, (s) => s.kind, repairMetrics),
      errors: sites
        .filter((s) => s.error)
        .map((s) => `${s.file}:${s.line} ${s.error}`)
        .slice(0, 5),
      minutes,
      profile: profile && perSite(profile, sites.length),
    };
    return { summary, sites };
  });
}

function judge(
  m: MadeMutation,
  timing: RepairTiming,
  original: string,
  fresh: FreshChecker,
  root: string,
): RepairSiteResult {
  const mutated = mutatedText(m, original);
  const judge = new MutationJudge(fresh, m.file, original, mutated, m.target);
  const repairs = timing.result?.repairs ?? [];
  const asked = timing.freshResult?.repairs ?? [];
  const texts = (rs: typeof repairs) => rs.map((r) => r.text).join('\n');
  const line = original.slice(0, m.start).split('\n').length;
  const snippet = (text: string, at: number) =>
    text
      .slice(text.lastIndexOf('\n', at - 1) + 1, text.indexOf('\n', at) < 0 ? undefined : text.indexOf('\n', at))
      .trim();
  return {
    kind: m.kind,
    file: path.relative(root, m.file),
    line,
    code: m.target.code,
    message: m.target.message,
    original: snippet(original, m.start),
    mutated: snippet(mutated, m.start),
    ours: repairs.map((r) => ({ ...judge.judge(r), text: r.text })),
    oursFresh: texts(asked) === texts(repairs) ? undefined : asked.map((r) => ({ ...judge.judge(r), text: r.text })),
    peer: timing.peerFixes.map((f) => ({ ...judge.judge(f), fixName: f.fixName })),
    reason: repairs.length ? undefined : timing.result?.reason,
    error: timing.error,
    peerError: timing.peerError,
    readyMs: timing.readyMs,
    settledMs: timing.settledMs,
    joiningMs: timing.joiningMs,
    ahead: timing.ahead,
    coldMs: timing.coldMs,
    peerReadyMs: timing.peerReadyMs,
    peerColdMs: timing.peerColdMs,
    resolveMs: timing.resolveMs,
  };
}
