import { Budget } from '../../server/src/budget.js';
import { errorsAround, fileErrors } from '../../server/src/repair/fileErrors.js';
import { repairError } from '../../server/src/repair/repairError.js';
import type { RepairOptions, TargetRepairs, TextChange } from '../../server/src/repair/repairData.js';
import { applyChanges } from '../../server/src/workspace/textChanges.js';
import type { Fixture } from './fixture.js';

/**
 * The repairs of the error at the cursor marker of `file`, with a deadline no test machine reaches: tests judge the
 * repairs, the benchmark judges time.
 */
export async function repairsAtCursor(
  f: Fixture,
  file = 'main.ts',
  options: RepairOptions = {},
  budget = Budget.of(10_000),
): Promise<TargetRepairs> {
  const snapshot = f.workspace.snapshot(f.file(file));
  const at = f.cursor(file);
  const [target] = errorsAround(snapshot, at, at);
  if (!target) throw new Error(`no error at the cursor of ${file}`);
  return repairError(snapshot, target, options, budget);
}

/**
 * The compiler's errors of `file` with `changes` applied, as `TS<code> <message>`, from the workspace's own program.
 */
export function errorsWith(f: Fixture, changes: TextChange[], file = 'main.ts'): string[] {
  const path = f.file(file);
  const original = f.text(file);
  f.workspace.change(path, applyChanges(original, changes));
  try {
    return fileErrors(f.workspace.snapshot(path)).map((e) => `TS${e.code} ${e.message}`);
  } finally {
    f.workspace.change(path, original);
  }
}
