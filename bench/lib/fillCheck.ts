/**
 * The fill bench's verdict on a fill: spliced into the hole and the file checked in a fresh program, ok when it adds no
 * error to those of the file with the stand-in there. Invariant: nothing of the server's is reused.
 */
import { typedHole } from '../../server/src/holes/speculate.js';
import type { FileError, FreshChecker } from './freshCheck.js';
import { HOLE } from './sites.js';

export interface FillVerdict {
  ok: boolean;
  /** Errors the fill adds to the file, as `TS<code> <message>`. */
  added: string[];
}

/**
 * Splices each fill into the hole (its nested `_()` as typed holes) and checks the file in a fresh program: a fill
 * is ok when it adds no error to those of the file with `standIn` at the hole (each error counted as often as it
 * occurs; after the hole, positions count from its end).
 */
export function checkFills(
  fresh: FreshChecker,
  file: string,
  text: string,
  hole: { start: number; end: number },
  standIn: string,
  fills: string[],
): FillVerdict[] {
  const splice = (inserted: string) => text.slice(0, hole.start) + inserted + text.slice(hole.end);
  const baseline = counts(fresh.errors(file, splice(standIn)), hole.start, standIn.length);
  return fills.map((fill) => {
    const inserted = fill.split(HOLE).join(typedHole(file));
    const allowed = new Map(baseline);
    const added: string[] = [];
    for (const error of fresh.errors(file, splice(inserted))) {
      const key = keyOf(error, hole.start, inserted.length);
      const left = allowed.get(key) ?? 0;
      if (left > 0) allowed.set(key, left - 1);
      else added.push(`TS${error.code} ${error.message}`);
    }
    return { ok: added.length === 0, added };
  });
}

function counts(errors: FileError[], holeStart: number, holeLength: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const error of errors) {
    const key = keyOf(error, holeStart, holeLength);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** An error's identity across texts that differ at the hole: after the hole, positions count from its end. */
function keyOf(error: FileError, holeStart: number, holeLength: number): string {
  const where =
    error.start < holeStart
      ? `b${error.start}`
      : error.start >= holeStart + holeLength
        ? `a${error.start - holeStart - holeLength}`
        : 'in';
  return `${error.code}:${where}:${error.message}`;
}
