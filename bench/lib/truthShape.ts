/**
 * What the removed expression is, syntactically (a name, a member chain, a call, a literal, …): how the fill bench
 * breaks down its misses.
 */
import ts from 'typescript';
import type { Site } from './sites.js';

/** What the removed expression is, syntactically: where the engine's misses are. */
export type TruthShape =
  | 'identifier'
  | 'property access'
  | 'call'
  | 'new'
  | 'literal'
  | 'function'
  | 'object'
  | 'array'
  | 'other'
  | 'member: property'
  | 'member: method';

export function truthShape(site: Site): TruthShape {
  const node = site.node;
  if (site.kind === 'member') {
    const access = node.parent;
    return ts.isCallExpression(access.parent) && access.parent.expression === access
      ? 'member: method'
      : 'member: property';
  }
  if (isLiteral(node)) return 'literal';
  if (ts.isIdentifier(node)) return 'identifier';
  if (ts.isPropertyAccessExpression(node)) return 'property access';
  if (ts.isCallExpression(node)) return 'call';
  if (ts.isNewExpression(node)) return 'new';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return 'function';
  if (ts.isObjectLiteralExpression(node)) return 'object';
  if (ts.isArrayLiteralExpression(node)) return 'array';
  return 'other';
}

function isLiteral(node: ts.Node): boolean {
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return isLiteral(node.operand);
  return (
    ts.isLiteralExpression(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(node.kind) ||
    (ts.isIdentifier(node) && node.text === 'undefined')
  );
}
