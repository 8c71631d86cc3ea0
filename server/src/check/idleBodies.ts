/**
 * Idle bodies: the function bodies outside the region that a side-by-side program leaves blank, in its copies too.
 * Checking the region, the checker types the functions it meets on the way, then checks each function expression's
 * body whole (deferred checks): a React hook's event handlers, 100–400 ms on the first copy, none of it about the
 * candidates. A body is idle when nothing outside it can tell it is blank: it returns no value, and its end is reached
 * or it returns, so that its function's type is what it would be with `{}` (the file's checker confirms that the
 * function does not return `never`: a call to a function that never returns ends it); it is no generator's nor
 * constructor's; it assigns no name declared outside it (an assignment in a closure ends narrowing elsewhere) and
 * holds no `@ts-` comment. Its function takes no contextual type (a declaration, a class's method, an un-annotated
 * initializer): asking a callback's return type would resolve the call around it, dear on a cold checker. Only in
 * TypeScript: a JavaScript body can declare types (`this.x =` in a constructor function). Spaces keep every position.
 */
import ts from 'typescript';
import { forEachDescendant, isFunctionLikeWithBody } from '../ts/ast.js';
import type { Replacement } from '../holes/speculate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { isAssignmentTarget } from './proof.js';

/**
 * The blanks for the idle bodies of the snapshot's file, in order, none inside another, none overlapping a node of
 * `checked` (what a candidate can reach: a callback in it may take its parameters' types from the candidate).
 */
export function idleBodies({ sourceFile, checker }: FileSnapshot, checked: readonly ts.Node[]): Replacement[] {
  if (/\.(m|c)?jsx?$/.test(sourceFile.fileName)) return [];
  const blanks: Replacement[] = [];
  forEachDescendant(sourceFile, (node) => {
    if (checked.some((n) => node.pos < n.end && n.pos < node.end)) return undefined;
    const body = idleBody(node, sourceFile);
    if (!body || returnsNever(checker, node as BodiedFunction)) return undefined;
    const start = body.getStart(sourceFile) + 1;
    const end = body.end - 1;
    blanks.push({ start, end, text: ' '.repeat(end - start) });
    return 'skip';
  });
  return blanks;
}

type BodiedFunction = ts.FunctionLikeDeclaration & { body: ts.Block };

function idleBody(node: ts.Node, sourceFile: ts.SourceFile): ts.Block | undefined {
  // A getter returns a value; a constructor's assignments initialise what its class declares.
  if (
    !isFunctionLikeWithBody(node) ||
    ts.isGetAccessor(node) ||
    ts.isConstructorDeclaration(node) ||
    !node.body ||
    !ts.isBlock(node.body) ||
    !node.body.statements.length ||
    node.asteriskToken
  )
    return undefined;
  const fn = node as BodiedFunction;
  if (hasContext(fn)) return undefined;
  const { returnsValue, returns } = returnsOf(fn.body);
  const endReached = (fn.flags & ts.NodeFlags.HasImplicitReturn) !== 0;
  if (returnsValue || !(endReached || returns)) return undefined;
  if (fn.body.getText(sourceFile).includes('@ts-') || assignsOuterName(fn)) return undefined;
  return fn.body;
}

/** Does a contextual type reach the function (a callback, an object literal's method, a written type's initializer)? */
function hasContext(fn: BodiedFunction): boolean {
  if (ts.isFunctionDeclaration(fn)) return false;
  if (ts.isMethodDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return !ts.isClassLike(fn.parent);
  const holder = fn.parent;
  return !((ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && !holder.type);
}

function returnsNever(checker: ts.TypeChecker, fn: BodiedFunction): boolean {
  const signature = checker.getSignatureFromDeclaration(fn);
  if (!signature) return true;
  const returned = checker.getReturnTypeOfSignature(signature);
  const isAsync = ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async;
  const settled = isAsync ? checker.getAwaitedType(returned) : returned;
  return !settled || (settled.flags & ts.TypeFlags.Never) !== 0;
}

/** The body's own `return`s (not those of the functions in it): any with a value, any at all. */
function returnsOf(body: ts.Block): { returnsValue: boolean; returns: boolean } {
  let returnsValue = false;
  let returns = false;
  forEachDescendant(body, (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return 'skip';
    if (!ts.isReturnStatement(node)) return undefined;
    returns = true;
    returnsValue ||= node.expression !== undefined;
    return undefined;
  });
  return { returnsValue, returns };
}

/** Does the function assign a name it does not declare (its parameters and what its body declares count)? */
function assignsOuterName(fn: BodiedFunction): boolean {
  const declared = new Set<string>();
  const written: string[] = [];
  forEachDescendant(fn, (node) => {
    if (!ts.isIdentifier(node)) return undefined;
    if (isDeclarationName(node)) declared.add(node.text);
    else if (isWritten(node)) written.push(node.text);
    return undefined;
  });
  return written.some((name) => !declared.has(name));
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isEnumDeclaration(parent)) &&
    parent.name === node
  );
}

/**
 * Is the name written: assigned (`x = …`, `x++`), or a target of a destructuring assignment (`[a, { b }] = pair`) or
 * of a `for…in`/`for…of` (`for (x of xs)`)?
 */
function isWritten(name: ts.Identifier): boolean {
  if (isAssignmentTarget(name)) return true;
  let target: ts.Node = name;
  while (inPattern(target)) target = target.parent;
  const parent = target.parent;
  if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return parent.initializer === target;
  return (
    target !== name &&
    ts.isBinaryExpression(parent) &&
    parent.left === target &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}

/** Is the node an element of an array or object literal (or in parentheses): what a destructuring assignment binds? */
function inPattern(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isArrayLiteralExpression(parent) ||
    ts.isObjectLiteralExpression(parent) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === node)
  );
}
