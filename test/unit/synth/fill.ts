import { Budget } from '../../../server/src/budget.js';
import { fillHole } from '../../../server/src/synth/fill.js';
import type { FillOptions, FillResult } from '../../../server/src/synth/fillData.js';
import { Fixture, HoleQuery, useFixture } from '../../helpers/fixture.js';

/**
 * Fills of the hole at a query (the text found, else the cursor marker, else the first `_()`), within a generous
 * budget made once the program is up to date (unless one is given): tests judge results, the benchmark judges time.
 */
export function fillIn(
  f: Fixture, { file = 'main.ts', at, delta = 0 }: Omit<HoleQuery, 'options'> = {}, options: FillOptions = {},
  budget?: Budget,
): FillResult {
  const offset = at !== undefined ? f.offsetOf(file, at, delta) : hasCursor(f, file) ? f.cursor(file) : f.offsetOf(file, '_()');
  f.workspace.snapshot(f.file(file));
  return fillHole(f.workspace, f.file(file), offset, { limit: 10, ...options }, budget ?? Budget.of(5000));
}

export function fillsOf(files: Record<string, string>, query: Omit<HoleQuery, 'options'> = {}, options: FillOptions = {}): string[] {
  return fillIn(useFixture(files), query, options).fills.map((c) => c.text);
}

function hasCursor(f: Fixture, file: string): boolean {
  try {
    f.cursor(file);
    return true;
  } catch {
    return false;
  }
}
