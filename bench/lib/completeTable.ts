import { CORRUPTIONS } from './corruptions.js';
import type { CompleteRun, CorruptionSummary, ShapeSummary } from './completeBench.js';
import { Cell, ms, table, x } from './table.js';

/** The bars of issue 19 (BENCHMARKS.md §5). */
const TARGETS = { typeCheck: 1, leaked: 0, correctedOrCut: 0.95, unchangedWhole: 0.99, addedP95Ms: 50 };
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function formatCompleteCorpus({ summary: s }: CompleteRun): string {
  const out: string[] = [];
  const skipped = Object.entries(s.skipped)
    .filter(([, n]) => n)
    .map(([why, n]) => `${n} skipped: ${why}`)
    .join('; ');
  out.push(`== ${s.name}: ${s.files} files, ${s.sites} sites${skipped ? ` (${skipped})` : ''}; ${s.tsconfig}`);
  out.push(
    `the scripted model: corrections by ${s.mode}, heeds an error round's messages at ${pct(s.heed, 1)}, ` +
      `${s.tokenMs} ms a token; ` +
      (s.ready
        ? 'each file readied first, as the server readies one that opened'
        : 'each completion asked at once, cold'),
  );

  out.push(
    '',
    'Per shape: shown = a completion was shown; type-checks = shown ones re-checked in a fresh program;',
    'exact = shown equals the truth; unchanged whole = unchanged truths shown whole;',
    "peer = the model's raw output type-checks (what an unverified peer shows)",
  );
  const shapeRow = (name: string, m: ShapeSummary): Cell[] => [
    name,
    m.sites,
    m.unchanged,
    m.corrupted,
    pct(m.shown, m.sites),
    pct(m.shownTypeCheck, m.shown),
    pct(m.exact, m.sites),
    pct(m.nothingShown, m.sites),
    pct(m.unchangedWhole, m.unchanged),
    pct(m.rawTypeCheck, m.sites),
  ];
  out.push(
    table(
      [
        'shape',
        'sites',
        'unchanged',
        'corrupted',
        'shown',
        'type-checks',
        'exact',
        'nothing',
        'unchanged whole',
        'peer compiles',
      ],
      [shapeRow('all', s.overall), ...Object.entries(s.byShape).map(([k, m]) => shapeRow(k, m))],
    ),
  );

  out.push(
    '',
    'Latency per completion, ms: context = before the first request (context, prompt);',
    "model = the server's own time (its requests, arrival to last byte); added = what monitors and checks in place",
    'add to those (total - context - model); monitors and checks: their own work',
  );
  const timeRow = (name: string, m: ShapeSummary): Cell[] => [
    name,
    m.sites,
    ms(m.setupMs.p50),
    ms(m.modelMs.p50),
    ms(m.modelMs.p95),
    ms(m.addedMs.p50),
    ms(m.addedMs.p95),
    ms(m.monitorMs.p95),
    ms(m.verifyMs.p50),
    ms(m.verifyMs.p95),
    ms(m.totalMs.p50),
    x(m.totalMs.p50 / m.modelMs.p50),
  ];
  out.push(
    table(
      [
        'shape',
        'sites',
        'context p50',
        'model p50',
        'model p95',
        'added p50',
        'added p95',
        'monitors p95',
        'checks p50',
        'checks p95',
        'total p50',
        'total/model p50',
      ],
      [timeRow('all', s.overall), ...Object.entries(s.byShape).map(([k, m]) => timeRow(k, m))],
    ),
  );

  out.push('', 'Per corruption (all shapes): what became of the corrupted answer');
  const kinds = CORRUPTIONS.filter((k) => s.byCorruption[k]);
  const corruptionRow = (name: string, m: CorruptionSummary): Cell[] => {
    const o = m.outcomes;
    const fixed = o['corrected by monitors'] + o['corrected by error rounds'] + o.cut;
    return [
      name,
      m.sites,
      o['corrected by monitors'],
      o['corrected by error rounds'],
      o.cut,
      o['nothing shown'],
      o.leaked,
      pct(fixed, m.sites),
      pct(m.exact, m.sites),
      pct(m.rawTypeCheck, m.sites),
    ];
  };
  const all = totals(kinds.map((k) => s.byCorruption[k]));
  out.push(
    table(
      [
        'corruption',
        'sites',
        'monitors',
        'error rounds',
        'cut',
        'nothing',
        'leaked',
        'corrected or cut',
        'exact',
        'peer compiles',
      ],
      [...kinds.map((k) => corruptionRow(k, s.byCorruption[k])), corruptionRow('all', all)],
    ),
  );

  const o = s.overall;
  const fixed = all.outcomes['corrected by monitors'] + all.outcomes['corrected by error rounds'] + all.outcomes.cut;
  out.push(
    '',
    `targets: shown type-check 100%: ${pct(o.shownTypeCheck, o.shown)} ${met(o.shownTypeCheck === o.shown)}; ` +
      `corruptions leaked 0: ${all.outcomes.leaked} ${met(all.outcomes.leaked === TARGETS.leaked)}; ` +
      `corrected or cut >= 95%: ${pct(fixed, all.sites)} ${met(fixed >= TARGETS.correctedOrCut * all.sites)}; ` +
      `unchanged shown whole >= 99%: ${pct(o.unchangedWhole, o.unchanged)} ` +
      `${met(o.unchangedWhole >= TARGETS.unchangedWhole * o.unchanged)}; ` +
      `added p95 <= 50 ms: ${ms(o.addedMs.p95)} ${met(o.addedMs.p95 <= TARGETS.addedP95Ms)}`,
  );
  if (s.firstAnswer)
    out.push(
      `first answer after the project loaded and the file opened: ${ms(s.firstAnswer.ms)} ms, ` +
        (s.firstAnswer.shown ? 'shown' : 'nothing shown'),
    );
  return out.join('\n');
}

function totals(summaries: CorruptionSummary[]): CorruptionSummary {
  const sum = (f: (m: CorruptionSummary) => number) => summaries.reduce((n, m) => n + f(m), 0);
  const outcomes = Object.fromEntries(
    Object.keys(summaries[0]?.outcomes ?? {}).map((k) => [k, sum((m) => m.outcomes[k as keyof typeof m.outcomes])]),
  );
  return {
    sites: sum((m) => m.sites),
    outcomes: outcomes as CorruptionSummary['outcomes'],
    exact: sum((m) => m.exact),
    rawTypeCheck: sum((m) => m.rawTypeCheck),
  };
}
