import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from './lib/args.js';
import { benchCorpus, CorpusRun } from './lib/corpusBench.js';
import { formatCorpus } from './lib/table.js';

/**
 * `npm run bench:context` (BENCHMARKS.md §1): latency of the hole context against tsserver's completion, recall of
 * the needed declarations in the rendered context against two baselines, tokens per section, cold start.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(line + '\n');
  const runs: CorpusRun[] = [];
  for (const corpus of args.corpora) runs.push(await benchCorpus(corpus, args, log));
  for (const run of runs) console.log('\n' + formatCorpus(run.summary));
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ date: new Date().toISOString(), node: process.version, args, corpora: runs }, null, 2));
  console.log(`\nwrote ${args.out}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
