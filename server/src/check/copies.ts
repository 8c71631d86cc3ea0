/**
 * The side-by-side program: each candidate's copy of the region in `if (0 as any) { … }` before it, the region itself
 * staying in place with the baseline so that the code after it keeps what it declares. Where that would copy a whole
 * class, the methods holding the region are copied instead, renamed, into the class, whose other members are then
 * resolved once for all copies (a class copied whole, or checked whole, leaves blank the member bodies nothing needs).
 * The file's idle bodies are blank, in the copies too (`idleBodies.ts`). Invariant: a copy is made only where a block
 * leaves the code's meaning unchanged; else one program per candidate.
 */
import ts from 'typescript';
import { declaredType, forEachDescendant } from '../ts/ast.js';
import { Replacement, splice } from '../holes/speculate.js';
import { applyChanges } from '../workspace/textChanges.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { idleBodies } from './idleBodies.js';
import { checkedNodes, isStatementList } from './region.js';

/** What a copy holds: the nodes to check in it, the functions it must also hold whole and the classes it checks whole
 * (see Region); and the declarations whose types exports carry, to find in each copy. */
export interface CopiedRegion {
  nodes: readonly ts.Node[];
  functions?: readonly ts.Node[];
  classes?: readonly ts.ClassLikeDeclaration[];
  carriers?: readonly ts.Node[];
}

/** One candidate's copy of the span in the side-by-side program. */
export interface Copy {
  text: string;
  /** Where the copy starts and ends in the side-by-side file. */
  start: number;
  end: number;
  /** Where the candidate starts, relative to the copy. */
  hole: number;
  /** How long the candidate is there (renamed members make it longer). */
  length: number;
  /** The region's nodes, as they are in this copy. */
  nodes: ts.Node[];
  /** The region's carriers, as they are in this copy, when all are found there. */
  carriers?: ts.Node[];
  /** A position relative to the copy as one of the real file (inside the text, the hole's start). */
  inRealFile(offset: number): number;
}

export interface SideBySide {
  snapshot: FileSnapshot;
  copies: Copy[];
  /** A position of the side-by-side file as one of the real file (inside the copies, where they start). */
  toOriginal(pos: number): number;
  /** Where the region stays in place, holding the baseline's text: an error there is the baseline's, whichever
   * copy's check it surfaces in (checking a copy can make the checker check the function around, original and all). */
  originals: Array<{ start: number; end: number }>;
}

/** How a region is copied, worked out once for every program that copies it. */
export interface CopyPlan {
  region: CopiedRegion;
  /** The statements copied: those of the innermost statement list that holds the region, first to last. */
  span: Span;
  /** The class members copied instead, renamed, where the span would copy a whole class. */
  members?: CopiedMembers;
  /** How much text one copy takes. */
  size: number;
  /** The file's idle bodies, blank in every program of the plan (none where members are copied). */
  idle: Replacement[];
}

type Span = { start: number; end: number; list: ts.Node };

/** How the region can be copied; undefined when it cannot. */
export function planCopies(base: FileSnapshot, region: CopiedRegion): CopyPlan | undefined {
  const sourceFile = base.sourceFile;
  const span = spanOf(sourceFile, extentOf(region));
  if (!span) return undefined;
  const members = membersToCopy(sourceFile, span, region);
  const size = members
    ? members.members.reduce((sum, m) => sum + m.end - copyFrom(m, sourceFile), 0)
    : span.end - span.start;
  const idle = members ? [] : idleBodies(base, extentOf(region));
  return { region, span, members, size, idle };
}

/**
 * One speculative program holding the region once per text, each copy in `if (0 as any) { … }`: the statements of
 * the span, with the text in the hole (the first text, the baseline's, in the real hole too). Each copy sees the
 * scope the region sees and none sees another's bindings or narrowing, so all texts are checked by one checker at
 * little more than the cost of one. Where that would copy a whole class, its members that hold the region are copied
 * instead, renamed, into the class (`memberCopies`). Undefined when a copy does not parse as the region did.
 */
export function sideBySide(
  base: FileSnapshot,
  { region, span, members, idle }: CopyPlan,
  hole: { start: number; end: number },
  texts: string[],
): SideBySide | undefined {
  const sourceFile = base.sourceFile;
  if (members) return memberCopies(base, region, members, hole, texts);
  // A class checked whole still needs only the member bodies that hold the rest of the region.
  const held = [...region.nodes, ...(region.functions ?? [])];
  const source = applyChanges(blankBodies(sourceFile, span, held, texts, blankExports(sourceFile, span)), idle);
  const before = source.slice(span.start, hole.start);
  const after = source.slice(hole.end, span.end);
  const placed: Array<{ text: string; start: number; end: number; hole: number }> = [];
  const checked = checkedNodes(region)!;
  let replacement = '';
  for (const text of texts) {
    replacement += 'if (0 as any) { ';
    const copy = `${before}${text}${after}`;
    placed.push({
      text,
      start: span.start + replacement.length,
      end: span.start + replacement.length + copy.length,
      hole: before.length,
    });
    replacement += `${copy} } `;
  }
  // The copies go before the span, which stays (its hole holding the baseline's text): the code after it still sees
  // what the span declares, should the checker look there (inferring a callback's return type, say).
  const { snapshot, toOriginal } = splice(
    base,
    [{ start: span.start, end: span.start, text: replacement }, { ...hole, text: texts[0] }, ...idle],
    { warm: true },
  );
  const grown = texts[0].length - (hole.end - hole.start);
  const originals = [{ start: span.start + replacement.length, end: span.end + replacement.length + grown }];
  const copies: Copy[] = [];
  for (const p of placed) {
    const shift = (pos: number) =>
      p.start + pos - span.start + (pos >= hole.end ? p.text.length - (hole.end - hole.start) : 0);
    const mapped = checked.map((n) =>
      nodeStartingAt(snapshot.sourceFile, shift(skipSpaces(source, n.getStart(sourceFile))), n.kind),
    );
    // A copy the parser read otherwise (the text closed a brace, say) would be checked wrongly: give up on all.
    if (mapped.some((n) => !n || n.end > p.end)) return undefined;
    const inRealFile = (offset: number) => {
      if (offset < p.hole) return hole.start - p.hole + offset;
      if (offset >= p.hole + p.text.length) return hole.end + offset - p.hole - p.text.length;
      return hole.start;
    };
    const carriers = found(
      region.carriers?.map((n) =>
        nodeStartingAt(snapshot.sourceFile, shift(skipSpaces(source, n.getStart(sourceFile))), n.kind),
      ),
      p.end,
    );
    copies.push({ ...p, length: p.text.length, nodes: mapped as ts.Node[], carriers, inRealFile });
  }
  return { snapshot, copies, toOriginal, originals };
}

/** What a copy's renamed members end with: the same width in every copy, so that positions match across copies. */
const RENAMED = (i: number) => `$$s${String(i).padStart(3, '0')}`;
/** The suffix in a message, to take out: an error names the member as it is written. */
export const RENAMED_IN_MESSAGE = /\$\$s\d{3}/g;

/**
 * The members of a class the copies are made of, when copying the statements would copy the class: the region
 * lies in its members (a method that infers its type from the hole, the methods using it), and those can be
 * copied under other names (methods and accessors with plain names; every member of such a name, so that
 * overloads and accessor pairs stay whole), each reference to them written `this.name` or `Class.name`; with the
 * names to rename, those references and the members' own names.
 */
function membersToCopy(sourceFile: ts.SourceFile, span: Span, region: CopiedRegion): CopiedMembers | undefined {
  const extent = extentOf(region);
  const cls = ts.findAncestor(
    extent[0],
    (n): n is ts.ClassLikeDeclaration => ts.isClassLike(n) && extent.every((e) => n.pos <= e.pos && e.end <= n.end),
  );
  if (!cls || cls.getStart(sourceFile) < span.start || cls.end > span.end) return undefined;
  const names = new Set<string>();
  for (const e of extent) {
    const holder = cls.members.find((m) => m.pos <= e.pos && e.end <= m.end);
    const name = holder && plainName(holder);
    if (!name) return undefined;
    names.add(name);
  }
  const members = cls.members.filter((m) => names.has(plainName(m) ?? ''));
  // Not a property: what its initializer may use depends on where it is declared (a property declared after it is
  // not initialised yet), and the copies go elsewhere.
  if (members.some((m) => !ts.isMethodDeclaration(m) && !ts.isAccessor(m))) return undefined;
  const className = cls.name?.text;
  const isMemberRef = (id: ts.Identifier) =>
    ts.isPropertyAccessExpression(id.parent) &&
    id.parent.name === id &&
    (id.parent.expression.kind === ts.SyntaxKind.ThisKeyword ||
      (!!className && ts.isIdentifier(id.parent.expression) && id.parent.expression.text === className));
  // A name reached any other way (`other.name`, `const { name } = this`) would see the original member.
  let unsure = false;
  const renamed: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (!ts.isIdentifier(node) || !names.has(node.text)) return;
    const parent = node.parent;
    const declared = members.includes(parent as ts.ClassElement) && (parent as ts.ClassElement).name === node;
    const key =
      (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)) &&
      parent.name === node &&
      !declared;
    const plain =
      !ts.isPropertyAccessExpression(parent) &&
      !ts.isBindingElement(parent) &&
      !ts.isShorthandPropertyAssignment(parent) &&
      !ts.isQualifiedName(parent);
    if (declared || isMemberRef(node)) renamed.push(node);
    else if (!key && !plain) unsure = true;
  };
  for (const member of members) forEachDescendant(member, visit);
  return unsure ? undefined : { members, names, renamed };
}

interface CopiedMembers {
  members: ts.ClassElement[];
  names: Set<string>;
  /** The names to rename in a copy: the members' own and the references to them. */
  renamed: ts.Identifier[];
}

function plainName(m: ts.ClassElement): string | undefined {
  return m.name && ts.isIdentifier(m.name) ? m.name.text : undefined;
}

/**
 * The copies as renamed members at the end of the class: each copy's uses reach its own members through
 * `this.name$$sNNN`, and all share the class, whose other members the checker then resolves once for all copies
 * (a copy of a whole class costs parsing, binding and resolving it again). The hole of the original members holds
 * the stand-in, so that nothing reaching them meets an error of the hole.
 */
function memberCopies(
  base: FileSnapshot,
  region: CopiedRegion,
  { members, names, renamed: ids }: CopiedMembers,
  hole: { start: number; end: number },
  texts: string[],
): SideBySide | undefined {
  const sourceFile = base.sourceFile;
  // Where each name to rename ends, the hole's aside (the candidate stands there).
  const renamed = ids
    .filter((id) => !(id.end > hole.start && id.getStart(sourceFile) < hole.end))
    .map((id) => id.end)
    .sort((a, b) => a - b);
  const cls = members[0].parent as ts.ClassLikeDeclaration;
  const insertAt = cls.members.end;
  let replacement = '';
  const placed = texts.map((original, i): PlacedMembers => {
    const suffix = RENAMED(i);
    const text = renamedIn(original, names, cls.name?.text, suffix);
    const edits = new Map(members.map((m) => [m, memberEdits(sourceFile, m, renamed, suffix, { ...hole, text })]));
    const copy = memberCopy(sourceFile, members, edits);
    replacement += '\n';
    const start = replacement.length;
    replacement += copy.text;
    return { ...copy, text: original, length: text.length, start, end: replacement.length, hole: copy.map(hole.start) };
  });
  const standIn = texts[0];
  const { snapshot, starts, toOriginal } = splice(
    base,
    [
      { ...hole, text: standIn },
      { start: insertAt, end: insertAt, text: replacement },
    ],
    { warm: true },
  );
  const inserted = { sourceFile: snapshot.sourceFile, at: starts[1] };
  const copies: Copy[] = [];
  for (const p of placed) {
    const copy = memberCopyFound(inserted, sourceFile, region, members, p);
    if (!copy) return undefined;
    copies.push(copy);
  }
  const grown = standIn.length - (hole.end - hole.start);
  const moved = (pos: number) => (pos >= hole.end ? pos + grown : pos);
  const originals = members.map((m) => ({ start: moved(copyFrom(m, sourceFile)), end: moved(m.end) }));
  return { snapshot, copies, toOriginal, originals };
}

/** One candidate's copy of the members: its text and how positions map between it and the real file. */
interface MemberCopy {
  /** The members with their edits, each followed by a line break. */
  text: string;
  /** A position of the real file, inside a copied member, as an offset in this copy. */
  map: (pos: number) => number;
  /** An offset in this copy as a position of the real file (inside an inserted text, where it goes). */
  inRealFile: (offset: number) => number;
}

/** A copy placed in the text inserted into the class: `start`, `end` there, `hole` in the copy. */
interface PlacedMembers extends MemberCopy {
  length: number;
  start: number;
  end: number;
  hole: number;
}

function memberCopy(
  sourceFile: ts.SourceFile,
  members: ts.ClassElement[],
  editsOf: Map<ts.ClassElement, MemberEdit[]>,
): MemberCopy {
  let text = '';
  const fragmentAt = new Map<ts.ClassElement, number>();
  for (const m of members) {
    fragmentAt.set(m, text.length);
    text += applyEdits(sourceFile.text, copyFrom(m, sourceFile), m.end, editsOf.get(m)!) + '\n';
  }
  const inRealFile = (offset: number) => {
    const m = members.reduce((found, c) => (fragmentAt.get(c)! <= offset ? c : found), members[0]);
    let copied = fragmentAt.get(m)!;
    let real = copyFrom(m, sourceFile);
    for (const e of editsOf.get(m)!) {
      if (offset - copied < e.start - real) break;
      copied += e.start - real;
      if (offset - copied < e.text.length) return e.start;
      copied += e.text.length;
      real = e.end;
    }
    return real + offset - copied;
  };
  // A name's suffix moves what follows the name, the hole's text what follows the hole.
  const map = (pos: number) => {
    const m = members.find((c) => copyFrom(c, sourceFile) <= pos && pos <= c.end)!;
    const before = editsOf.get(m)!.filter((e) => (e.rename ? e.start <= pos : e.start < pos && e.end <= pos));
    const grown = before.reduce((sum, e) => sum + e.text.length - (e.end - e.start), 0);
    return fragmentAt.get(m)! + pos - copyFrom(m, sourceFile) + grown;
  };
  return { text, map, inRealFile };
}

/**
 * A placed copy as the side-by-side file holds it (its text inserted at `inserted.at`): the region's nodes and
 * carriers found there; undefined where the parser read the copy otherwise.
 */
function memberCopyFound(
  inserted: { sourceFile: ts.SourceFile; at: number },
  sourceFile: ts.SourceFile,
  region: CopiedRegion,
  members: ts.ClassElement[],
  p: PlacedMembers,
): Copy | undefined {
  const start = inserted.at + p.start;
  const end = inserted.at + p.end;
  const inCopy = (n: ts.Node) => nodeStartingAt(inserted.sourceFile, start + p.map(n.getStart(sourceFile)), n.kind);
  const mapped = region.nodes.map(inCopy);
  if (mapped.some((n) => !n || n.end > end)) return undefined;
  const inMembers = region.carriers?.every((n) => members.some((m) => m.pos <= n.pos && n.end <= m.end));
  const carriers = found(inMembers ? region.carriers!.map(inCopy) : undefined, end);
  const { text, length, hole, inRealFile } = p;
  return { text, length, start, end, hole, nodes: mapped as ts.Node[], carriers, inRealFile };
}

/** A candidate with its references to renamed members (`this.name`, `Class.name`) renamed too. */
function renamedIn(text: string, names: Set<string>, className: string | undefined, suffix: string): string {
  const probe = ts.createSourceFile('candidate.ts', `(${text})`, ts.ScriptTarget.Latest, true);
  const ends: number[] = [];
  forEachDescendant(probe, (node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      names.has(node.name.text) &&
      (node.expression.kind === ts.SyntaxKind.ThisKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === className))
    )
      ends.push(node.name.end - 1);
  });
  let out = text;
  for (const at of ends.sort((a, b) => b - a)) out = out.slice(0, at) + suffix + out.slice(at);
  return out;
}

interface MemberEdit extends Replacement {
  rename?: boolean;
}

/** A member's edits in a copy: `suffix` after each renamed name (listed by where they end), the candidate in the
 * hole (`filled`). */
function memberEdits(
  sourceFile: ts.SourceFile,
  m: ts.ClassElement,
  renamed: number[],
  suffix: string,
  filled: Replacement,
): MemberEdit[] {
  const start = copyFrom(m, sourceFile);
  const edits: MemberEdit[] = renamed
    .filter((r) => r > start && r <= m.end)
    .map((at) => ({ start: at, end: at, text: suffix, rename: true }));
  if (start <= filled.start && filled.end <= m.end) edits.push(filled);
  // A name ending where the hole starts keeps its suffix before the hole's text.
  return edits.sort((a, b) => a.start - b.start || (a.rename ? -1 : 1));
}

function applyEdits(source: string, start: number, end: number, edits: Replacement[]): string {
  let out = '';
  let cursor = start;
  for (const e of edits) {
    out += source.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + source.slice(cursor, end);
}

function extentOf(region: CopiedRegion): readonly ts.Node[] {
  return [...region.nodes, ...(region.functions ?? []), ...(region.classes ?? [])];
}

/**
 * The statements to copy: those of the innermost statement list holding every node, from the first to the last;
 * undefined when they cannot be copied into a block unchanged in meaning (imports, exports by assignment,
 * namespaces, `var`s hoisted out of the block).
 */
function spanOf(sourceFile: ts.SourceFile, nodes: readonly ts.Node[]): Span | undefined {
  let list: ts.Node | undefined = nodes[0].parent;
  while (list && !(isStatementList(list) && nodes.every((n) => list!.pos <= n.pos && n.end <= list!.end)))
    list = list.parent;
  if (!list) return undefined;
  const statements = (list as ts.Block).statements.filter((s) => nodes.some((n) => s.pos <= n.pos && n.end <= s.end));
  if (!statements.length) return undefined;
  const first = (list as ts.Block).statements.indexOf(statements[0]);
  const last = (list as ts.Block).statements.indexOf(statements[statements.length - 1]);
  const copied = (list as ts.Block).statements.slice(first, last + 1);
  if (copied.some((s) => !copiable(s))) return undefined;
  return { start: copyFrom(copied[0], sourceFile), end: copied[copied.length - 1].end, list };
}

function copiable(statement: ts.Statement): boolean {
  if (
    ts.isImportDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    ts.isExportDeclaration(statement) ||
    ts.isExportAssignment(statement) ||
    ts.isModuleDeclaration(statement)
  )
    return false;
  return !hoistsVar(statement);
}

/** A `var` outside any nested function would be hoisted out of its copy and clash with the other copies'. */
function hoistsVar(statement: ts.Node): boolean {
  let hoists = false;
  forEachDescendant(statement, (node) => {
    hoists = ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped);
    return hoists ? 'stop' : ts.isFunctionLike(node) || ts.isClassLike(node) ? 'skip' : undefined;
  });
  return hoists;
}

/** The file's text with the `export` (and `default`) keywords of the span's statements blanked: they cannot stand in a
 * block, and spaces keep every position. */
function blankExports(sourceFile: ts.SourceFile, span: { start: number; end: number; list: ts.Node }): string {
  let text = sourceFile.text;
  if (!ts.isSourceFile(span.list) && !ts.isModuleBlock(span.list)) return text;
  for (const statement of (span.list as ts.SourceFile).statements) {
    if (statement.getStart(sourceFile) < span.start || statement.end > span.end) continue;
    for (const modifier of ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : []) {
      if (modifier.kind !== ts.SyntaxKind.ExportKeyword && modifier.kind !== ts.SyntaxKind.DefaultKeyword) continue;
      const start = modifier.getStart(sourceFile);
      text = text.slice(0, start) + ' '.repeat(modifier.end - start) + text.slice(modifier.end);
    }
  }
  return text;
}

/**
 * The text with the bodies blanked of the span's class members that no copy needs: those that hold no region node,
 * whose type is written (or that have none: setters, constructors aside) and whose inferred type nothing kept (nor
 * any text) names.
 * Unchecked, such a body only costs parsing and binding, once per copy: most of a copied class (rxjs' TestScheduler,
 * 23 KB, copied whole when a method infers its type from the hole). Spaces keep every position.
 */
function blankBodies(
  sourceFile: ts.SourceFile,
  span: { start: number; end: number },
  region: readonly ts.Node[],
  texts: readonly string[],
  text: string,
): string {
  const members: ts.ClassElement[] = [];
  forEachDescendant(sourceFile, (node) => {
    const over = node.end >= span.start && node.pos <= span.end;
    if (over && ts.isClassLike(node)) for (const member of node.members) members.push(member);
    return over ? undefined : 'skip';
  });
  const holds = (m: ts.Node) =>
    region.some((n) => m.pos <= n.pos && n.end <= m.end) || region.some((n) => n.pos <= m.pos && m.end <= n.end);
  const blankable = members.filter((m): m is BodiedMember => hasBody(m) && !holds(m));
  // An un-annotated method's type comes from its body: keep the bodies of those that kept code names, transitively.
  const inferred = new Map(
    blankable
      .filter((m) => !isTypeWritten(m) && m.name && ts.isIdentifier(m.name))
      .map((m) => [(m.name as ts.Identifier).text, m]),
  );
  const kept = new Set<ts.Node>();
  const keep = (name: string) => {
    const member = inferred.get(name);
    if (member && !kept.has(member)) {
      kept.add(member);
      names(member.body);
    }
  };
  const names = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) keep(node.text);
    else forEachDescendant(node, (n) => void (ts.isIdentifier(n) && keep(n.text)));
  };
  for (const m of members) if (!blankable.includes(m as BodiedMember)) names(m);
  for (const n of region) names(n);
  for (const t of texts) for (const word of t.match(/[\p{L}_$][\p{L}\p{N}_$]*/gu) ?? []) keep(word);
  let out = text;
  for (const m of blankable) {
    if (kept.has(m)) continue;
    const open = m.body.getStart(sourceFile) + 1;
    const close = m.body.end - 1;
    if (close > open) out = out.slice(0, open) + ' '.repeat(close - open) + out.slice(close);
  }
  return out;
}

type BodiedMember = (ts.MethodDeclaration | ts.AccessorDeclaration) & { body: ts.Block };

function hasBody(m: ts.ClassElement): m is BodiedMember {
  return (ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) && !!m.body;
}

/** A setter's type is its parameter's; a method's or getter's, its annotation when written. */
function isTypeWritten(m: BodiedMember): boolean {
  return ts.isSetAccessor(m) || !!declaredType(m);
}

/** Where a copy of a statement or member starts: at its JSDoc, which types a declaration in JavaScript. */
function copyFrom(node: ts.Node, sourceFile: ts.SourceFile): number {
  return node.getStart(sourceFile, true);
}

/** Past the blanks that stand for a statement's `export`. */
function skipSpaces(text: string, pos: number): number {
  while (text.charCodeAt(pos) === 32) pos++;
  return pos;
}

/** The nodes, when each was found before `end`. */
function found(nodes: Array<ts.Node | undefined> | undefined, end: number): ts.Node[] | undefined {
  return nodes?.every((n) => n && n.end <= end) ? (nodes as ts.Node[]) : undefined;
}

function nodeStartingAt(sourceFile: ts.SourceFile, start: number, kind: ts.SyntaxKind): ts.Node | undefined {
  let found: ts.Node | undefined;
  forEachDescendant(sourceFile, (node) => {
    if (node.end < start || node.pos > start) return 'skip';
    if (node.kind !== kind || node.getStart(sourceFile) !== start) return;
    found = node;
    return 'stop';
  });
  return found;
}
