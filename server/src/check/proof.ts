import ts from 'typescript';
import { enclosingFunction } from '../holes/expectedType.js';

/**
 * Does the context check the hole against a type the hole cannot change? Then a candidate whose type the checker
 * already found assignable to that type adds no error, and no speculative program is needed to know it. It is so
 * for an annotated variable, property or parameter, a return from a function with a declared return type, the
 * argument of a call with one non-generic signature, an assignment, and an array element or property value inside
 * such a context. Anything inferred around the hole (a generic call, an un-annotated variable) is not fixed.
 */
export function isFixedContext(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) {
    return parent.initializer === node && !!parent.type;
  }
  if (ts.isReturnStatement(parent)) {
    const fn = enclosingFunction(parent);
    return !!fn && !!fn.type && !fn.asteriskToken;
  }
  if (ts.isArrowFunction(parent)) return parent.body === node && !!parent.type;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    if (parent.expression === node || !parent.arguments?.includes(node as ts.Expression)) return false;
    const callee = checker.getTypeAtLocation(parent.expression);
    const signatures = ts.isNewExpression(parent) ? callee.getConstructSignatures() : callee.getCallSignatures();
    return signatures.length === 1 && !signatures[0].typeParameters?.length;
  }
  if (ts.isBinaryExpression(parent)) {
    return parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && !ts.isObjectLiteralExpression(parent.left) && !ts.isArrayLiteralExpression(parent.left);
  }
  // Inside a literal checked against a union, a value may pick another member (a discriminant does).
  if (ts.isPropertyAssignment(parent)) return parent.initializer === node && isFixedContext(checker, parent.parent) && !checker.getContextualType(parent.parent)?.isUnion();
  if (ts.isArrayLiteralExpression(parent)) return isFixedContext(checker, parent) && !checker.getContextualType(parent)?.isUnion();
  return false;
}

/** What a candidate starts from: a value in scope, by its name (`x`, `this.x`). */
export interface ScopeEntry {
  kind: string;
  declaration?: ts.Declaration;
}

/**
 * A value that type-checks wherever its type is assignable: a binding or a property chain on one, or a string,
 * number or boolean literal. Not from a `let` without initializer (it may be unassigned there), not from an import
 * (it may be type-only).
 */
export function isPlainValue(text: string, values: ReadonlyMap<string, ScopeEntry>): boolean {
  if (/^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)$/.test(text)) return true;
  const match = /^((?:this\.)?[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*$/.exec(text);
  const value = match && values.get(match[1]);
  if (!value || value.kind === 'import') return false;
  const declaration = value.declaration;
  return !(declaration && ts.isVariableDeclaration(declaration) && !declaration.initializer && ts.isVariableDeclarationList(declaration.parent) &&
    !ts.isForOfStatement(declaration.parent.parent) && !ts.isForInStatement(declaration.parent.parent));
}
