/**
 * A corpus bench's main: flags, each corpus in turn (progress on stderr), the tables on stdout and everything as JSON
 * to `--out`, marked with the commit the server's code is at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BenchArgs, BenchSpec, parseArgs, UsageError } from './args.js';

export type Log = (line: string) => void;

/**
 * A corpus bench's main: parses the flags, benches each corpus in turn (progress on stderr), prints each corpus'
 * tables and writes everything as JSON to `--out`.
 */
export function runBench<E extends object, R>(
  spec: BenchSpec<E>,
  benchCorpus: (dir: string, args: BenchArgs & E, log: Log) => Promise<R>,
  format: (run: R) => string,
): void {
  const main = async () => {
    const args = parseArgs(process.argv.slice(2), spec);
    const log: Log = (line) => process.stderr.write(line + '\n');
    const engine = engineVersion();
    log(`engine: ${engine}`);
    const runs: R[] = [];
    for (const corpus of args.corpora) runs.push(await benchCorpus(corpus, args, log));
    console.log(`engine: ${engine}`);
    for (const run of runs) console.log('\n' + format(run));
    writeResults(args.out, { engine, args, corpora: runs });
  };
  main().catch((error) => {
    if (error instanceof UsageError && error.asked) return console.log(error.message);
    console.error(error instanceof UsageError ? error.message : error instanceof Error ? error.stack : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}

/** The commit the server's code is at, marked `+changes` when server/src differs from it: others edit it meanwhile. */
function engineVersion(): string {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--', 'server/src') ? `${commit}+changes` : commit;
}

/** Writes a bench's results as JSON to `out` (under bench/results/ by default), stamped with the date and Node. */
export function writeResults(out: string, results: object): void {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, ...results }, null, 2));
  console.log(`\nwrote ${out}`);
}
