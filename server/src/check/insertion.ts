/**
 * Code inserted into a document as it is (often unfinished): the errors it adds, and none of those already there.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { forEachDescendant } from '../ts/ast.js';
import { splice } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { isStatementList, outermost, regionOf } from './region.js';
import { AddedError, errorsOf, keyOf } from './validate.js';

/**
 * The errors that inserting `text` at `at` adds: the statements it can affect are checked in a speculative program
 * (each statement it writes, and through `region.ts` the uses of what it declares and of the functions whose return
 * type it changes), the same stretch of the document without it in the real program, and only errors the document
 * did not have count (positions after the insertion counted from its end). A document being written has errors of its
 * own; the insertion is judged on what it adds. With `noUnusedLocals` or `noUnusedParameters`, a name it declares and
 * never reads is an error too (the checker reports those for whole files only). The file's warm checker checks
 * the text where it judges as a fresh program does. Undefined when the deadline or a cancellation stopped the check
 * (`budget`).
 */
export function insertionErrors(
  base: FileSnapshot,
  at: number,
  text: string,
  budget = Budget.unlimited,
): AddedError[] | undefined {
  const { snapshot } = splice(base, [{ start: at, end: at, text }], { warm: true });
  const span = { start: at, end: at + text.length };
  const region = insertionRegion(snapshot, span);
  const after = errorsOf(snapshot, region, budget);
  if (!after) return undefined;
  const unused = unusedDeclarations(snapshot, span);
  // The document's own errors matter only to tell them from the insertion's: none there, none to tell.
  if (!after.length) return unused;
  const before = errorsOf(base, region && sameStretch(base.sourceFile, region, span), budget);
  if (!before) return undefined;
  const known = new Set(before.map((d) => keyOf(d, at, 0)));
  return [...after.filter((d) => !known.has(keyOf(d, at, text.length))), ...unused];
}

/**
 * The statements an insertion can affect: the region (`regionOf`) of each place a value of it flows from — each
 * statement it writes, each initializer, each returned value, each function of the file it gives a member to —
 * outermost first; undefined for the whole file.
 */
function insertionRegion(
  { sourceFile, checker }: FileSnapshot,
  span: { start: number; end: number },
): ts.Node[] | undefined {
  const places = [span.start];
  forEachDescendant(sourceFile, (node) => {
    if (node.end < span.start || node.pos > span.end) return 'skip';
    const inside = node.getStart(sourceFile) >= span.start && node.end <= span.end;
    if (inside && node.parent && (isStatementList(node.parent) || ts.isClassLike(node.parent)))
      places.push(node.getStart(sourceFile));
    // The function's uses are reached from its declaration; the functions returning it, from its file's statement.
    const host = inside ? expandoHost(node, checker) : undefined;
    if (host?.getSourceFile() === sourceFile) places.push(host.getStart(sourceFile), topStatement(host).getStart());
    const value =
      ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)
        ? node.initializer
        : ts.isReturnStatement(node) || ts.isYieldExpression(node)
          ? node.expression
          : ts.isArrowFunction(node) && !ts.isBlock(node.body)
            ? node.body
            : undefined;
    if (inside && value) places.push(value.getStart(sourceFile));
    return undefined;
  });
  const nodes = new Set<ts.Node>();
  for (const place of places) {
    const region = regionOf(sourceFile, place);
    if (!region?.nodes) return undefined;
    for (const node of region.nodes) nodes.add(node);
  }
  return outermost([...nodes]);
}

/**
 * The function `f` of `f.x = …`, which the assignment gives a member (an expando): the function's type, and so every
 * use of it, changes (a second assignment of a member makes its type a union).
 */
function expandoHost(node: ts.Node, checker: ts.TypeChecker): ts.Declaration | undefined {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = node.left;
  if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression)) return undefined;
  const declaration = checker.getSymbolAtLocation(target.expression)?.valueDeclaration;
  const isFunction = (n: ts.Node | undefined) => !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));
  return declaration &&
    (ts.isFunctionDeclaration(declaration) ||
      (ts.isVariableDeclaration(declaration) && isFunction(declaration.initializer)))
    ? declaration
    : undefined;
}

/** The statement of the file (or of its namespace) that holds `node`. */
function topStatement(node: ts.Node): ts.Node {
  let statement = node;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isModuleBlock(statement.parent))
    statement = statement.parent;
  return statement;
}

/** The statements (or class members) of the document without the insertion over the stretch `nodes` cover with it. */
function sameStretch(
  sourceFile: ts.SourceFile,
  nodes: readonly ts.Node[],
  span: { start: number; end: number },
): ts.Node[] {
  const length = span.end - span.start;
  const back = (pos: number) => (pos <= span.start ? pos : pos >= span.end ? pos - length : span.start);
  const found = new Set<ts.Node>();
  for (const node of nodes) {
    const start = back(node.getStart()),
      end = back(node.end);
    const list = innermostList(sourceFile, start, end);
    const members: readonly ts.Node[] = ts.isClassLike(list) ? list.members : (list as ts.Block).statements;
    for (const member of members) if (member.pos <= end && member.end >= start) found.add(member);
    if (!members.some((m) => m.pos <= end && m.end >= start) && !ts.isSourceFile(list)) found.add(list);
  }
  return [...found];
}

/** The innermost statement list or class body holding the stretch. */
function innermostList(sourceFile: ts.SourceFile, start: number, end: number): ts.Node {
  let found: ts.Node = sourceFile;
  forEachDescendant(sourceFile, (node) => {
    if (node.getStart(sourceFile) > start || node.end < end) return 'skip';
    if (isStatementList(node) || ts.isClassLike(node)) found = node;
    return undefined;
  });
  return found;
}

/**
 * Names the insertion declares (locals, functions and classes not exported; parameters of the functions it writes)
 * and nothing reads, where the project's options make that an error; `_`-names aside, as the checker does.
 */
function unusedDeclarations(
  { program, checker, sourceFile }: FileSnapshot,
  span: { start: number; end: number },
): AddedError[] {
  const options = program.getCompilerOptions();
  if (!options.noUnusedLocals && !options.noUnusedParameters) return [];
  const declared: Array<{ name: ts.Identifier; scope: ts.Node }> = [];
  forEachDescendant(sourceFile, (node) => {
    if (node.end < span.start || node.pos > span.end) return 'skip';
    const name = (node as { name?: ts.Node }).name;
    const inside = node.getStart(sourceFile) >= span.start && node.end <= span.end;
    if (inside && name && ts.isIdentifier(name) && !name.text.startsWith('_') && !isExported(node)) {
      const local =
        (ts.isVariableDeclaration(node) && !ts.isCatchClause(node.parent)) ||
        ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node);
      if (local && options.noUnusedLocals) declared.push({ name, scope: scopeOf(node) });
      if (
        ts.isParameter(node) &&
        options.noUnusedParameters &&
        ts.isFunctionLike(node.parent) &&
        !!(node.parent as ts.FunctionLikeDeclaration).body
      ) {
        declared.push({ name, scope: node.parent });
      }
    }
    return undefined;
  });
  return declared
    .filter(({ name, scope }) => !isRead(checker, name, scope))
    .map(({ name }) => ({
      code: 6133,
      message: `'${name.text}' is declared but its value is never read.`,
      start: name.getStart(sourceFile),
    }));
}

function isExported(node: ts.Node): boolean {
  const statement = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return (
    ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function scopeOf(node: ts.Node): ts.Node {
  return ts.findAncestor(node.parent, (n) => isStatementList(n) || ts.isFunctionLike(n)) ?? node.getSourceFile();
}

/** Does an identifier in `scope` other than the declaration's own name refer to what `name` declares? */
function isRead(checker: ts.TypeChecker, name: ts.Identifier, scope: ts.Node): boolean {
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol) return true;
  let read = false;
  forEachDescendant(scope, (node) => {
    if (!ts.isIdentifier(node) || node === name || node.text !== name.text) return;
    const target = checker.getSymbolAtLocation(node);
    read =
      target === symbol ||
      (!!target &&
        ts.isShorthandPropertyAssignment(node.parent) &&
        checker.getShorthandAssignmentValueSymbol(node.parent) === symbol);
    return read ? 'stop' : 'skip';
  });
  return read;
}
