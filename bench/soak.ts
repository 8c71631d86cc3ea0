/**
 * `npm run bench:soak`: minutes of a user's edits and requests against the built server (soakRun.ts), on rxjs by
 * default. `--minutes M` (6), `--corpus DIR`, `--seed S` (1), `--files N` (12 documents open), `--cancel SHARE`
 * (0.25), `--server BIN` (another build's bin/spackle.js, as a peer), `--out FILE`.
 */
import * as path from 'node:path';
import { UsageError, wholeNumber } from './lib/args.js';
import { writeResults } from './lib/runBench.js';
import { soak, SoakOptions } from './lib/soakRun.js';
import { formatSoakReport } from './lib/soakTable.js';

async function main(): Promise<void> {
  const options: SoakOptions = {
    corpus: path.resolve('node_modules/rxjs/src'),
    minutes: 6,
    seed: 1,
    files: 12,
    cancelShare: 0.25,
    log: (line) => process.stderr.write(line + '\n'),
  };
  let out = 'bench/results/soak.json';
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i] ?? '';
    if (flag === '--minutes') options.minutes = Number(value());
    else if (flag === '--corpus') options.corpus = path.resolve(value());
    else if (flag === '--seed') options.seed = wholeNumber(flag, value());
    else if (flag === '--files') options.files = wholeNumber(flag, value());
    else if (flag === '--cancel') options.cancelShare = Number(value());
    else if (flag === '--server') options.command = [process.execPath, path.resolve(value()), '--stdio'];
    else if (flag === '--out') out = value();
    else
      throw new UsageError(
        `unknown flag ${flag}\nusage: soak [--minutes 6] [--corpus DIR] [--seed 1] [--files 12] ` +
          `[--cancel 0.25] [--server BIN] [--out ${out}]`,
      );
  }
  const report = await soak(options);
  console.log(formatSoakReport(report));
  writeResults(out, { options: { ...options, log: undefined }, report });
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? error.stack : error);
  process.exitCode = 2;
});
