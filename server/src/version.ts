/**
 * The versions `spackle --version`, `spackle doctor` and the LSP's `serverInfo` report: the package's own (from its
 * package.json) and TypeScript's.
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The package version, read once from package.json beside the build. */
export const VERSION: string = (() => {
  for (const candidate of ['../../../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(path.join(__dirname, candidate), 'utf8')).version as string;
    } catch {
      // Not at this depth: the source tree and the build sit at different depths.
    }
  }
  return '0.0.0';
})();

/** The TypeScript Spackle reads every project with, whatever the project pins. */
export const TYPESCRIPT_VERSION: string = ts.version;
