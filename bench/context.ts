/**
 * `npm run bench:context` (BENCHMARKS.md §1): latency of the hole context against tsserver's completion, recall of
 * the needed declarations in the rendered context against two baselines, tokens per section, cold start.
 */
import { benchCorpus, ContextArgs, CorpusRun } from './lib/corpusBench.js';
import { runBench } from './lib/runBench.js';
import { formatCorpus } from './lib/table.js';

runBench<Pick<ContextArgs, 'profile' | 'coldStart'>, CorpusRun>(
  {
    name: 'context',
    usage: '[--profile] [--no-cold-start]',
    defaults: { profile: false, coldStart: true },
    flags: {
      '--profile': (extra) => {
        extra.profile = true;
      },
      '--no-cold-start': (extra) => {
        extra.coldStart = false;
      },
    },
  },
  benchCorpus,
  (run) => formatCorpus(run.summary),
);
