/**
 * The fill bench's results as the tables `npm run bench:fill` prints (BENCHMARKS.md §2).
 */
import type { FillCorpusSummary } from './fillBench.js';
import type { FirstFillSummary } from './firstFill.js';
import type { FillMetrics } from './fillSummary.js';
import { Cell, formatProfile, ms, share, table, x } from './table.js';

/** The bars of BENCHMARKS.md §2. */
const TARGETS = { nimOverPeer: 2, typeCorrect: 1, p95Ms: 100, dotPrompts: '82–86%' };

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const pct = (n: number) => (Number.isFinite(n) ? `${(100 * n).toFixed(1)}%` : '-');

export function formatFillCorpus(s: FillCorpusSummary): string {
  const o = s.overall;
  const rows = (row: (kind: string, m: FillMetrics) => Cell[], groups: Record<string, FillMetrics>) => [
    row('all', o),
    ...Object.entries(groups).map(([k, m]) => row(k, m)),
  ];
  const out: string[] = [];
  out.push(
    `== ${s.name}: ${s.files} files, ${o.sites} sites (${s.errors.count} failed), top 5, ` +
      `deadline ${s.deadlineMs} ms; ${s.tsconfig}`,
  );
  out.push(
    '',
    'Quality (exact: same tokens; ≈: exact up to nested `_()`; NIM@1 on sites whose truth has an identifier;',
    'type-correct: returned fills re-checked in a fresh program)',
  );
  out.push(
    table(
      [
        'kind',
        'sites',
        'exact@1',
        'exact@5',
        '≈@1',
        '≈@5',
        'NIM sites',
        'NIM@1',
        'tsserver NIM@1',
        'ours/tsserver',
        'fills',
        'type-correct',
        'no fill',
      ],
      rows(
        (k, m) => [
          k,
          m.sites,
          share(m.exact1),
          share(m.exact5),
          share(m.exactUpToHoles1),
          share(m.exactUpToHoles5),
          m.nimSites,
          share(m.nim1),
          share(m.peerNim1),
          x(m.nimRatio),
          m.fills,
          pct(m.typeCorrectRate),
          m.empty,
        ],
        s.byKind,
      ),
    ),
  );

  const runs = s.repeat > 1 ? `; median of ${s.repeat} runs per site` : '';
  out.push(
    '',
    `Latency per hole, warm, ms (fresh program each: fillHole with validation vs tsserver completion${runs})`,
  );
  out.push(
    table(
      ['kind', 'sites', 'fill p50', 'fill p95', 'compl p50', 'compl p95', 'ratio p50', 'timed out'],
      rows(
        (k, m) => [
          k,
          m.sites - m.failed,
          ms(m.fillMs.p50),
          ms(m.fillMs.p95),
          ms(m.completionMs.p50),
          ms(m.completionMs.p95),
          x(m.latencyRatio),
          m.timedOut,
        ],
        s.byKind,
      ),
    ),
  );

  out.push('', 'By shape of the removed expression');
  out.push(
    table(
      ['shape', 'sites', 'exact@1', 'exact@5', '≈@5', 'NIM@1', 'tsserver NIM@1', 'no fill'],
      Object.entries(s.byShape)
        .sort((a, b) => b[1].sites - a[1].sites)
        .map(([k, m]): Cell[] => [
          k,
          m.sites,
          share(m.exact1),
          share(m.exact5),
          share(m.exactUpToHoles5),
          share(m.nim1),
          share(m.peerNim1),
          m.empty,
        ]),
    ),
  );

  const member = s.byKind.member;
  out.push('', 'Targets');
  out.push(
    `  NIM@1 ≥ ${TARGETS.nimOverPeer}× tsserver: ${share(o.nim1)} vs ${share(o.peerNim1)} = ${x(o.nimRatio)}, ` +
      `${met(o.nimRatio >= TARGETS.nimOverPeer)}`,
  );
  out.push(
    `  returned fills type-check: ${o.typeCorrect}/${o.fills} = ${pct(o.typeCorrectRate)}, ` +
      `${met(o.typeCorrectRate >= TARGETS.typeCorrect)}`,
  );
  out.push(
    `  p95 ≤ ${TARGETS.p95Ms} ms per hole (warm, validation included): ${ms(o.fillMs.p95)} ms, ` +
      `${met(o.fillMs.p95 <= TARGETS.p95Ms)}`,
  );
  if (member) {
    out.push(
      `  member sites (DotPrompts analogue; monitors reached NIM@1 ${TARGETS.dotPrompts} in Java): ` +
        `NIM@1 ${pct(member.nim1)}, tsserver ${pct(member.peerNim1)}`,
    );
  }
  out.push(
    `  run: ${s.minutes.measure.toFixed(1)} min measuring, ` +
      `${s.minutes.check.toFixed(1)} min checking fills in fresh programs`,
  );

  if (s.firstFill) out.push('', ...formatFirstFill(s.firstFill));
  if (s.typeErrors.length) {
    out.push('', `Returned fills that do not type-check (${s.typeErrors.length})`);
    for (const e of s.typeErrors) {
      out.push(
        `  ${e.site} [${e.kind}] truth ${oneLine(e.truth)} | fill ${oneLine(e.fill)} | ` +
          e.added.map((a) => oneLine(a)).join('; '),
      );
    }
  }
  if (s.errors.count) out.push('', `fillHole failed at ${s.errors.count} sites: ${s.errors.examples.join(' | ')}`);
  if (s.profile) out.push('', formatProfile(s.profile, 'fillHole'));
  return out.join('\n');
}

/** The first fill after opening a file, cold and after the server readied it. */
function formatFirstFill(f: FirstFillSummary): string[] {
  const ofFillable = `with fills, of ${f.fillable} fillable`;
  return [
    `First fill after opening the file (${f.sites} sites, each loading the project afresh: ` +
      `${ms(f.loadMs.p50)} ms p50; deadline ${f.deadlineMs} ms)`,
    table(
      ['asked', 'with fills', ofFillable, 'p50 ms', 'p95 ms', 'readying p50', 'readying p95', 'longest slice'],
      [
        [
          'at once',
          share(f.coldAnswered),
          share(f.coldAnsweredFillable),
          ms(f.coldMs.p50),
          ms(f.coldMs.p95),
          '-',
          '-',
          '-',
        ],
        [
          'once readied',
          share(f.readiedAnswered),
          share(f.readiedAnsweredFillable),
          ms(f.readiedMs.p50),
          ms(f.readiedMs.p95),
          ms(f.prepareMs.p50),
          ms(f.prepareMs.p95),
          ms(f.longestSliceMs),
        ],
      ],
    ),
  ];
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
