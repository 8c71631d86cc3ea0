/**
 * `npm run bench:repair` (BENCHMARKS.md §4): real code broken the ways models break it (a member near miss or of
 * another type, a misspelt name, an argument or value of the wrong type, a wrong literal of a union, the wrong number
 * of arguments, a missing import); Spackle's repair code actions at each error against TypeScript's own code fixes,
 * every action judged in a fresh program; latency of both.
 */
import { benchRepairCorpus, RepairArgs, RepairRun } from './lib/repairBench.js';
import { formatRepairCorpus } from './lib/repairSummary.js';
import { runBench } from './lib/runBench.js';

runBench<Pick<RepairArgs, 'profile'>, RepairRun>(
  {
    name: 'repair',
    usage: '[--profile]',
    defaults: { profile: false },
    flags: {
      '--profile': (extra) => {
        extra.profile = true;
      },
    },
  },
  benchRepairCorpus,
  (run) => formatRepairCorpus(run.summary, run.sites),
);
