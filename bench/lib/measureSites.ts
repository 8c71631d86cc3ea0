/**
 * The measuring loop of the corpus benches: warm-up sites (results dropped), then the measured ones, under a CPU
 * profile when asked.
 */
import { PhaseProfile, PhaseProfiler, PhaseSpec } from './profile.js';
import type { Log } from './runBench.js';
import type { SampledCorpus } from './sampledCorpus.js';
import type { Site } from './sites.js';

/**
 * Runs `measure` on the warm-up sites (results dropped), then on the measured ones, under a CPU profile split into
 * the phases of `profile` when one is given. `i` alternates the order of the two calls a measure times.
 */
export async function measureSites<T>(
  { warmup, measured }: SampledCorpus,
  measure: (site: Site, i: number) => T,
  log: Log,
  profile?: PhaseSpec,
): Promise<{ timings: T[]; profile?: PhaseProfile }> {
  warmup.forEach(measure);
  const profiler = profile && new PhaseProfiler(profile);
  await profiler?.start();
  const timings = measured.map((site, i) => {
    if (i % 50 === 0) log(`  site ${i}/${measured.length}`);
    return measure(site, i);
  });
  return { timings, profile: await profiler?.stop() };
}
