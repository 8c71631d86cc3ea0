/**
 * The type a hole must have: the checker's contextual type, asked as TypeScript's completions ask it (a generic call's
 * argument without inferring from the argument itself; the awaited type at an async `return`), else the declared type
 * of the target. `any` and the error type tell an engine nothing (`isUninformative`).
 */
import ts from 'typescript';
import { enclosingFunction } from '../ts/ast.js';

/**
 * The type a hole expression must have. The checker's contextual type first (it handles generic calls, overloads,
 * object literal members, array elements, conditionals, JSX attributes, `await` operands); when there is none,
 * the declared type of whatever the hole is assigned to.
 */
export function expectedTypeOf(checker: ts.TypeChecker, hole: ts.Expression): ts.Type | undefined {
  if (ts.isCallExpression(hole) && hole.typeArguments?.length === 1)
    return checker.getTypeFromTypeNode(hole.typeArguments[0]);
  const contextual = contextualType(checker, hole);
  if (contextual && !isUninformative(contextual)) return contextual;
  return declaredTargetType(checker, hole) ?? contextual;
}

/** `ContextFlags.IgnoreNodeInferences`, internal to TypeScript; its completions ask with it. */
const IGNORE_NODE_INFERENCES = 4;

/** The context a generic call gives an argument without inferring its type arguments from the argument itself. */
function contextualTypeIgnoringHole(checker: ts.TypeChecker, node: ts.Expression): ts.Type | undefined {
  const getContextualType = checker.getContextualType as (node: ts.Expression, flags: number) => ts.Type | undefined;
  return getContextualType.call(checker, node, IGNORE_NODE_INFERENCES);
}

function contextualType(checker: ts.TypeChecker, hole: ts.Expression): ts.Type | undefined {
  const parent = hole.parent;
  // `await _()`: the operand may be the awaited type itself or a promise of it; the hole asks for the value.
  const asked = parent && ts.isAwaitExpression(parent) ? parent : hole;
  const contextual = contextualTypeIgnoringHole(checker, asked);
  if (!contextual || isUninformative(contextual)) return contextual;
  return asked !== hole || insideAsyncReturn(hole) ? (checker.getAwaitedType(contextual) ?? contextual) : contextual;
}

/** `return _()` in an async function: the checker's contextual type is `T | PromiseLike<T>`; the hole asks for T. */
function insideAsyncReturn(hole: ts.Expression): boolean {
  const fn = enclosingFunction(hole);
  if (!fn || !(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)) return false;
  return (hole.parent && ts.isReturnStatement(hole.parent)) || fn.body === hole;
}

function declaredTargetType(checker: ts.TypeChecker, hole: ts.Expression): ts.Type | undefined {
  const parent = hole.parent;
  if (!parent) return undefined;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) &&
    parent.initializer === hole
  ) {
    return parent.type ? checker.getTypeFromTypeNode(parent.type) : undefined;
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === hole &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    return checker.getTypeAtLocation(parent.left);
  }
  if (ts.isReturnStatement(parent)) {
    // Only a written return type: an inferred one would be inferred from the hole itself.
    const fn = enclosingFunction(hole);
    if (!fn?.type) return undefined;
    const returned = checker.getTypeFromTypeNode(fn.type);
    return ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async
      ? (checker.getAwaitedType(returned) ?? returned)
      : returned;
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const index = parent.arguments?.indexOf(hole) ?? -1;
    const signature = index >= 0 ? checker.getResolvedSignature(parent) : undefined;
    const parameter = signature?.parameters[Math.min(index, signature.parameters.length - 1)];
    return parameter && parameter.valueDeclaration ? checker.getTypeOfSymbolAtLocation(parameter, parent) : undefined;
  }
  return undefined;
}

/** `any` or an error type tells an engine nothing. */
export function isUninformative(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0;
}
