/**
 * Validation: candidates spliced into the hole of a speculative program, the errors of the region they can affect
 * (`region.ts`) compared with those of the baseline (a typed hole there). Candidates share one program side by side
 * (`copies.ts`) and are checked one copy at a time until enough pass (the baseline's once a copy has errors), the
 * clock serving as the checker's cancellation token; a program holds as many copies as are cheap to parse or expected
 * to be checked before enough pass. One that passes in its file is checked in the files its exports reach
 * (`dependents.ts`). An empty member hole where the parser ends the statement (`a?.|?.b`) is validated with the
 * stand-in in it. Invariants: what the deadline stops is never accepted; an acceptance a rejected sibling of the same
 * type may have caused is checked again, and so is one whose copy, checked before the baseline, met an error outside
 * the region the file does not already have; a text that is no expression on its own is refused before splicing.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { forEachDescendant, nodeAt } from '../ts/ast.js';
import type { RegionProgram } from '../ts/regionProgram.js';
import { splice, typedHole } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { Copy, CopyPlan, planCopies, RENAMED_IN_MESSAGE, SideBySide, sideBySide } from './copies.js';
import { Carried, carriedTypes, Dependent, dependentsOf, sameCarried } from './dependents.js';
import { checkedNodes, Export, regionOf } from './region.js';

type Span = { start: number; end: number };

/** Where candidates are checked: the hole's span in `base`, and what stands in it for the baseline. */
interface Place {
  base: FileSnapshot;
  hole: Span;
  standIn: string;
}

/** A compiler error a candidate would add. */
export interface AddedError {
  code: number;
  message: string;
  start: number;
  /** The other file it is in (`start` is there), when the candidate changes the type of an export that file uses. */
  file?: string;
}

export interface Verdict {
  text: string;
  /** No error added. */
  ok: boolean;
  added: AddedError[];
  /** Not checked: enough others were accepted before it. */
  skipped?: boolean;
}

export interface ValidationOptions {
  /** What stands in the hole for the baseline; a typed hole (no error of its own) unless given. */
  baseline?: string;
  /** Stop once this many texts are accepted, in the order given; the rest are `skipped`. */
  enough?: number;
  /** The share of texts expected to pass (a member hole's fewer), to size the first program; then the share seen. */
  expectedShare?: number;
}

/** Past this much copied text a program is split: parsing it would cost more than a second program. */
const MAX_COPIED = 200_000;
/** Copying this much text costs little to parse and bind next to a second program's first check: a program holds at
 * least as many copies as fit in it, more when more are expected to be checked before enough pass. */
const CHEAP_COPIED = 60_000;

/** Validation checks texts with the file's warm checker where it judges as a fresh program (`warmChecker.ts`). */
const WARM = { warm: true };

/**
 * Splices each candidate into the hole and compares the errors with those of the baseline (a typed hole, itself
 * error-free): a candidate is ok when it adds none. Only the edited file is checked, and of it only the region the
 * hole can affect; where the region can be copied, all candidates share one speculative program, side by side. The
 * deadline holds inside a check too: what is not checked by then is not ok (an error with code 0 says why).
 */
export function validateCandidates(
  base: FileSnapshot,
  hole: { start: number; end: number },
  texts: string[],
  options: ValidationOptions = {},
  budget = Budget.unlimited,
): Verdict[] {
  const standIn = options.baseline ?? typedHole(base.sourceFile.fileName);
  if (endsStatementAt(base.sourceFile, hole)) {
    const held = { start: hole.start, end: hole.start + standIn.length };
    const inReal = (e: AddedError) => (e.file || e.start < held.end ? e : { ...e, start: e.start - standIn.length });
    return validateCandidates(
      splice(base, [{ ...hole, text: standIn }], WARM).snapshot,
      held,
      texts,
      options,
      budget,
    ).map((v) => ({ ...v, added: v.added.map(inReal) }));
  }
  // A text that is no expression on its own could unbalance the file around it: refuse it before splicing.
  const malformed = new Map(
    texts.map((text) => [text, parseErrors(text)] as const).filter(([, errors]) => errors.length),
  );
  const wellFormed = texts.filter((text) => !malformed.has(text));
  const { enough = Infinity, expectedShare = 0.5 } = options;
  const verdicts = new Map(
    checked({ base, hole, standIn }, wellFormed, { enough, expectedShare }, budget).map((v) => [v.text, v]),
  );
  return texts.map((text) => verdicts.get(text) ?? { text, ok: false, added: malformed.get(text) ?? [] });
}

/**
 * Does the parser end the statement at an empty hole though code follows (`routes.home?.|?.forEach(…)` parses as two
 * statements)? The region would miss what follows: the hole is then validated with the stand-in in it.
 */
function endsStatementAt(sourceFile: ts.SourceFile, hole: Span): boolean {
  if (hole.start !== hole.end) return false;
  const statement = ts.findAncestor(nodeAt(sourceFile, hole.start), (n) => ts.isStatement(n) || ts.isClassElement(n));
  if (!statement || statement.end !== hole.end) return false;
  const next = sourceFile.text.slice(hole.end).trimStart().charAt(0);
  return next !== '' && !';})],'.includes(next);
}

function unchecked(text: string, hole: { start: number }): Verdict {
  return { text, ok: false, added: [{ code: 0, message: 'not checked before the deadline', start: hole.start }] };
}

function checked(
  place: Place,
  texts: string[],
  { enough, expectedShare }: { enough: number; expectedShare: number },
  budget: Budget,
): Verdict[] {
  if (!texts.length) return [];
  const { base, hole } = place;
  const region = regionOf(base.sourceFile, hole.start, base.checker);
  const confirm = region?.exports && inDependents(place, region.exports, budget);
  const carriers = region?.exports?.every((e) => e.carriedBy) ? region.exports.flatMap((e) => e.carriedBy!) : undefined;
  const plan = region?.nodes && planCopies(base, { ...region, nodes: region.nodes, carriers });
  if (!plan) return oneByOne(place, texts, confirm, budget);
  const final = new Map<string, Verdict>();
  let accepted = 0;
  let seen = 0;
  const nextSize = () =>
    programSize(plan.size, enough - accepted, seen ? Math.max(0.1, accepted / seen) : expectedShare);
  // An acceptance at risk (see inCopies) is checked again in a program without the candidates that put it at risk.
  for (let pending = texts, lazyBaseline = true; pending.length && accepted < enough; lazyBaseline = false) {
    const again: string[] = [];
    for (let i = 0; i < pending.length && accepted < enough;) {
      const batch = pending.slice(i, i + nextSize());
      i += batch.length;
      const results =
        inCopies(place, plan, batch, { enough: enough - accepted, confirm, lazyBaseline }, budget) ??
        oneByOne(place, batch, confirm, budget).map((verdict) => ({ verdict, atRisk: false }));
      for (const { verdict, atRisk } of results) {
        if (atRisk) again.push(verdict.text);
        else final.set(verdict.text, verdict);
        if (!atRisk && verdict.ok) accepted++;
        if (!atRisk && !verdict.added.some((e) => e.code === 0)) seen++;
      }
    }
    pending = again;
  }
  return texts.map((text) => final.get(text) ?? { text, ok: false, added: [], skipped: true });
}

/**
 * How many texts a side-by-side program holds, for copies of `size` characters: as many as are expected to be checked
 * before `wanted` pass (at `share`), at least as many as are cheap, at most what a program can hold.
 */
export function programSize(size: number, wanted: number, share: number): number {
  const expected = Math.ceil(wanted / share);
  return Math.max(
    1,
    Math.min(Math.floor(MAX_COPIED / size) - 1, Math.max(expected, Math.floor(CHEAP_COPIED / size) - 1)),
  );
}

function oneByOne(
  { base, hole, standIn }: Place,
  texts: string[],
  confirm: Confirm | undefined,
  budget: Budget,
): Verdict[] {
  const baseline = errorsIn(splice(base, [{ ...hole, text: standIn }], WARM).snapshot, hole.start, budget);
  if (!baseline) return texts.map((text) => unchecked(text, hole));
  const known = new Set(baseline.map((d) => keyOf(d, hole.start, standIn.length)));
  return texts.map((text) => {
    const spliced = budget.expired() ? undefined : splice(base, [{ ...hole, text }], WARM).snapshot;
    const errors = spliced && errorsIn(spliced, hole.start, budget);
    if (!errors) return unchecked(text, hole);
    const added = errors.filter((d) => !known.has(keyOf(d, hole.start, text.length)));
    return added.length || !confirm ? { text, ok: added.length === 0, added } : confirm(text, spliced);
  });
}

/** A candidate that adds no error to its file, checked in the other files that use the exports whose types it
 * changes (in a program of its own: the copies cannot be exported); in `spliced` when it is there already. */
type Confirm = (text: string, spliced?: FileSnapshot) => Verdict;

function inDependents({ base, hole, standIn }: Place, exports: Export[], budget: Budget): Confirm {
  // Found when first asked: most candidates fail in their own file.
  let dependents: Dependent[] | undefined;
  let known: Set<string> | undefined;
  const keyed = (e: AddedError) => `${e.file}:${e.code}:${e.start}:${e.message}`;
  const errorsWith = (text: string, spliced?: FileSnapshot) =>
    errorsInDependents(spliced ?? splice(base, [{ ...hole, text }], WARM).snapshot, dependents!, budget);
  return (text, spliced) => {
    dependents ??= dependentsOf(base.program, base.checker, base.sourceFile, exports);
    if (!dependents.length) return { text, ok: true, added: [] };
    const baseline = known ? [] : errorsWith(standIn);
    known ??= baseline && new Set(baseline.map(keyed));
    const errors = known && errorsWith(text, spliced);
    if (!known || !errors) return unchecked(text, hole);
    const added = errors.filter((e) => !known!.has(keyed(e)));
    return { text, ok: added.length === 0, added };
  };
}

/** The errors of the dependents' nodes in a program (other files are the base's SourceFiles, so their nodes too). */
function errorsInDependents(snapshot: FileSnapshot, dependents: Dependent[], budget: Budget): AddedError[] | undefined {
  const all: AddedError[] = [];
  for (const { sourceFile, nodes } of dependents) {
    const file = snapshot.program.getSourceFile(sourceFile.fileName);
    if (!file) continue;
    // A file parsed again for this program has other nodes: all of it is checked.
    const checked = file === sourceFile ? nodes : undefined;
    const errors = errorsOf({ program: snapshot.program, sourceFile: file }, checked, budget);
    if (!errors) return undefined;
    all.push(...errors.map((e) => ({ ...e, file: file.fileName })));
  }
  return all;
}

function parseErrors(text: string): AddedError[] {
  const probe = ts.createSourceFile('candidate.ts', `(${text}\n);`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const diagnostics = (probe as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ({
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    start: 0,
  }));
}

/**
 * The texts checked side by side, one copy at a time so that the deadline can stop between them, until `enough` are
 * accepted (the rest are left out), the baseline once a copy has errors to compare; undefined when the region cannot
 * be copied. The checker reports some errors once per type (a type that is not iterable, say), so an acceptance is
 * at risk when a candidate of the same type was rejected before it in the same program: it may owe its acceptance to
 * that sibling having taken the error.
 */
function inCopies(
  { base, hole, standIn }: Place,
  plan: CopyPlan,
  texts: string[],
  { enough, confirm, lazyBaseline }: { enough: number; confirm?: Confirm; lazyBaseline: boolean },
  budget: Budget,
): Array<{ verdict: Verdict; atRisk: boolean }> | undefined {
  const uncheckedAll = () => texts.map((text) => ({ verdict: unchecked(text, hole), atRisk: false }));
  if (budget.expired()) return uncheckedAll();
  const program = sideBySide(base, plan, hole, [standIn, ...texts]);
  if (!program) return undefined;
  const [baseline, ...copies] = program.copies;
  const errorsOfCopy = copyErrors(program, budget);
  // The baseline is checked once a copy has errors to tell from its own: a copy without any adds none, and the first
  // candidate often passes, one check of the region saved (but not again: a copy at risk was checked before it).
  let baselineKeys: Set<string> | undefined;
  const knownKeys = () => {
    if (baselineKeys) return baselineKeys;
    const known = errorsOfCopy(baseline);
    return (baselineKeys = known && new Set(known.map((e) => e.key)));
  };
  if (!lazyBaseline && !knownKeys()) return uncheckedAll();
  const inOthers = confirm && seenByOthers(program.snapshot.checker, baseline, confirm);
  const rejectedTypes = new Set<ts.Type | undefined>();
  const results: Array<{ verdict: Verdict; atRisk: boolean }> = [];
  let accepted = 0;
  let stopped = false;
  let causedOutside = false;
  for (const copy of copies) {
    if (accepted >= enough) break;
    const first = !baselineKeys;
    const errors: KeyedError[] | undefined = stopped ? undefined : errorsOfCopy(copy);
    const keys: Set<string> | undefined = errors?.length ? knownKeys() : (baselineKeys ?? NONE);
    stopped ||= !errors || !keys;
    if (!errors || !keys) {
      results.push({ verdict: unchecked(copy.text, hole), atRisk: false });
      continue;
    }
    // Checked before the baseline, a copy surfaced the errors the checker meets outside the region resolving what the
    // region uses, which the baseline then cannot show: those the file already has are the baseline's; any other
    // leaves the copy's verdict at risk.
    const surfaced = first ? errors.filter((e) => e.outside && !keys.has(e.key)) : [];
    const preexisting = new Set(surfaced.length ? errorsSoFar(base, budget).map(plainKey) : []);
    for (const e of surfaced) if (preexisting.has(plainKey(e.d))) keys.add(e.key);
    const added = errors.filter((e) => !keys.has(e.key)).map((e) => e.d);
    const type = candidateType(program.snapshot, copy);
    // An error outside the copies is reported once: after one, a later acceptance may owe itself to it too.
    const atRisk =
      surfaced.some((e) => !keys.has(e.key)) ||
      (!added.length &&
        (causedOutside ||
          (rejectedTypes.size > 0 && (type === undefined || rejectedTypes.has(type) || rejectedTypes.has(undefined)))));
    causedOutside ||= errors.some((e) => e.outside && !keys.has(e.key));
    if (added.length) rejectedTypes.add(type);
    const verdict =
      added.length || atRisk || !inOthers ? { text: copy.text, ok: added.length === 0, added } : inOthers(copy);
    stopped ||= verdict.added.some((e) => e.code === 0);
    if (verdict.ok && !atRisk) accepted++;
    results.push({ verdict, atRisk });
  }
  return results;
}

/**
 * The errors of a copy in a side-by-side program, keyed; undefined when the budget stopped the check. Checking a copy
 * can report an error outside every copy, where resolving a type it uses ends (a getter whose inferred type now
 * refers to itself): such an error first seen while checking a copy is that copy's. Errors in the region's original
 * place are the baseline's.
 */
function copyErrors(program: SideBySide, budget: Budget): (copy: Copy) => KeyedError[] | undefined {
  const regionSpans = [...program.copies, ...program.originals];
  const inRegion = (d: AddedError) => regionSpans.some((c) => d.start >= c.start && d.start <= c.end);
  // What the checker reported before checking any node (names the copies declare twice, say) is no copy's.
  const outside = new Set(
    errorsSoFar(program.snapshot, budget)
      .filter((d) => !inRegion(d))
      .map(outsideKey),
  );
  return (copy) => {
    const errors = errorsOf(program.snapshot, copy.nodes, budget);
    if (!errors) return undefined;
    const own = errors
      .filter((d) => d.start >= copy.start && d.start <= copy.end)
      .map((d) => ({
        d: { ...d, start: copy.inRealFile(d.start - copy.start) },
        key: keyOf({ ...d, start: d.start - copy.start }, copy.hole, copy.length),
      }));
    const caused = errors
      .filter((d) => !inRegion(d))
      .map((d) => ({ d: { ...d, start: program.toOriginal(d.start) }, key: outsideKey(d), outside: true }))
      .filter((e) => !outside.has(e.key));
    for (const e of caused) outside.add(e.key);
    return [...own, ...caused];
  };
}

/**
 * The verdict of the other files on a copy's text: that of an earlier copy whose exports carry the same types as it
 * (the baseline's first: nothing added), else `confirm`'s.
 */
function seenByOthers(checker: ts.TypeChecker, baseline: Copy, confirm: Confirm): (copy: Copy) => Verdict {
  const carried = (copy: Copy) => copy.carriers && carriedTypes(checker, copy.carriers);
  const seen: Array<{ carried: Carried[]; added: AddedError[] }> = [];
  const first = carried(baseline);
  if (first) seen.push({ carried: first, added: [] });
  return (copy) => {
    const mine = carried(copy);
    const same = mine && seen.find((s) => sameCarried(checker, s.carried, mine));
    if (same) return { text: copy.text, ok: !same.added.length, added: same.added };
    const verdict = confirm(copy.text);
    if (mine && !verdict.added.some((e) => e.code === 0)) seen.push({ carried: mine, added: verdict.added });
    return verdict;
  };
}

const NONE = new Set<string>();

const outsideKey = (d: AddedError) => `${d.code}:o${d.start}:${d.message}`;
const plainKey = (d: AddedError) => `${d.code}:${d.start}:${d.message}`;

/** The errors the checker of `snapshot` has reported in its file so far, without checking more. */
function errorsSoFar(snapshot: FileSnapshot, budget: Budget): AddedError[] {
  return errorsOf(snapshot, [], budget) ?? [];
}

/** An error of a copy, at its position in the real file, keyed to compare it with the baseline's. */
interface KeyedError {
  d: AddedError;
  key: string;
  /** Outside every copy and the region's place: met resolving what a copy uses. */
  outside?: boolean;
}

/** The type of the candidate in its copy, as its check left it. */
function candidateType({ sourceFile, checker }: FileSnapshot, copy: Copy): ts.Type | undefined {
  const start = copy.start + copy.hole;
  let found: ts.Node | undefined;
  forEachDescendant(sourceFile, (node) => {
    if (node.end < start || node.pos > start) return 'skip';
    if (node.getStart(sourceFile) !== start || node.end !== start + copy.length) return;
    found = node;
    return 'stop';
  });
  return found && checker.getTypeAtLocation(found);
}

function errorsIn(snapshot: FileSnapshot, holeStart: number, budget: Budget): AddedError[] | undefined {
  const region = regionOf(snapshot.sourceFile, holeStart, snapshot.checker);
  return errorsOf(snapshot, region && checkedNodes(region), budget);
}

/** The errors of the region's nodes (all the file when undefined); undefined when the budget stopped the check. */
export function errorsOf(
  { program, sourceFile }: Pick<FileSnapshot, 'program' | 'sourceFile'>,
  region: readonly ts.Node[] | undefined,
  budget: Budget,
): AddedError[] | undefined {
  if (budget.expired()) return undefined;
  let semantic: readonly ts.Diagnostic[];
  try {
    semantic = (program as RegionProgram).getSemanticDiagnostics(sourceFile, budget.token, region);
  } catch (error) {
    if (error instanceof ts.OperationCanceledException) return undefined;
    throw error;
  }
  return [...program.getSyntacticDiagnostics(sourceFile), ...semantic]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n').replace(RENAMED_IN_MESSAGE, ''),
      start: d.start ?? 0,
    }));
}

/** Keys errors so that the same error matches across texts of other lengths: positions after the hole count from
 * the hole's end. */
export function keyOf(d: AddedError, holeStart: number, holeLength: number): string {
  const where =
    d.start < holeStart
      ? `b${d.start}`
      : d.start >= holeStart + holeLength
        ? `a${d.start - holeStart - holeLength}`
        : 'in';
  return `${d.code}:${where}:${d.message}`;
}
