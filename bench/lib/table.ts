/**
 * Plain-text tables and number formats, for the benches' reports.
 */
import { SECTION_ORDER } from '../../server/src/prompt/render.js';
import { PEER_PREFIX, SiteProfile } from './profile.js';
import { BUDGETS, SOURCES, TARGET_BUDGET } from './recall.js';
import type { CorpusSummary, Latency, Recall } from './summary.js';

export type Cell = string | number;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], raw?: Cell[]) =>
    r
      .map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(r.map(String), r))].join(
    '\n',
  );
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
export const x = (n: number) => (Number.isFinite(n) ? n.toFixed(2) + '×' : '-');
export const share = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '-');

/** Milliseconds per site and share of each phase of `entry` and of the peer's completion. */
export function formatProfile(p: SiteProfile, entry: string): string {
  const phases = Object.entries(p.msPerSite).sort((a, b) => b[1] - a[1]);
  const total = (peer: boolean) =>
    phases.filter(([k]) => k.startsWith(PEER_PREFIX) === peer).reduce((sum, [, v]) => sum + v, 0);
  return [
    `Profile: ms per site (${p.sites} sites, sampled CPU profile; ${entry} ${ms(total(false))} ms, ` +
      `completion ${ms(total(true))} ms)`,
    table(
      ['phase', 'ms/site', 'share'],
      phases.map(([k, v]): Cell[] => [k, ms(v), `${((100 * v) / total(k.startsWith(PEER_PREFIX))).toFixed(0)}%`]),
    ),
  ].join('\n');
}

export function formatCorpus(s: CorpusSummary): string {
  const out: string[] = [];
  out.push(
    `== ${s.name}: ${s.files} files, ${s.latency.sites} sites measured (${s.errors.count} failed, ` +
      `${s.notExplicit} explicit holes not seen as holes); ${s.tsconfig}`,
  );
  out.push('', 'Latency, warm, ms (fresh program each: tsserver completion vs holeContextAt)');
  const latencyRow = (kind: string, l: Latency): Cell[] => [
    kind,
    l.sites,
    ms(l.completion.p50),
    ms(l.completion.p95),
    ms(l.context.p50),
    ms(l.context.p95),
    x(l.ratio),
  ];
  out.push(
    table(
      ['kind', 'sites', 'compl p50', 'compl p95', 'ctx p50', 'ctx p95', 'ratio p50'],
      [latencyRow('all', s.latency), ...Object.entries(s.latencyByKind).map(([k, l]) => latencyRow(k, l))],
    ),
  );

  const recallTable = (r: Recall) =>
    table(
      ['source', ...BUDGETS.map((b) => `@${b}`)],
      [...SOURCES.map((src) => [src, ...r.recall[src].map(share)]), ['spackle / better baseline', ...r.ratio.map(x)]],
    );
  const r = s.recall;
  out.push(
    '',
    `Context recall@B (${r.sitesWithNeeds} sites with ${r.needed} needed declarations; ` +
      `${r.sitesWithoutNeeds} sites need none and are left out)`,
  );
  out.push(recallTable(r));
  const u = s.recallUnseen;
  out.push(
    '',
    `Recall@B of the needed names not seen in the 30 lines around the hole (${u.needed} in ${u.sitesWithNeeds} sites)`,
  );
  out.push(recallTable(u));
  const recallRow = (kind: string, k: Recall): Cell[] => [
    kind,
    k.sitesWithNeeds,
    k.needed,
    ...SOURCES.map((src) => share(k.recall[src][TARGET_BUDGET])),
    x(k.ratio[TARGET_BUDGET]),
  ];
  out.push('', 'Recall@1024 per site kind');
  out.push(
    table(
      ['kind', 'sites', 'needed', 'spackle', 'nearest', 'jaccard', 'ratio'],
      Object.entries(s.recallByKind).map(([k, v]) => recallRow(k, v)),
    ),
  );

  const m = s.misses;
  out.push(
    '',
    'Spackle misses at 1024 tokens, per kind of needed declaration ("absent": not in the uncut context either)',
  );
  out.push(
    table(
      ['needed kind', 'needed', 'missed', 'absent'],
      [
        ...Object.entries(m.byNeededKind).map(([k, v]): Cell[] => [k, v.needed, v.missed, v.absentFromFullContext]),
        ['(same file, far)', m.sameFile.needed, m.sameFile.missed, ''],
        ['(other files)', m.otherFiles.needed, m.otherFiles.missed, ''],
      ],
    ),
  );
  out.push(
    `missed at 1024 but in the uncut context, by section: ${
      Object.entries(m.cutFrom)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  out.push(`most missed: ${m.topMissed.map((t) => `${t.name} ${t.count}`).join(', ')}`);

  out.push('', 'Tokens of the uncut context, median per section');
  out.push(
    table([...SECTION_ORDER, 'total'], [[...SECTION_ORDER, 'total'].map((k) => s.tokens[k as keyof typeof s.tokens])]),
  );

  if (s.profile) out.push('', formatProfile(s.profile, 'holeContextAt'));
  if (s.coldStart) {
    const c = s.coldStart;
    out.push('', 'Cold start, fresh process, median of 3, ms');
    out.push(
      table(
        ['command', 'median', 'runs'],
        [
          [c.spackleCommand, ms(c.spackleMedian), c.spackleMs.map(ms).join(' ')],
          [c.tscCommand, ms(c.tscMedian), c.tscMs.map(ms).join(' ')],
        ],
      ),
    );
    out.push(`ratio spackle / tsc: ${x(c.ratio)}`);
  }
  return out.join('\n');
}
