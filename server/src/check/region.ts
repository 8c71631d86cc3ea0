import ts from 'typescript';
import { nodeAt } from '../holes/ast.js';

/** What a candidate in the hole can affect, as the statements to check. */
export interface Region {
  /** The statement holding the hole. */
  statement: ts.Statement;
  /** `statement`, and the statements reached through the inferred types it feeds; undefined for the whole file. */
  nodes?: ts.Node[];
}

/** Past this many statements, checking the whole file is as cheap and surer. */
const MAX_NODES = 40;

/**
 * The statement around the hole, plus — when the hole feeds an inferred type (an un-annotated variable, the body of a
 * function, method or getter without a return type) — the statements of the same scope that use the inferred name,
 * and so on through the inferred types those feed in turn: a wrong candidate shows its error there. Checking these
 * instead of the whole file is most of what makes validation cheap, in a 5,000-line module above all. The nodes are
 * undefined for the whole file.
 */
export function regionOf(sourceFile: ts.SourceFile, holeStart: number): Region | undefined {
  const start = statementAround(nodeAt(sourceFile, holeStart), holeStart);
  if (!start) return undefined;
  const nodes = new Set<ts.Node>([start.statement]);
  const queue = [...start.inferred];
  const seen = new Set<string>();
  while (queue.length) {
    const { name, scope } = queue.shift()!;
    const key = `${name}@${scope.pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
    for (const use of statementsOf(scope)) {
      if (nodes.has(use) || !word.test(use.getText(sourceFile))) continue;
      nodes.add(use);
      if (nodes.size > MAX_NODES) return { statement: start.statement };
      queue.push(...inferredFromStatement(use));
    }
  }
  return { statement: start.statement, nodes: [...nodes] };
}

export function isStatementList(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

interface Inferred { name: string; scope: ts.Node }

/**
 * The statement whose checking covers the hole (a function expression, or a method of an object literal, without a
 * return type passes what the hole returns on to the statement around it) and the names whose types it infers.
 */
function statementAround(from: ts.Node, holeStart: number): { statement: ts.Statement; inferred: Inferred[] } | undefined {
  let statement: ts.Statement | undefined;
  const inferred: Inferred[] = [];
  for (let n: ts.Node | undefined = from; n && !ts.isSourceFile(n); n = n.parent) {
    inferred.push(...inferredFrom(n, holeStart));
    if (!statement && ts.isStatement(n) && n.parent && isStatementList(n.parent)) statement = n;
    if (passesReturnOn(n) && (n as ts.FunctionLikeDeclaration).body!.pos <= holeStart) statement = undefined;
  }
  return statement && { statement, inferred };
}

function passesReturnOn(n: ts.Node): boolean {
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return !n.type;
  return (ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) && !n.type && !!n.body && ts.isObjectLiteralExpression(n.parent);
}

/** The names whose inferred types `n` gives when the hole is in its initializer or body, and where they are used. */
function inferredFrom(n: ts.Node, holeStart: number): Inferred[] {
  if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && !n.type && n.initializer && n.initializer.pos <= holeStart) {
    const scope = ts.isPropertyDeclaration(n) ? n.parent : scopeOf(n);
    return boundNames(n.name).map((name) => ({ name, scope }));
  }
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) && !n.type && n.body && n.body.pos <= holeStart &&
    n.name && ts.isIdentifier(n.name) && !ts.isObjectLiteralExpression(n.parent)) {
    return [{ name: n.name.text, scope: ts.isFunctionDeclaration(n) ? scopeOf(n) : n.parent }];
  }
  return [];
}

/** `x`, or every name a destructuring pattern binds (`const { a, b: [c] } = …`). */
function boundNames(name: ts.PropertyName | ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    return name.elements.flatMap((e) => (ts.isBindingElement(e) ? boundNames(e.name) : []));
  }
  return [];
}

/** What a statement that uses an inferred name infers in turn: its own un-annotated declarations, or the return type
 * of the function it returns from. */
function inferredFromStatement(statement: ts.Node): Inferred[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => inferredFrom(d, d.initializer?.pos ?? Infinity));
  }
  if (ts.isPropertyDeclaration(statement)) return inferredFrom(statement, statement.initializer?.pos ?? Infinity);
  if (ts.isClassElement(statement) || !returns(statement)) return [];
  const fn = ts.findAncestor(statement.parent, ts.isFunctionLike);
  return fn ? inferredFrom(fn, statement.pos) : [];
}

/** Does the statement return from its function (a `return` in it, not in a nested function)? */
function returns(statement: ts.Node): boolean {
  if (ts.isReturnStatement(statement)) return true;
  return !ts.isFunctionLike(statement) && (ts.forEachChild(statement, returns) ?? false);
}

function scopeOf(n: ts.Node): ts.Node {
  return ts.findAncestor(n.parent, (a) => isStatementList(a)) ?? n.getSourceFile();
}

/** The statements of a scope: a block's, or a class's members. */
function statementsOf(scope: ts.Node): ts.Node[] {
  if (ts.isClassLike(scope)) return [...scope.members];
  return isStatementList(scope) ? [...(scope as ts.Block).statements] : [];
}
