import ts from 'typescript';
import { nodeAt } from '../holes/ast.js';

/**
 * The statement a candidate in the hole can affect, or undefined when that is the whole file: when the hole feeds
 * an inferred type (an un-annotated variable, or the body of a declared function without a return type), whose
 * uses may be anywhere. Checking one statement instead of the file is most of what makes validation cheap.
 */
export function regionOf(sourceFile: ts.SourceFile, holeStart: number): ts.Statement | undefined {
  let statement: ts.Statement | undefined;
  for (let n: ts.Node | undefined = nodeAt(sourceFile, holeStart); n && !ts.isSourceFile(n); n = n.parent) {
    if (feedsInference(n, holeStart)) return undefined;
    if (!statement && ts.isStatement(n) && n.parent && isStatementList(n.parent)) statement = n;
  }
  return statement;
}

export function isStatementList(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

function feedsInference(n: ts.Node, holeStart: number): boolean {
  if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && !n.type) return !!n.initializer && n.initializer.pos <= holeStart;
  // A function expression's inferred return type stays in its statement (or reaches a variable, seen above).
  return (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && !n.type && !!n.body && n.body.pos <= holeStart;
}
