/**
 * The decoding bench's results as the tables `npm run bench:decode` prints (BENCHMARKS.md §3).
 */
import { DecodeRun, MODES } from './decodeBench.js';
import { Cell, ms, table } from './table.js';

/** The bars of issue 4 (BENCHMARKS.md §3). */
const TARGETS = { corrected: 0.95, catchable: 0, monitorP95Ms: 5 };
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function formatDecodeCorpus({ summary: s }: DecodeRun): string {
  const out: string[] = [];
  const skipped = Object.entries(s.skipped)
    .filter(([, n]) => n)
    .map(([why, n]) => `${n} skipped: ${why}`)
    .join('; ');
  out.push(
    `== ${s.name}: ${s.files} files, ${s.sites} member sites with a scripted hallucination` +
      `${skipped ? ` (${skipped})` : ''}; ${s.tsconfig}`,
  );
  out.push(
    '',
    'Per mode: off = no monitors (the checker and 2 error rounds only); ' +
      'the others monitor and correct by the named means',
    "(ranker: the embedded ranking and spelling, no help from the server; logprobs: the stream's top 5; " +
      'guidedChoice: vLLM-style guided choice)',
  );
  out.push(
    table(
      [
        'mode',
        'sites',
        'caught',
        'corrected',
        'exact',
        'catchable errs',
        'extra req/corr',
        'error rounds',
        'check p50',
        'check p95',
        'interv p95',
        'setup p95',
        'wall p50',
        'wall p95',
      ],
      MODES.map((mode): Cell[] => {
        const m = s.byMode[mode];
        return [
          mode,
          m.sites,
          pct(m.caught, m.sites),
          pct(m.corrected, m.sites),
          pct(m.exact, m.sites),
          m.catchableErrors,
          m.extraRequestsPerCorrection.toFixed(2),
          m.errorRounds.toFixed(2),
          ms(m.checkMs.p50),
          ms(m.checkMs.p95),
          ms(m.interventionMs.p95),
          ms(m.setupMs.p95),
          ms(m.wallMs.p50),
          ms(m.wallMs.p95),
        ];
      }),
    ),
  );
  const off = s.byMode.off;
  const guided = MODES.filter((m) => m !== 'off').map((m) => s.byMode[m]);
  const worstCorrected = Math.min(...guided.map((m) => m.corrected / m.sites));
  const worstP95 = Math.max(...guided.map((m) => Math.max(m.checkMs.p95, m.interventionMs.p95)));
  out.push(
    '',
    `wall p50 ratio monitors (ranker) / off: ${(s.byMode.ranker.wallMs.p50 / off.wallMs.p50).toFixed(2)}×; ` +
      `extra requests per correction ranker ${s.byMode.ranker.extraRequestsPerCorrection.toFixed(2)} ` +
      `vs off ${off.extraRequestsPerCorrection.toFixed(2)}`,
  );
  const catchable = guided.reduce((n, m) => n + m.catchableErrors, 0);
  out.push(
    `targets: corrected >= 95% with monitors: ${pct(worstCorrected, 1)} (worst mode) ` +
      `${met(worstCorrected >= TARGETS.corrected)}; ` +
      `returned fills with a monitor-catchable error: ${catchable} ` +
      `${met(guided.every((m) => m.catchableErrors === TARGETS.catchable))}; ` +
      `monitor work p95 <= 5 ms: ${ms(worstP95)} ms ${met(worstP95 <= TARGETS.monitorP95Ms)}`,
  );
  out.push(`strategies used: ${guided.map((m, i) => `${MODES[i + 1]} ${JSON.stringify(m.strategies)}`).join(', ')}`);
  return out.join('\n');
}
