import { expect, test } from 'vitest';
import { formatFuzzReport } from '../../bench/lib/fuzzTable.js';
import { fuzz } from '../../bench/lib/fuzzRun.js';

/**
 * The fuzzer's short run (`npm run bench:fuzz` is the long one): 2,000 seeded frames of every kind against the
 * built server, two framing mutations among them (each must end the server, which is then started again).
 */
test('2,000 fuzzed frames: no crash, all answered, no internal error, documents in sync, memory back', async () => {
  const report = await fuzz({ frames: 2000, seed: 16, framingEvery: 1000, healthEvery: 100 });
  const findings = formatFuzzReport(report);
  expect(report.frames, findings).toBe(2000);
  expect(report.crashes, findings).toEqual([]);
  expect(report.unanswered, findings).toEqual([]);
  expect(report.internalErrors, findings).toEqual([]);
  expect(report.framingMissed, findings).toEqual([]);
  expect(report.framingExits).toBe(2);
  expect(report.healthFailures, findings).toEqual([]);
  expect(report.healthChecks).toBeGreaterThanOrEqual(20);
  if (report.rssMb) expect(report.rssMb.afterClose / report.rssMb.before, findings).toBeLessThan(1.5);
}, 300_000);
