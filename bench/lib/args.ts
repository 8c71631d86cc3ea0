/**
 * The flags every corpus bench takes (`--corpus`, `--n`, `--seed`, `--warmup`, `--kinds`, `--out`) and each bench's
 * own, parsed strictly: an unknown flag or a malformed value stops the bench with its usage.
 */
import * as path from 'node:path';
import { PLACE_KINDS, SITE_KINDS, SiteKind } from './sites.js';

/** The flags every corpus bench takes. */
export interface BenchArgs {
  corpora: string[];
  n: number;
  seed: number;
  /** Sites run before measuring, to warm the JIT and the LanguageService; not counted. */
  warmup: number;
  /** The kinds of site sampled, each as often as the others. */
  kinds: SiteKind[];
  out: string;
}

/** A command line the bench cannot take (or `--help`): its message is the whole output, no stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly asked = false,
  ) {
    super(message);
  }
}

export const DEFAULT_CORPORA = ['node_modules/rxjs/src', 'node_modules/zod/src'];

/** A bench's own flags: each reads its value (if it takes one) into the bench's extra arguments. */
export type ExtraFlags<E> = Record<string, (extra: E, value: () => string) => void>;

export interface BenchSpec<E> {
  /** Names the default output, bench/results/<name>.json. */
  name: string;
  /** The bench's own flags, for the usage line, e.g. `[--profile]`. */
  usage: string;
  defaults: E;
  flags: ExtraFlags<E>;
}

export function parseArgs<E extends object>(argv: string[], spec: BenchSpec<E>): BenchArgs & E {
  const out = `bench/results/${spec.name}.json`;
  const kinds = [...SITE_KINDS];
  const usage =
    `usage: ${spec.name} [--corpus DIR]... [--n 300] [--seed 1] [--warmup 8] [--kinds ${kinds}] ` +
    `[--out ${out}] ${spec.usage}`;
  const args: BenchArgs & E = { corpora: [], n: 300, seed: 1, warmup: 8, kinds, out, ...spec.defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value\n${usage}`);
      return v;
    };
    if (flag === '--help' || flag === '-h') throw new UsageError(usage, true);
    else if (flag === '--corpus') args.corpora.push(path.resolve(value()));
    else if (flag === '--n') args.n = wholeNumber(flag, value());
    else if (flag === '--seed') args.seed = wholeNumber(flag, value());
    else if (flag === '--warmup') args.warmup = wholeNumber(flag, value());
    else if (flag === '--kinds') args.kinds = siteKinds(value());
    else if (flag === '--out') args.out = value();
    else if (Object.hasOwn(spec.flags, flag)) spec.flags[flag](args, value);
    else throw new UsageError(`unknown flag ${flag}\n${usage}`);
  }
  if (!args.corpora.length) args.corpora = DEFAULT_CORPORA.map((c) => path.resolve(c));
  return args;
}

function siteKinds(text: string): SiteKind[] {
  const known: readonly string[] = [...SITE_KINDS, ...PLACE_KINDS];
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !known.includes(k));
  if (unknown.length || !kinds.length) throw new UsageError(`--kinds takes a list of ${known.join(', ')}; got ${text}`);
  return kinds as SiteKind[];
}

export function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} wants a whole number, got ${text}`);
  return n;
}
