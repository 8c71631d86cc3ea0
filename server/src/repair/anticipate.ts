/**
 * Repairs ahead of the request, once an edit settles: the errors of the statements the edit touched and at the nearest
 * uses of a name it removed, nearest first, repaired with a long deadline in slices (a turn of the event loop between
 * speculative programs; a newer edit stops it), into the store of repair.ts. A speculative program's fresh checker is
 * the cost that cannot be cut (hundreds of ms in zod's heaviest files): paid while the user reads the error, not when
 * they ask for its fix.
 */
import type ts from 'typescript';
import { Budget } from '../budget.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { distinct, fileErrors, statementsOver } from './fileErrors.js';
import { repairError } from './repairError.js';
import { REPAIRABLE_CODES, usesOfAny } from './repairSite.js';
import type { CompilerError, RepairOptions, TargetRepairs } from './repairData.js';

/** What an edit changed: `start..oldEnd` of the old text became `start..newEnd` of the new one. */
export interface EditedSpan {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Errors repaired ahead per edit, the nearest first: each costs speculative programs. */
const MAX_ERRORS = 3;
/** Uses of the names the edit removed that are checked for the errors it left: the nearest to the edit. */
const MAX_USES = 3;
/** No one waits for the work ahead: each error's deadline is long (unless the budget gives one), so that the repairs
 * it keeps are complete. A request joining it shortens it to the request's own. */
const AHEAD_DEADLINE_MS = 2000;
/** Past this many characters of new text an edit is no keystroke (a paste, a reload): its errors are not sought
 * ahead. A large deletion is looked at: the names it removed are. */
const MAX_EDIT_CHARS = 2000;

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** A word not right after a dot: a name in scope, not a member's. */
const NAME = /(?<![.\w$])[A-Za-z_$][\w$]*/g;

export interface Anticipation {
  /** The repairs of the repairable errors the edit left, nearest the edit first: those code actions will be given. */
  repaired: TargetRepairs[];
  /** Wall-clock time of the whole work, ms. */
  ms: number;
}

/**
 * The span that differs between two texts (common prefix and suffix), widened to whole words on both sides so
 * that `indexOf` → `indxOf` reads as one word replaced by another; undefined when they are equal.
 */
export function editedSpan(before: string, after: string): EditedSpan | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < shorter - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  while (start > 0 && isWordChar(after[start - 1])) start--;
  while (tail > 0 && isWordChar(after[after.length - tail])) tail--;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * Repairs, ahead of the request, the errors an edit most likely caused, so that the code actions asked once the
 * user sees them are answered from the repairs kept per program (repair.ts) instead of paying for a fresh checker
 * then: an editor asks for them on the error's line as its diagnostics arrive (the light bulb), and again when the
 * user opens the quick-fix menu. The errors sought: those in the statements the edit touched, and those at the
 * nearest uses of a name the edit removed (an import, a declaration). Runs in slices with a turn of the event loop
 * between, so requests are served meanwhile; stops once `budget` is cancelled (a newer edit).
 */
export async function anticipateRepairs(
  snapshot: FileSnapshot,
  before: string,
  options: RepairOptions = {},
  budget = Budget.unlimited,
): Promise<Anticipation> {
  const started = performance.now();
  const repaired: TargetRepairs[] = [];
  const span = editedSpan(before, snapshot.sourceFile.text);
  if (span && span.newEnd - span.start <= MAX_EDIT_CHARS) {
    const found: CompilerError[] = [];
    const checked = new Set<ts.Statement>();
    for (const at of placesToCheck(snapshot, before, span)) {
      // Each statement once: uses of a removed name often share one.
      const statements = statementsOver(snapshot.sourceFile, at.start, at.end).filter((s) => !checked.has(s));
      if (!statements.length) continue;
      statements.forEach((s) => checked.add(s));
      for (const error of fileErrors(snapshot, statements)) if (REPAIRABLE_CODES.has(error.code)) found.push(error);
      await budget.turn();
    }
    const errors = distinct(found)
      .sort((a, b) => distance(a, span) - distance(b, span))
      .slice(0, MAX_ERRORS);
    for (const error of errors) {
      // repairError gives the event loop a turn between speculative programs itself.
      const perError = Number.isFinite(budget.ms) ? budget.ms : AHEAD_DEADLINE_MS;
      repaired.push(await repairError(snapshot, error, { ...options, sources: [] }, budget.restarted(perError)));
    }
  }
  return { repaired, ms: performance.now() - started };
}

/** The edited span itself, then the nearest uses of the names the edit took out of the text. */
function placesToCheck(
  { sourceFile }: FileSnapshot,
  before: string,
  span: EditedSpan,
): Array<{ start: number; end: number }> {
  const places = [{ start: span.start, end: span.newEnd }];
  const uses = usesOfAny(sourceFile, removedNames(before, sourceFile.text, span)).filter(
    (use) => use.start < span.start || use.start >= span.newEnd,
  );
  uses.sort((a, b) => Math.abs(a.start - span.start) - Math.abs(b.start - span.start));
  return [...places, ...uses.slice(0, MAX_USES).map((use) => ({ start: use.start, end: use.start + use.name.length }))];
}

/**
 * The names in scope (not members: their plain uses elsewhere are other things) that the edit took out of the text:
 * where it left errors at their uses, if nothing else declares them.
 */
export function removedNames(before: string, after: string, span: EditedSpan): Set<string> {
  const kept = new Set(after.slice(span.start, span.newEnd).match(IDENTIFIER) ?? []);
  // From the character before the span (never a word's: the span holds whole words), to see a dot there.
  return new Set(
    (before.slice(Math.max(0, span.start - 1), span.oldEnd).match(NAME) ?? []).filter((name) => !kept.has(name)),
  );
}

function distance(error: CompilerError, span: EditedSpan): number {
  return error.end < span.start ? span.start - error.end : error.start > span.newEnd ? error.start - span.newEnd : 0;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}
