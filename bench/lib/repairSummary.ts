/**
 * The repair bench's figures over the mutations: fixed@1 and the other rates of each side, latency, per kind.
 */
import type { RepairSiteResult } from './repairBench.js';
import { JOIN_AFTER_MS } from './repairMeasure.js';
import type { ActionVerdict } from './repairJudge.js';
import type { SiteProfile } from './profile.js';
import type { CorpusHeader } from './sampledCorpus.js';
import { quantile, ratio } from './stats.js';
import { Cell, formatProfile, ms, share, table, x } from './table.js';

export interface Spread {
  p50: number;
  p95: number;
}

/** How one side's actions did over the mutations: shares of mutations, except `actions` (a count). */
export interface ActionRates {
  offered: number;
  fixed1: number;
  /** Fixed by any action offered (at most 3 for Spackle; all of TypeScript's). */
  fixedAny: number;
  exact1: number;
  actions: number;
}

export interface RepairMetrics {
  mutations: number;
  ours: ActionRates & { addingError: number; leavingTarget: number };
  /** The answers on a fresh checker that differ from those served once the edit settled, and of their actions those
   * adding an error. */
  fresh: { differing: number; actions: number; addingError: number };
  peer: ActionRates & { otherFiles: number };
  /** fixed@1 of Spackle over TypeScript's. */
  ratio: number;
  latency: {
    settled: Spread;
    joining: Spread;
    ready: Spread;
    cold: Spread;
    peerReady: Spread;
    peerCold: Spread;
    resolve: Spread;
  };
  /** The work once the edit settles: its time, the longest the event loop was blocked by it, the share of errors
   * it found. */
  ahead: { ms: Spread; blocked: Spread; found: number };
}

export interface RepairCorpusSummary extends CorpusHeader {
  overall: RepairMetrics;
  byKind: Record<string, RepairMetrics>;
  errors: string[];
  minutes: { measure: number; check: number };
  profile?: SiteProfile;
}

/** The bars of the repair issue. */
const TARGETS = { fixedOverPeer: 1.5, addingError: 0, p95Ms: 100 };

export function repairMetrics(sites: RepairSiteResult[]): RepairMetrics {
  const n = sites.length;
  const spread = (values: Array<number | undefined>): Spread => {
    const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    return { p50: quantile(known, 0.5), p95: quantile(known, 0.95) };
  };
  const actionsOf = (side: 'ours' | 'peer'): ActionVerdict[] => sites.flatMap((site): ActionVerdict[] => site[side]);
  const ours = {
    ...rates(sites, 'ours'),
    addingError: actionsOf('ours').filter((a) => a.added.length > 0).length,
    leavingTarget: actionsOf('ours').filter((a) => !a.removesTarget).length,
  };
  const peer = { ...rates(sites, 'peer'), otherFiles: actionsOf('peer').filter((a) => a.otherFiles).length };
  const freshActions = sites.flatMap((s) => s.oursFresh ?? []);
  return {
    mutations: n,
    ours,
    peer,
    ratio: ratio(ours.fixed1, peer.fixed1),
    fresh: {
      differing: sites.filter((s) => s.oursFresh).length,
      actions: freshActions.length,
      addingError: freshActions.filter((a) => a.added.length > 0).length,
    },
    ahead: {
      ms: spread(sites.map((s) => s.ahead.ms)),
      blocked: spread(sites.map((s) => s.ahead.blockedMs)),
      found: n ? sites.filter((s) => s.ahead.found).length / n : NaN,
    },
    latency: {
      settled: spread(sites.map((s) => s.settledMs)),
      joining: spread(sites.map((s) => s.joiningMs)),
      ready: spread(sites.map((s) => s.readyMs)),
      cold: spread(sites.map((s) => s.coldMs)),
      peerReady: spread(sites.map((s) => s.peerReadyMs)),
      peerCold: spread(sites.map((s) => s.peerColdMs)),
      resolve: spread(sites.map((s) => s.resolveMs)),
    },
  };
}

function rates(sites: RepairSiteResult[], side: 'ours' | 'peer'): ActionRates {
  const share = (test: (actions: ActionVerdict[]) => boolean) =>
    sites.length ? sites.filter((s) => test(s[side])).length / sites.length : NaN;
  return {
    offered: share((a) => a.length > 0),
    fixed1: share((a) => a[0]?.fixed === true),
    fixedAny: share((a) => a.some((v) => v.fixed)),
    exact1: share((a) => a[0]?.fixed === true && a[0].exact),
    actions: sites.reduce((sum, s) => sum + s[side].length, 0),
  };
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function formatRepairCorpus(s: RepairCorpusSummary, sites: RepairSiteResult[]): string {
  const o = s.overall;
  const rows = (row: (kind: string, m: RepairMetrics) => Cell[]) => [
    row('all', o),
    ...Object.entries(s.byKind).map(([k, m]) => row(k, m)),
  ];
  const out: string[] = [];
  out.push(`== ${s.name}: ${s.files} files, ${o.mutations} mutations; ${s.tsconfig}`);
  out.push(
    '',
    'Quality (fixed: the error gone, no new error, and the original text or its syntax shape;' +
      ' judged in fresh programs;',
    'exact: the original text; TypeScript: getCodeFixesAtPosition in the same LanguageService,' +
      ' fixes editing other files not counted)',
  );
  out.push(
    table(
      [
        'kind',
        'n',
        'offered',
        'fixed@1',
        'fixed@3',
        'exact@1',
        'TS offered',
        'TS fixed@1',
        'TS fixed@any',
        'TS exact@1',
        'ours/TS @1',
      ],
      rows((k, m) => [
        k,
        m.mutations,
        share(m.ours.offered),
        share(m.ours.fixed1),
        share(m.ours.fixedAny),
        share(m.ours.exact1),
        share(m.peer.offered),
        share(m.peer.fixed1),
        share(m.peer.fixedAny),
        share(m.peer.exact1),
        x(m.ratio),
      ]),
    ),
  );
  out.push(
    '',
    'Actions (Spackle: offered, adding an error, leaving the target; TypeScript: fixes, editing other files)',
  );
  out.push(
    table(
      ['kind', 'actions', 'adding an error', 'leaving the error', 'TS fixes', 'TS other files'],
      rows((k, m) => [k, m.ours.actions, m.ours.addingError, m.ours.leavingTarget, m.peer.actions, m.peer.otherFiles]),
    ),
  );
  out.push(
    '',
    'Latency per error, ms (settled: asked once the server repaired ahead the errors the edit left, as an editor asks;',
    `joining: asked ${JOIN_AFTER_MS} ms into that work, from then to the answer;`,
    'fresh: asked the moment the edit is made, program up to date, fresh checker;' +
      ' after edit: the same, program update included;',
    'TS: getCodeFixesAtPosition, fresh checker; resolve: whole-file proof)',
  );
  out.push(
    table(
      [
        'kind',
        'settled p50',
        'settled p95',
        'joining p50',
        'joining p95',
        'fresh p50',
        'fresh p95',
        'after edit p95',
        'TS p50',
        'TS p95',
        'TS after edit p95',
        'resolve p50',
        'resolve p95',
      ],
      rows((k, m) => [
        k,
        ms(m.latency.settled.p50),
        ms(m.latency.settled.p95),
        ms(m.latency.joining.p50),
        ms(m.latency.joining.p95),
        ms(m.latency.ready.p50),
        ms(m.latency.ready.p95),
        ms(m.latency.cold.p95),
        ms(m.latency.peerReady.p50),
        ms(m.latency.peerReady.p95),
        ms(m.latency.peerCold.p95),
        ms(m.latency.resolve.p50),
        ms(m.latency.resolve.p95),
      ]),
    ),
  );
  out.push('', 'Work once the edit settles (errors found; time, and the longest the event loop was blocked by it, ms)');
  out.push(
    table(
      ['kind', 'error found', 'work p50', 'work p95', 'blocked p50', 'blocked p95'],
      rows((k, m) => [
        k,
        share(m.ahead.found),
        ms(m.ahead.ms.p50),
        ms(m.ahead.ms.p95),
        ms(m.ahead.blocked.p50),
        ms(m.ahead.blocked.p95),
      ]),
    ),
  );
  out.push('', 'Targets');
  out.push(
    `  fixed@1 ≥ ${TARGETS.fixedOverPeer}× TypeScript's: ${share(o.ours.fixed1)} vs ${share(o.peer.fixed1)}` +
      ` = ${x(o.ratio)}, ${met(o.ratio >= TARGETS.fixedOverPeer)}`,
  );
  const adding = o.ours.addingError + o.fresh.addingError;
  out.push(
    `  offered actions adding an error: ${o.ours.addingError} of ${o.ours.actions}, ` +
      `and ${o.fresh.addingError} of the ${o.fresh.actions} that differ on a fresh checker` +
      ` (${o.fresh.differing} ${o.fresh.differing === 1 ? 'answer' : 'answers'}),` +
      ` ${met(adding === TARGETS.addingError)}`,
  );
  out.push(
    `  code actions p95 ≤ ${TARGETS.p95Ms} ms (resolve excluded), ` +
      `once the edit settled: ${ms(o.latency.settled.p95)} ms, ${met(o.latency.settled.p95 <= TARGETS.p95Ms)}` +
      `; asked during that work: ${ms(o.latency.joining.p95)} ms, ${met(o.latency.joining.p95 <= TARGETS.p95Ms)}` +
      `; asked the moment the edit is made: ${ms(o.latency.ready.p95)} ms,` +
      ` ${met(o.latency.ready.p95 <= TARGETS.p95Ms)}` +
      ` (program update included: ${ms(o.latency.cold.p95)} ms)`,
  );
  out.push(
    `  run: ${s.minutes.measure.toFixed(1)} min measuring, ${s.minutes.check.toFixed(1)} min judging in fresh programs`,
  );
  const bad = sites.flatMap((site) =>
    site.ours
      .filter((a) => a.added.length || !a.removesTarget)
      .map(
        (a) =>
          `  ${site.file}:${site.line} [${site.kind}] ${oneLine(site.mutated)} | ${a.description} | ` +
          `${a.removesTarget ? '' : 'error stays; '}${a.added.map((e) => oneLine(e)).join('; ')}`,
      ),
  );
  if (bad.length) out.push('', `Offered actions that add an error or leave the target (${bad.length})`, ...bad);
  if (s.errors.length) out.push('', `repair failed at: ${s.errors.join(' | ')}`);
  if (s.profile) out.push('', formatProfile(s.profile, 'code actions'));
  return out.join('\n');
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
