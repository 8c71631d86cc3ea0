/**
 * A whole file's repairs (`spackle.repairFile`, `spackle repair`): the best repair of each error, proven together on
 * the whole file (`proveChanges`); repairs that clash with a better-placed one are left out, and when they do not hold
 * together each is kept only if the file still proves.
 */
import type { Budget } from '../budget.js';
import type { Workspace } from '../workspace/workspace.js';
import { distinct, fileErrors } from './fileErrors.js';
import { repairError } from './repairError.js';
import { REPAIRABLE_CODES } from './repairSite.js';
import type { FileRepair, Repair, RepairOptions, TextChange } from './repairData.js';
import { proveChanges } from './verify.js';

/**
 * The best verified repair of every error of a file, as one set of changes proven together on the whole file: no
 * repaired error left, none added. Repairs that touch the same text as a better-placed one are left out; when the
 * repairs do not hold together, they are taken one at a time, each kept only if the file still proves. Each error has
 * `budget`'s allowance from when its turn comes.
 */
export async function repairFile(
  workspace: Workspace,
  file: string,
  options: RepairOptions,
  budget: Budget,
): Promise<FileRepair> {
  const base = workspace.snapshot(file);
  const unfixed: FileRepair['unfixed'] = [];
  const chosen: Repair[] = [];
  for (const target of distinct(fileErrors(base))) {
    if (!REPAIRABLE_CODES.has(target.code)) {
      unfixed.push({ target, reason: `Spackle does not repair error TS${target.code}` });
      continue;
    }
    const { repairs, reason } = await repairError(base, target, options, budget.restarted());
    const fits = repairs.find((r) =>
      r.changes.every((c) => chosen.every((other) => other.changes.every((o) => !clashes(c, o)))),
    );
    if (fits) chosen.push(fits);
    else
      unfixed.push({
        target,
        reason: repairs.length ? "its repairs overlap another error's" : (reason ?? 'no repair'),
      });
  }
  const together = proveChanges(
    base,
    changesOf(chosen),
    chosen.map((r) => r.target),
    'file',
  );
  let fixed = chosen;
  if (!together.ok) {
    fixed = [];
    for (const repair of chosen) {
      const tried = [...fixed, repair];
      if (
        proveChanges(
          base,
          changesOf(tried),
          tried.map((r) => r.target),
          'file',
        ).ok
      )
        fixed = tried;
      else
        unfixed.push({
          target: repair.target,
          reason: `its repair (${repair.description}) does not hold with the others`,
        });
    }
  }
  unfixed.sort((a, b) => a.target.start - b.target.start);
  return { file: base.sourceFile.fileName, fixed, unfixed, changes: changesOf(fixed) };
}

/** The changes of repairs, sorted, a change two repairs share (one import for two uses) once. */
function changesOf(repairs: Repair[]): TextChange[] {
  const unique = new Map<string, TextChange>();
  for (const c of repairs.flatMap((r) => r.changes)) unique.set(`${c.start}:${c.end}:${c.text}`, c);
  return [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Two changes clash when they overlap, or one inserts at the edge of the other (their order would be unknown). */
function clashes(a: TextChange, b: TextChange): boolean {
  if (a.start === b.start && a.end === b.end && a.text === b.text) return false;
  if (a.end < b.start || b.end < a.start) return false;
  return !(a.start < a.end && b.start < b.end && (a.end === b.start || b.end === a.start));
}
