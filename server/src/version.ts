import { readFileSync } from 'node:fs';

/** The package version, read once from package.json beside the build. */
export const VERSION: string = (() => {
  for (const candidate of ['../../../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')).version as string;
    } catch {
      // Not at this depth: the source tree and the build sit at different depths.
    }
  }
  return '0.0.0';
})();
