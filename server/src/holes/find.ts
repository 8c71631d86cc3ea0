/**
 * Explicit holes: `_()` or `_<T>()` where `_` does not resolve or resolves to the ChatLSP declaration `declare function
 * _<T>(): T`. An imported `_` (lodash) is a real call, not a hole.
 */
import ts from 'typescript';
import { forEachDescendant, innermostAt } from '../ts/ast.js';
import type { Hole } from './holeData.js';

/**
 * An explicit hole is `_()` or `_<T>()` (the ChatLSP convention, `declare function _<T>(): T`). It is a hole when
 * `_` does not resolve, or resolves to such a declaration; an imported lodash `_` is a real call.
 */
export function isHoleCall(node: ts.Node, checker: ts.TypeChecker): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== '_') return false;
  if (node.arguments.length > 0 || (node.typeArguments?.length ?? 0) > 1) return false;
  const symbol = checker.getSymbolAtLocation(node.expression);
  if (!symbol) return true;
  const declarations = symbol.declarations ?? [];
  return declarations.length > 0 && declarations.every(isHoleDeclaration);
}

/** `declare function _<T>(): T`: no parameters, no body, returns its only type parameter. */
function isHoleDeclaration(declaration: ts.Declaration): boolean {
  if (!ts.isFunctionDeclaration(declaration) || declaration.body || declaration.parameters.length > 0) return false;
  const typeParameter = declaration.typeParameters?.length === 1 ? declaration.typeParameters[0] : undefined;
  const returned = declaration.type;
  return (
    !!typeParameter &&
    !!returned &&
    ts.isTypeReferenceNode(returned) &&
    ts.isIdentifier(returned.typeName) &&
    returned.typeName.text === typeParameter.name.text
  );
}

export function explicitHoleCalls(sourceFile: ts.SourceFile, checker: ts.TypeChecker): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  // Most files have no `_(`: skip the walk for them.
  if (!sourceFile.text.includes('_(') && !sourceFile.text.includes('_<')) return found;
  forEachDescendant(sourceFile, (node) => {
    if (isHoleCall(node, checker)) found.push(node);
  });
  return found;
}

export function holeOf(call: ts.CallExpression, sourceFile: ts.SourceFile): Hole {
  return { file: sourceFile.fileName, start: call.getStart(sourceFile), end: call.end, kind: 'explicit' };
}

/** The innermost explicit hole at `offset` (inside or touching `_()`), if any. */
export function explicitHoleAt(
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
  offset: number,
): ts.CallExpression | undefined {
  return innermostAt(sourceFile, offset, (node): node is ts.CallExpression => isHoleCall(node, checker));
}

/** `_` names nothing: the hole's context comes from the checker's error type, not from a hole declaration. */
export function isUndeclaredHole(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  return checker.getSymbolAtLocation(call.expression) === undefined;
}
