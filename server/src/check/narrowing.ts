/**
 * Could a condition have narrowed a name at a node? The test that keeps proofs and demands sound: a type read where
 * narrowing may apply proves nothing.
 */
import ts from 'typescript';
import { usesIn } from './region.js';

/** Does the code mention the variable (and so may test it)? */
export function mentions(node: ts.Node | undefined, name: string): boolean {
  return !!node && ((ts.isIdentifier(node) && node.text === name) || usesIn(node, name).length > 0);
}

/**
 * Does the code at `node` run under a condition that mentions `name`, and so may see it narrowed (an `if`, a loop, a
 * `switch`, `?:`, the right of `&&`, `||`, `??`)? The walk up ends at the first node `stop` accepts.
 */
export function testedAbove(node: ts.Node, name: string, stop: (n: ts.Node) => boolean): boolean {
  for (let n: ts.Node = node; n.parent && !stop(n); n = n.parent) {
    const condition = conditionOver(n.parent, n);
    if (condition && mentions(condition, name)) return true;
  }
  return false;
}

/** The condition `parent` tests before it runs `child`, if any (none when `child` is that condition). */
function conditionOver(parent: ts.Node, child: ts.Node): ts.Expression | undefined {
  const condition =
    ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent) || ts.isSwitchStatement(parent)
      ? parent.expression
      : ts.isConditionalExpression(parent)
        ? parent.condition
        : ts.isForStatement(parent)
          ? parent.condition
          : ts.isBinaryExpression(parent) && parent.right === child && LOGICAL.has(parent.operatorToken.kind)
            ? parent.left
            : undefined;
  return condition !== child ? condition : undefined;
}

const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
]);
