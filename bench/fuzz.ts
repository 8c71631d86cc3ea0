/**
 * `npm run bench:fuzz`: the fuzzer's long run (fuzzRun.ts) against the built server: frames, crashes, unanswered
 * requests, errors by code, health checks and memory. `--frames N` (20,000), `--seed S` (1), `--framing-every N`
 * (400: a framing mutation, and a restart, every N frames), `--out FILE`.
 */
import { UsageError, wholeNumber } from './lib/args.js';
import { writeResults } from './lib/runBench.js';
import { formatFuzzReport } from './lib/fuzzTable.js';
import { fuzz, FuzzOptions } from './lib/fuzzRun.js';

async function main(): Promise<void> {
  const options: FuzzOptions = {
    frames: 20_000,
    seed: 1,
    framingEvery: 400,
    healthEvery: 100,
    log: (line) => process.stderr.write(line + '\n'),
  };
  let out = 'bench/results/fuzz.json';
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i] ?? '';
    if (flag === '--frames') options.frames = wholeNumber(flag, value());
    else if (flag === '--seed') options.seed = wholeNumber(flag, value());
    else if (flag === '--framing-every') options.framingEvery = wholeNumber(flag, value());
    else if (flag === '--out') out = value();
    else
      throw new UsageError(
        `unknown flag ${flag}\nusage: fuzz [--frames 20000] [--seed 1] [--framing-every 400] [--out ${out}]`,
      );
  }
  const report = await fuzz(options);
  console.log(formatFuzzReport(report));
  writeResults(out, { options: { ...options, log: undefined }, report });
  const clean =
    !report.crashes.length &&
    !report.unanswered.length &&
    !report.healthFailures.length &&
    !report.internalErrors.length &&
    !report.framingMissed.length;
  if (!clean) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? error.stack : error);
  process.exitCode = 2;
});
