import { Budget } from '../../server/src/budget.js';
import { fillHole } from '../../server/src/synth/fill.js';
import type { FillOptions, FillResult } from '../../server/src/synth/fillData.js';
import { Fixture, HoleQuery, useFixture } from './fixture.js';

/**
 * Fills of the hole at a query (the text found, else the cursor marker, else the first `_()`), within a generous
 * budget made once the program is up to date (unless one is given): tests judge results, the benchmark judges time.
 */
export function fillIn(
  f: Fixture,
  { file = 'main.ts', at }: Omit<HoleQuery, 'options'> = {},
  options: FillOptions = {},
  budget?: Budget,
): FillResult {
  const marked = at ?? (hasCursor(f, file) ? undefined : '_()');
  const offset = marked === undefined ? f.cursor(file) : f.offsetOf(file, marked);
  f.workspace.snapshot(f.file(file));
  return fillHole(f.workspace, f.file(file), offset, { limit: 10, ...options }, budget ?? Budget.of(5000));
}

export function fillsOf(
  files: Record<string, string>,
  query: Omit<HoleQuery, 'options'> = {},
  options: FillOptions = {},
): string[] {
  return fillIn(useFixture(files), query, options).fills.map((c) => c.text);
}

/** The feature's check: the best `count` fills rendered as `text: type (form)`, for `toMatchInlineSnapshot`. */
export function rankedFills(files: Record<string, string>, count = 3): string[] {
  return fillIn(useFixture(files))
    .fills.slice(0, count)
    .map((c) => `${c.text}: ${c.type} (${c.form})`);
}

function hasCursor(f: Fixture, file: string): boolean {
  try {
    f.cursor(file);
    return true;
  } catch {
    return false;
  }
}
