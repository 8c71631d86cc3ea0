/**
 * `npm run bench:fill` (BENCHMARKS.md §2): the embedded engine's top 5 at sampled holes against the removed
 * expression (exact@1/5, NIM@1), every returned fill re-checked in a fresh program, latency per hole; tsserver's
 * first completion at the same place as the peer on NIM@1 and latency.
 */
import { wholeNumber } from './lib/args.js';
import { benchFillCorpus, FillArgs, FillRun } from './lib/fillBench.js';
import { formatFillCorpus } from './lib/fillTable.js';
import { runBench } from './lib/runBench.js';

runBench<Pick<FillArgs, 'deadlineMs' | 'profile' | 'repeat' | 'first'>, FillRun>(
  {
    name: 'fill',
    usage: '[--deadline 150] [--repeat 1] [--first 60] [--profile]',
    defaults: { deadlineMs: 150, profile: false, repeat: 1, first: 60 },
    flags: {
      '--first': (extra, value) => {
        extra.first = wholeNumber('--first', value());
      },
      '--deadline': (extra, value) => {
        extra.deadlineMs = wholeNumber('--deadline', value());
      },
      '--repeat': (extra, value) => {
        extra.repeat = Math.max(1, wholeNumber('--repeat', value()));
      },
      '--profile': (extra) => {
        extra.profile = true;
      },
    },
  },
  benchFillCorpus,
  (run) => formatFillCorpus(run.summary),
);
