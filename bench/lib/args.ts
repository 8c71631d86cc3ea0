import * as path from 'node:path';

export interface BenchArgs {
  corpora: string[];
  n: number;
  seed: number;
  /** Sites run before measuring, to warm the JIT and the LanguageService; not counted. */
  warmup: number;
  out: string;
  /** Sample a CPU profile of holeContextAt and attribute its time to phases. */
  profile: boolean;
  /** Time a fresh process against tsc --noEmit (off for quick runs). */
  coldStart: boolean;
}

export const DEFAULT_CORPORA = ['node_modules/rxjs/src', 'node_modules/zod/src'];

const USAGE = 'usage: context [--corpus DIR]... [--n 300] [--seed 1] [--warmup 8] [--out bench/results/context.json] [--profile] [--no-cold-start]';

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { corpora: [], n: 300, seed: 1, warmup: 8, out: 'bench/results/context.json', profile: false, coldStart: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--corpus') args.corpora.push(path.resolve(value()));
    else if (flag === '--n') args.n = positiveInteger(flag, value());
    else if (flag === '--seed') args.seed = positiveInteger(flag, value());
    else if (flag === '--warmup') args.warmup = positiveInteger(flag, value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--profile') args.profile = true;
    else if (flag === '--no-cold-start') args.coldStart = false;
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  if (!args.corpora.length) args.corpora = DEFAULT_CORPORA.map((c) => path.resolve(c));
  return args;
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} wants a whole number, got ${text}`);
  return n;
}
