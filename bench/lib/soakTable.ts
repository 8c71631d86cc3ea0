/** The soak's report as the tables `npm run bench:soak` prints. */
import type { SoakReport } from './soakRun.js';
import { ms, table } from './table.js';

export function formatSoakReport(r: SoakReport): string {
  const out: string[] = [];
  const percent = (n: number) => (Number.isFinite(n) ? `${(100 * n).toFixed(1)}%` : '-');
  out.push(
    `Soak: ${r.corpus}, ${r.minutes} min, ${r.edits} didChange (a key each, or a paste, a deletion), ` +
      `${r.requests} requests`,
  );
  out.push(
    table(
      ['outcome', 'count'],
      [
        ['crashes', r.crashes],
        ['unanswered requests', r.unanswered],
        ['restarts of the analysis', r.restarts.length],
        ['documents identical at the end', `${r.documents.identical}/${r.documents.compared}`],
      ],
    ),
  );
  out.push(
    '',
    table(
      ['method', 'sent', 'answered', 'cancelled', 'errors', 'p50 ms', 'p95 ms'],
      Object.entries(r.methods).map(([method, m]) => [
        method,
        m.sent,
        m.answered,
        m.cancelled,
        m.errors,
        ms(m.p50),
        ms(m.p95),
      ]),
    ),
  );
  out.push(
    '',
    table(
      ['cancelled requests', 'count', 'p50 ms after cancel', 'p95 ms after cancel', 'max ms'],
      [
        [
          'answered after $/cancelRequest',
          r.cancellation.count,
          ms(r.cancellation.p50),
          ms(r.cancellation.p95),
          ms(r.cancellation.max),
        ],
      ],
    ),
  );
  out.push(
    '',
    table(
      ['error code', 'answers'],
      Object.entries(r.errorsByCode).sort((a, b) => b[1] - a[1]),
    ),
  );
  const every = Math.max(1, Math.round(r.rss.length / 12));
  out.push(
    '',
    table(
      ['s', 'RSS MB'],
      r.rss.filter((_, i) => i % every === 0 || i === r.rss.length - 1),
    ),
  );
  out.push(`RSS drift, last third over first third after warm-up: ${percent(r.rssDrift)}`);
  const findings = [...r.restarts, ...r.documents.mismatches];
  if (findings.length) out.push('', 'Findings:', ...findings.map((f) => `- ${f}`));
  return out.join('\n');
}
