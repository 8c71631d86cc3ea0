import ts from 'typescript';
import { splice } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { isStatementList } from './region.js';

/** What a copy holds: the nodes to check in it, and the functions it must also hold whole (see Region). */
export interface CopiedRegion {
  nodes: readonly ts.Node[];
  functions?: readonly ts.Node[];
}

/** One candidate's copy of the span in the side-by-side program. */
export interface Copy {
  text: string;
  /** Where the copy starts and ends in the side-by-side file. */
  start: number;
  end: number;
  /** Where the candidate starts, relative to the copy. */
  hole: number;
  /** The region's nodes, as they are in this copy. */
  nodes: ts.Node[];
}

export interface SideBySide {
  snapshot: FileSnapshot;
  copies: Copy[];
  /** A position of the side-by-side file as one of the real file (inside the copies, where they start). */
  toOriginal(pos: number): number;
}

/** Past this much copied text a program is split: parsing it would cost more than a second program. */
const MAX_COPIED = 200_000;

/** How many texts one side-by-side program can hold for this region; 0 when it cannot be copied. */
export function copiesPerProgram(sourceFile: ts.SourceFile, region: CopiedRegion): number {
  const span = spanOf(sourceFile, extentOf(region));
  return span ? Math.max(2, Math.floor(MAX_COPIED / (span.end - span.start))) : 0;
}

/**
 * One speculative program holding the region once per text, each copy in `if (0 as any) { … }`: the statements of
 * the innermost statement list that holds every region node, from the first that holds one to the last, with the
 * text in the hole. Each copy sees the scope the region sees and none sees another's bindings or narrowing, so all
 * texts are checked by one checker at little more than the cost of one. Undefined when the span cannot be copied
 * into a block unchanged in meaning (imports, exports by assignment, namespaces, `var`s hoisted out of the block).
 */
export function sideBySide(base: FileSnapshot, region: CopiedRegion, hole: { start: number; end: number }, texts: string[]): SideBySide | undefined {
  const sourceFile = base.sourceFile;
  const span = spanOf(sourceFile, extentOf(region));
  if (!span) return undefined;
  const source = blankBodies(sourceFile, span, extentOf(region), texts, blankExports(sourceFile, span));
  const before = source.slice(span.start, hole.start);
  const after = source.slice(hole.end, span.end);
  const placed: Array<{ text: string; start: number; end: number; hole: number }> = [];
  let replacement = '';
  for (const text of texts) {
    replacement += 'if (0 as any) { ';
    const copy = `${before}${text}${after}`;
    placed.push({ text, start: span.start + replacement.length, end: span.start + replacement.length + copy.length, hole: before.length });
    replacement += `${copy} } `;
  }
  const { snapshot, toOriginal } = splice(base, [{ start: span.start, end: span.end, text: replacement }]);
  const copies: Copy[] = [];
  for (const p of placed) {
    const shift = (pos: number) => p.start + pos - span.start + (pos >= hole.end ? p.text.length - (hole.end - hole.start) : 0);
    const mapped = region.nodes.map((n) => nodeStartingAt(snapshot.sourceFile, shift(skipSpaces(source, n.getStart(sourceFile))), n.kind));
    // A copy the parser read otherwise (the text closed a brace, say) would be checked wrongly: give up on all.
    if (mapped.some((n) => !n || n.end > p.end)) return undefined;
    copies.push({ ...p, nodes: mapped as ts.Node[] });
  }
  return { snapshot, copies, toOriginal };
}

function extentOf(region: CopiedRegion): readonly ts.Node[] {
  return region.functions?.length ? [...region.nodes, ...region.functions] : region.nodes;
}

/** The statements to copy: those of the innermost statement list holding every node, from the first to the last. */
function spanOf(sourceFile: ts.SourceFile, nodes: readonly ts.Node[]): { start: number; end: number; list: ts.Node } | undefined {
  let list: ts.Node | undefined = nodes[0].parent;
  while (list && !(isStatementList(list) && nodes.every((n) => list!.pos <= n.pos && n.end <= list!.end))) list = list.parent;
  if (!list) return undefined;
  const statements = (list as ts.Block).statements.filter((s) => nodes.some((n) => s.pos <= n.pos && n.end <= s.end));
  if (!statements.length) return undefined;
  const first = (list as ts.Block).statements.indexOf(statements[0]);
  const last = (list as ts.Block).statements.indexOf(statements[statements.length - 1]);
  const copied = (list as ts.Block).statements.slice(first, last + 1);
  if (copied.some((s) => !copiable(s))) return undefined;
  return { start: copied[0].getStart(sourceFile), end: copied[copied.length - 1].end, list };
}

function copiable(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement) ||
    ts.isExportAssignment(statement) || ts.isModuleDeclaration(statement)) return false;
  return !hoistsVar(statement);
}

/** A `var` outside any nested function would be hoisted out of its copy and clash with the other copies'. */
function hoistsVar(node: ts.Node): boolean {
  if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, hoistsVar) ?? false;
}

/** The file's text with the `export` (and `default`) keywords of the span's statements blanked: they cannot stand in a
 * block, and spaces keep every position. */
function blankExports(sourceFile: ts.SourceFile, span: { start: number; end: number; list: ts.Node }): string {
  let text = sourceFile.text;
  if (!ts.isSourceFile(span.list) && !ts.isModuleBlock(span.list)) return text;
  for (const statement of (span.list as ts.SourceFile).statements) {
    if (statement.getStart(sourceFile) < span.start || statement.end > span.end) continue;
    for (const modifier of ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : []) {
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
function blankBodies(sourceFile: ts.SourceFile, span: { start: number; end: number }, region: readonly ts.Node[], texts: readonly string[], text: string): string {
  const members: ts.ClassElement[] = [];
  const collect = (node: ts.Node): void => {
    if (node.end < span.start || node.pos > span.end) return;
    if (ts.isClassLike(node)) members.push(...node.members);
    ts.forEachChild(node, collect);
  };
  ts.forEachChild(sourceFile, collect);
  const holds = (m: ts.Node) => region.some((n) => m.pos <= n.pos && n.end <= m.end) || region.some((n) => n.pos <= m.pos && m.end <= n.end);
  const blankable = members.filter((m): m is BodiedMember => hasBody(m) && !holds(m));
  // An un-annotated method's type comes from its body: keep the bodies of those that kept code names, transitively.
  const inferred = new Map(blankable.filter((m) => !isTypeWritten(m) && m.name && ts.isIdentifier(m.name)).map((m) => [(m.name as ts.Identifier).text, m]));
  const kept = new Set<ts.Node>();
  const keep = (name: string) => {
    const member = inferred.get(name);
    if (member && !kept.has(member)) { kept.add(member); names(member.body); }
  };
  const names = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) keep(node.text);
    else ts.forEachChild(node, names);
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
  return ts.isSetAccessor(m) || !!m.type;
}

/** Past the blanks that stand for a statement's `export`. */
function skipSpaces(text: string, pos: number): number {
  while (text.charCodeAt(pos) === 32) pos++;
  return pos;
}

function nodeStartingAt(sourceFile: ts.SourceFile, start: number, kind: ts.SyntaxKind): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < start || node.pos > start) return;
    if (node.kind === kind && node.getStart(sourceFile) === start) found = node;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}
