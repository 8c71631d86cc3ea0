/**
 * `npm run bench:decode` (BENCHMARKS.md §3): at sampled member sites a scripted model served by a local
 * OpenAI-compatible server names a plausible wrong member first; the LLM engine fills each site with monitors off
 * (the checker's error rounds only) and on (corrected by the ranking, top logprobs, or guided choice): hallucinations
 * caught and corrected, extra requests, monitor time per check, and every returned fill re-checked in a fresh program.
 */
import { benchDecodeCorpus, DecodeRun } from './lib/decodeBench.js';
import { formatDecodeCorpus } from './lib/decodeTable.js';
import { runBench } from './lib/runBench.js';

runBench<{ n: number }, DecodeRun>(
  {
    name: 'decode',
    usage: '',
    defaults: { n: 100 },
    flags: {},
  },
  benchDecodeCorpus,
  formatDecodeCorpus,
);
