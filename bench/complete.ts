import { benchCompleteCorpus, CompleteArgs, CompleteRun } from './lib/completeBench.js';
import { formatCompleteCorpus } from './lib/completeTable.js';
import { wholeNumber } from './lib/args.js';
import { runBench } from './lib/runBench.js';

/**
 * `npm run bench:complete` (BENCHMARKS.md §5): code cut from the corpus in three shapes (the rest of a line, a
 * statement on an empty line, a function body); a scripted model writes it back unchanged or corrupted as models err,
 * and completion anywhere completes the cursor: what it shows is judged in a fresh program, per shape and per
 * corruption, against the model's raw output (what an unverified peer shows), with the latency it adds to the model's
 * own time.
 */
runBench<Pick<CompleteArgs, 'n' | 'unchanged' | 'heed' | 'tokenMs' | 'mode' | 'ready'>, CompleteRun>(
  {
    name: 'complete',
    usage: '[--unchanged 0.3] [--heed 0.5] [--token-ms 10] [--mode logprobs|ranker] [--at-once]',
    defaults: { n: 40, unchanged: 0.3, heed: 0.5, tokenMs: 10, mode: 'logprobs', ready: true },
    flags: {
      '--unchanged': (extra, value) => {
        extra.unchanged = share('--unchanged', value());
      },
      '--heed': (extra, value) => {
        extra.heed = share('--heed', value());
      },
      '--token-ms': (extra, value) => {
        extra.tokenMs = wholeNumber('--token-ms', value());
      },
      '--mode': (extra, value) => {
        const mode = value();
        if (mode !== 'logprobs' && mode !== 'ranker') throw new Error(`--mode is logprobs or ranker, not ${mode}`);
        extra.mode = mode;
      },
      '--at-once': (extra) => {
        extra.ready = false;
      },
    },
  },
  benchCompleteCorpus,
  formatCompleteCorpus,
);

function share(flag: string, text: string): number {
  const n = Number(text);
  if (!(n >= 0 && n <= 1)) throw new Error(`${flag} wants a share from 0 to 1, got ${text}`);
  return n;
}
