/** The fuzzer's report as the tables `npm run bench:fuzz` prints. */
import type { FuzzReport } from './fuzzRun.js';
import { table } from './table.js';

export function formatFuzzReport(r: FuzzReport): string {
  const out: string[] = [];
  out.push(`Fuzz: ${r.frames} frames in ${r.seconds} s`);
  out.push(
    table(
      ['frames by kind', 'count'],
      Object.entries(r.byKind).sort((a, b) => b[1] - a[1]),
    ),
  );
  out.push(
    '',
    table(
      ['outcome', 'count'],
      [
        ['requests', r.requests],
        ['answers to requests and invalid messages', r.answered],
        ['unanswered', r.unanswered.length],
        ['internal errors (-32603)', r.internalErrors.length],
        ['crashes', r.crashes.length],
        ['framing mutations: exited 1 with a reason', r.framingExits],
        ['framing mutations: missed', r.framingMissed.length],
        ['health checks', r.healthChecks],
        ['health checks first answered busy, then asked again', r.healthBusy],
        ['health checks failed', r.healthFailures.length],
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
  if (r.rssMb) {
    const { before, peak, afterClose } = r.rssMb;
    out.push(
      '',
      table(
        ['RSS MB', 'before', 'peak', 'after the fuzzed documents closed', 'after / before'],
        [['server', before, peak, afterClose, `${(afterClose / before).toFixed(2)}×`]],
      ),
    );
  }
  const findings = [
    ...r.crashes.map((c) => `crash after frame ${c.afterFrame} (exit ${c.code}): ${c.stderr.slice(-800)}`),
    ...r.unanswered.slice(0, 20).map((u) => `unanswered: ${u.method} (id ${JSON.stringify(u.id)})`),
    ...r.internalErrors.slice(0, 20).map((e) => `internal error: ${e.method}: ${e.message}`),
    ...r.framingMissed.map((m) => `framing: ${m}`),
    ...r.healthFailures.slice(0, 20).map((h) => `health: ${h}`),
  ];
  if (findings.length) out.push('', 'Findings:', ...findings.map((f) => `- ${f}`));
  return out.join('\n');
}
