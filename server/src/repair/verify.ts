/**
 * Verification of proposals, in rank order, in one speculative program per batch through `check/validate.ts`: a
 * mismatched expression against a typed hole (after checking that the original text shows the error there), the others
 * against their original text (their errors name it); an import with `proveChanges` (any changes, errors compared by
 * code, message and shifted position). A missing member's proposals whose types decide need no program (`typeVerdicts`
 * over `check/proof.ts`): a public member called as written in a statement, or read where the context fixes an
 * identical or primitive type, holds; a private member outside every class, a non-function called, or an arity no
 * signature takes, fails. Invariant: `proveChanges` on the whole file is the final word (resolve, repairFile, CLI).
 */
import type { Budget } from '../budget.js';
import ts from 'typescript';
import { provenMembers, refutedMembers } from '../check/proof.js';
import { checkedNodes, regionOf } from '../check/region.js';
import { validateCandidates } from '../check/validate.js';
import { speculativeSnapshot } from '../workspace/speculative.js';
import { applyChanges } from '../workspace/textChanges.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { fileErrors } from './fileErrors.js';
import type { RepairSite } from './repairSite.js';
import type { CompilerError, TextChange } from './repairData.js';

/**
 * Whether a repair holds: the target gone and no error added; `errors` are those it adds (or why it was not checked).
 */
export interface Check {
  ok: boolean;
  errors: string[];
  /** The deadline came first. */
  unchecked?: boolean;
  /** Decided by the types alone, without a program. */
  byType?: boolean;
}

export const UNCHECKED: Check = { ok: false, errors: ['not checked before the deadline'], unchecked: true };
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u;

/** Held by its type alone (`typeVerdicts`): no speculative program was needed. */
export const PROVEN: Check = { ok: true, errors: [], byType: true };

/**
 * What the real file's checker decides of the texts for a missing member's hole, with no program: those that hold
 * (`provenMembers`: a public member whose call as written, or whose value where the context fixes the type,
 * type-checks; the member exists, so the target error goes, and the access's type meets only what the proof looked
 * at, so no error comes; never where the value decides a union-typed variable's narrowing below, `site.reach`), and
 * those that surely fail, with the reason (`refutedMembers`).
 */
export function typeVerdicts(site: RepairSite, texts: string[]): { proven: Set<string>; refuted: Map<string, string> } {
  if (site.family !== 'member' || site.receiverText === undefined) return { proven: new Set(), refuted: new Map() };
  const access = site.node as ts.PropertyAccessExpression;
  const prefix = site.receiverText;
  const names = texts
    .filter((t) => t.startsWith(prefix) && IDENTIFIER.test(t.slice(prefix.length)))
    .map((t) => t.slice(prefix.length));
  const receiver = site.checker.getTypeAtLocation(access.expression);
  const proven = site.reach ? [] : [...provenMembers(site.checker, receiver, access, names, site.expected)];
  return {
    proven: new Set(proven.map((name) => prefix + name)),
    refuted: new Map(
      [...refutedMembers(site.checker, receiver, access, names)].map(([name, why]) => [prefix + name, why]),
    ),
  };
}

/**
 * Checks texts for a site's hole, all in one speculative program (the hole's statement repeated once per text).
 * A mismatched expression is checked against a typed hole, which has the expected type: a text that adds no error
 * to it has removed the mismatch — provided the original text, checked alongside, does show the target error there
 * (else the error is not the expression's doing and nothing put there can remove it). Other holes are checked
 * against their original text: their errors name the text (`Property 'naem' does not exist`), so a text adding none
 * has removed the target too.
 */
export function checkHoleTexts(base: FileSnapshot, site: RepairSite, texts: string[], budget: Budget): Check[] {
  if (!texts.length) return [];
  if (site.family !== 'type') {
    return validateCandidates(base, site.hole, texts, { baseline: site.original }, budget).map(asCheck);
  }
  const [original, ...verdicts] = validateCandidates(base, site.hole, [site.original, ...texts], {}, budget);
  const { code, message } = site.target;
  if (asCheck(original).unchecked) return texts.map(() => UNCHECKED);
  if (!original.added.some((e) => e.code === code && e.message === message)) {
    return texts.map(() => ({ ok: false, errors: ['the error does not come from the expression'] }));
  }
  return verdicts.map(asCheck);
}

/** A verdict of validation; an error without a code says it was not checked before the deadline. */
function asCheck(verdict: { ok: boolean; added: Array<{ code: number; message: string }> }): Check {
  if (verdict.added.some((e) => e.code === 0)) return UNCHECKED;
  return { ok: verdict.ok, errors: verdict.added.map((e) => `TS${e.code}: ${e.message}`) };
}

/** What applying changes does to a file's errors. */
export interface Proof extends Check {
  /** The targets still reported (by code and place) after the changes. */
  kept: CompilerError[];
}

/**
 * Where a proof looks: the whole file, or the statements a change can affect (`regionOf`) around the changes, the
 * targets and `alsoAt`, places of the real file the changes reach beyond what the region follows (the uses of an
 * imported name, of a variable whose narrowed type an initializer decides).
 */
export type ProofScope = 'file' | { alsoAt: number[] };

/**
 * Applies changes (in any number of places) in a speculative program and compares the file's errors with the real
 * ones (see `errorsChanged`) where `scope` says.
 */
export function proveChanges(
  base: FileSnapshot,
  changes: TextChange[],
  targets: CompilerError[],
  scope: ProofScope,
): Proof {
  const sorted = [...changes].sort((a, b) => a.start - b.start);
  const edited = speculativeSnapshot(base, applyChanges(base.sourceFile.text, sorted));
  // The middle of each change: an inserted import is a statement of its own, found by a place inside it.
  const middle = (s: { start: number; end: number }) => (s.start + s.end) >> 1;
  const places = scope === 'file' ? [] : [...targets.map((t) => t.start), ...scope.alsoAt];
  const region = scope !== 'file';
  const before = fileErrors(
    base,
    region ? nodesAround(base.sourceFile, [...sorted.map(middle), ...places]) : undefined,
  );
  const after = fileErrors(
    edited,
    region
      ? nodesAround(edited.sourceFile, [
          ...editedSpansOf(sorted).map(middle),
          ...places.map((p) => shiftedPosition(sorted, p)),
        ])
      : undefined,
  );
  const { added, kept } = errorsChanged(before, after, sorted, targets);
  const errors = [
    ...kept.map((t) => `still TS${t.code}: ${t.message}`),
    ...added.map((e) => `TS${e.code}: ${e.message}`),
  ];
  return { ok: errors.length === 0, errors, kept };
}

type PlacedError = Pick<CompilerError, 'code' | 'start' | 'message'>;

/**
 * What changes did to a file's errors, from its errors before and after them: the errors added, and the targets
 * still reported. Errors away from the changes are matched by code, message and position (shifted by the changes
 * before them), each as often as it occurs; errors inside a change by code and message. A target is still there
 * when an error of its code is at its place, whatever the message.
 */
export function errorsChanged<E extends PlacedError, T extends PlacedError>(
  before: E[],
  after: E[],
  changes: TextChange[],
  targets: T[],
): { added: E[]; kept: T[] } {
  const sorted = [...changes].sort((a, b) => a.start - b.start);
  const editedSpans = editedSpansOf(sorted);
  const placeBefore = (e: PlacedError) => changeHolding(sorted, e.start) ?? shiftedPosition(sorted, e.start);
  const placeAfter = (e: PlacedError) => changeHolding(editedSpans, e.start) ?? e.start;
  const known = new Map<string, number>();
  for (const e of before) {
    const key = `${e.code}:${placeBefore(e)}:${e.message}`;
    known.set(key, (known.get(key) ?? 0) + 1);
  }
  const added = after.filter((e) => {
    const key = `${e.code}:${placeAfter(e)}:${e.message}`;
    const left = known.get(key) ?? 0;
    known.set(key, left - 1);
    return left <= 0;
  });
  const kept = targets.filter((t) => after.some((e) => e.code === t.code && placeAfter(e) === placeBefore(t)));
  return { added, kept };
}

/** A position of the original text in the changed one (sorted changes; inside a replaced span: the span's start). */
function shiftedPosition(sorted: TextChange[], pos: number): number {
  let delta = 0;
  for (const c of sorted) {
    if (pos < c.start) break;
    if (pos < c.end) return c.start + delta;
    delta += c.text.length - (c.end - c.start);
  }
  return pos + delta;
}

/** Where each change's text lies in the changed text. */
function editedSpansOf(sorted: TextChange[]): Array<{ start: number; end: number }> {
  let delta = 0;
  return sorted.map((c) => {
    const start = c.start + delta;
    delta += c.text.length - (c.end - c.start);
    return { start, end: start + c.text.length };
  });
}

/** `in<i>` when `pos` lies in the i-th span, else undefined. */
function changeHolding(spans: Array<{ start: number; end: number }>, pos: number): string | undefined {
  const i = spans.findIndex((s) => s.start <= pos && pos < s.end);
  return i < 0 ? undefined : `in${i}`;
}

/** The statements a change at each place can affect; undefined (the whole file) when one has no statement. */
function nodesAround(sourceFile: ts.SourceFile, places: number[]): ts.Node[] | undefined {
  const nodes = new Set<ts.Node>();
  for (const place of places) {
    const region = regionOf(sourceFile, place);
    const checked = region && checkedNodes(region);
    if (!checked) return undefined;
    for (const n of checked) nodes.add(n);
  }
  return [...nodes];
}
