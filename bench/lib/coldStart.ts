/**
 * The cold start of the context bench: a fresh `spackle context` process against a fresh `tsc --noEmit` of the same
 * project, interleaved, medians of a few runs.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median, ratio } from './stats.js';

export interface ColdStartPoint {
  file: string;
  /** 1-based, as the CLI takes them. */
  line: number;
  column: number;
  /** 0-based UTF-16 offset of the same point. */
  offset: number;
}

export interface ColdStart {
  spackleCommand: string;
  spackleMs: number[];
  tscCommand: string;
  tscMs: number[];
  spackleMedian: number;
  tscMedian: number;
  ratio: number;
}

const RUNS = 3;
/** The repository, seen from dist/bench/lib. */
const REPO = path.join(__dirname, '../../../');

/**
 * A fresh process answering one hole query (`spackle context FILE:LINE:COL --json`) against a fresh `tsc --noEmit`
 * of the same project; median of RUNS each, interleaved, after one untimed run of each to warm the disk cache.
 */
export function coldStart(point: ColdStartPoint, tsconfig: string): ColdStart {
  // rxjs's tsconfig is `incremental`: without `--incremental false` tsc replays the diagnostics of its last run
  // from .tsbuildinfo and checks nothing, which is no peer for a first answer.
  const tsc = [
    'node_modules/typescript/bin/tsc',
    '--noEmit',
    '-p',
    tsconfig,
    '--ignoreDeprecations',
    '6.0',
    '--incremental',
    'false',
  ];
  const cli = ['bin/spackle.js', 'context', `${point.file}:${point.line}:${point.column}`, '--json'];
  run(cli);
  run(tsc);
  const spackleMs: number[] = [];
  const tscMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    tscMs.push(run(tsc).ms);
    const answer = run(cli);
    if (problemOf(answer)) throw new Error(`cold start: ${problemOf(answer)}`);
    spackleMs.push(answer.ms);
  }
  return {
    spackleCommand: commandLine(cli),
    spackleMs,
    tscCommand: commandLine(tsc),
    tscMs,
    spackleMedian: median(spackleMs),
    tscMedian: median(tscMs),
    ratio: ratio(median(spackleMs), median(tscMs)),
  };
}

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    ms: performance.now() - started,
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
}

/** Why a spackle run is no answer: a failed exit or output that is not JSON. */
function problemOf(answer: Run): string | undefined {
  if (answer.status !== 0) return `exit ${answer.status}: ${answer.stderr.trim().split('\n')[0] ?? ''}`;
  try {
    JSON.parse(answer.stdout);
    return undefined;
  } catch {
    return 'output is not JSON';
  }
}

function commandLine(args: string[]): string {
  return [
    'node',
    ...args.map((a) => (/^[\w./:=-]+$/.test(a) ? a : JSON.stringify(a.length > 60 ? a.slice(0, 57) + '…' : a))),
  ].join(' ');
}
