import ts from 'typescript';
import { nodeAt } from '../holes/ast.js';

/** What a candidate in the hole can affect, as the statements to check. */
export interface Region {
  /** The statement holding the hole. */
  statement: ts.Statement;
  /** `statement`, and when the hole feeds an inferred type, the statements that use what it declares. */
  nodes: ts.Node[];
}

/**
 * The statement around the hole, plus — when the hole feeds an inferred type (an un-annotated variable, the body of
 * a function or method without a return type) — the statements of the same scope that mention the declared name:
 * a wrong candidate shows its error there. Checking these instead of the whole file is most of what makes
 * validation cheap, in a 5,000-line module above all. Undefined when the hole is in no statement.
 */
export function regionOf(sourceFile: ts.SourceFile, holeStart: number): Region | undefined {
  let statement: ts.Statement | undefined;
  let inferred: { name: string; scope: ts.Node } | undefined;
  for (let n: ts.Node | undefined = nodeAt(sourceFile, holeStart); n && !ts.isSourceFile(n); n = n.parent) {
    inferred ??= inferredFrom(n, holeStart);
    if (!statement && ts.isStatement(n) && n.parent && isStatementList(n.parent)) statement = n;
    // A function expression without a return type passes what the hole returns on to its own statement.
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && !n.type && n.body.pos <= holeStart) statement = undefined;
  }
  if (!statement) return undefined;
  if (!inferred) return { statement, nodes: [statement] };
  const word = new RegExp(`\\b${inferred.name.replace(/\$/g, '\\$')}\\b`);
  const uses = statementsOf(inferred.scope).filter((s) => s !== statement && word.test(s.getText(sourceFile)));
  return { statement, nodes: [statement, ...uses] };
}

export function isStatementList(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

/** The name whose inferred type the hole feeds, and the scope its uses are in. */
function inferredFrom(n: ts.Node, holeStart: number): { name: string; scope: ts.Node } | undefined {
  if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && !n.type && n.initializer && n.initializer.pos <= holeStart && ts.isIdentifier(n.name)) {
    return { name: n.name.text, scope: ts.isPropertyDeclaration(n) ? n.parent : scopeOf(n) };
  }
  // A function expression's inferred return type stays in its statement, or reaches a variable (seen above).
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) && !n.type && n.body && n.body.pos <= holeStart && n.name && ts.isIdentifier(n.name)) {
    return { name: n.name.text, scope: ts.isFunctionDeclaration(n) ? scopeOf(n) : n.parent };
  }
  return undefined;
}

function scopeOf(n: ts.Node): ts.Node {
  return ts.findAncestor(n.parent, (a) => isStatementList(a)) ?? n.getSourceFile();
}

/** The statements of a scope: a block's, or a class's members. */
function statementsOf(scope: ts.Node): ts.Node[] {
  if (ts.isClassLike(scope)) return [...scope.members];
  return isStatementList(scope) ? [...(scope as ts.Block).statements] : [];
}
