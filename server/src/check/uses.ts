/**
 * Demands: what the code around a hole asks of its value where no type is expected — a member read, written or
 * destructured, a call, arithmetic, a parameter of a callee's one non-generic signature it is passed to, or a typed
 * place it flows into (`flow.ts`) — right around the hole or in the first uses of the variable it initialises. A
 * candidate whose type cannot meet one is refuted. Invariant: only uses no condition or earlier statement can have
 * narrowed, nor an assignment replaced.
 */
import ts from 'typescript';
import { isAssignmentTarget, surelyUnassignable } from './proof.js';
import { flowTargets } from './flow.js';
import { testedAbove } from './narrowing.js';
import { boundProperty, usesIn } from './region.js';

/**
 * What the code around a hole asks of its value, where no type says what the value is: the code right around it
 * (`_().match(…)`, `_() - 1`), and after `const x = <hole>` the code that uses `x`. Demands are the members read or
 * written (`x.due = …`, `const { duration } = x`), a call, arithmetic, a parameter it is passed to
 * (`subscriber.add(x)`), a typed place it flows into (`check/flow.ts`). A candidate whose type cannot meet one fails
 * its
 * check for sure, so it need not be checked.
 */
export interface UseDemands {
  /** The value is held by a `let` or `var`: its literal types widen. */
  widens: boolean;
  /** Member names, each with whether it is read through `?.` (then of the value when present). */
  members: Map<string, boolean>;
  called: boolean;
  arithmetic: boolean;
  /** Types the value must be assignable to: the parameters it is passed to, where the callee's one signature fixes
   * them, and the parts of typed places it flows into. */
  targets: ts.Type[];
}

/** Operators that take numbers (or bigints, enums, `any`) only. */
const ARITHMETIC = new Set([
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * The demands on the value of `expression`; undefined when there are none. Where it initialises an un-annotated
 * variable, only the uses nothing can have narrowed count: in the first statement after the declaration that
 * mentions the variable (an earlier one could narrow it: `if (!(x instanceof A)) return;`, `assertIsA(x);`), not
 * under a condition that mentions it, and not after an assignment to it.
 */
export function useDemands(checker: ts.TypeChecker, expression: ts.Expression): UseDemands | undefined {
  let node: ts.Expression = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const demands: UseDemands = {
    widens: false,
    members: new Map(),
    called: false,
    arithmetic: false,
    targets: flowTargets(checker, node),
  };
  addDemand(checker, node, demands);
  const declaration = node.parent;
  const list = declaration.parent;
  const statement = list?.parent;
  if (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer === node &&
    !declaration.type &&
    ts.isIdentifier(declaration.name) &&
    ts.isVariableDeclarationList(list) &&
    ts.isVariableStatement(statement)
  ) {
    const scope = statement.parent;
    const name = declaration.name.text;
    demands.widens = !(list.flags & ts.NodeFlags.Const);
    const uses = usesIn(scope, name)
      .filter(ts.isIdentifier)
      .filter((use) => use.pos >= declaration.end);
    const first = uses.length ? statementIn(scope, uses[0]) : undefined;
    const assigned = uses.find(isAssignmentTarget);
    for (const use of uses) {
      if (
        statementIn(scope, use) === first &&
        !testedAbove(use, name, (n) => n === first) &&
        !(assigned && use.pos > assigned.pos)
      )
        addDemand(checker, use, demands);
    }
  }
  // A parameter the variable is passed to can be where it flows too: one type, asked once. `any` and `unknown` take
  // anything: no demand (refuting against one would type every candidate for nothing).
  demands.targets = [...new Set(demands.targets)].filter((t) => !(t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)));
  return demands.members.size || demands.called || demands.arithmetic || demands.targets.length ? demands : undefined;
}

/** What the code right around a value asks of it. */
function addDemand(checker: ts.TypeChecker, value: ts.Expression, demands: UseDemands): void {
  const parent = value.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === value)
    demands.members.set(parent.name.text, !!parent.questionDotToken);
  else if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isObjectBindingPattern(parent.name)) {
    for (const element of parent.name.elements) {
      const key = boundProperty(element);
      if (!element.dotDotDotToken && key !== undefined) demands.members.set(key, false);
    }
  } else if (ts.isCallExpression(parent) && parent.expression === value) demands.called = true;
  else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value)) {
    const type = parameterType(checker, parent, parent.arguments.indexOf(value));
    if (type) demands.targets.push(type);
  } else if (
    (ts.isBinaryExpression(parent) &&
      (ARITHMETIC.has(parent.operatorToken.kind) || comparedWithNumber(checker, parent, value))) ||
    ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && ARITHMETIC.has(parent.operator))
  ) {
    demands.arithmetic = true;
  }
}

/** Why a value of this type cannot meet the demands, if it surely cannot; `value` as in `surelyUnassignable`. */
export function unmetDemand(
  checker: ts.TypeChecker,
  demands: UseDemands,
  type: ts.Type,
  { value = false } = {},
): string | undefined {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Never)) return undefined;
  const widened = demands.widens ? checker.getBaseTypeOfLiteralType(type) : type;
  for (const [member, optional] of demands.members) {
    const apparent = checker.getApparentType(optional ? checker.getNonNullableType(widened) : widened);
    if (!checker.getIndexInfosOfType(apparent).length && !checker.getPropertyOfType(apparent, member))
      return `has no member \`${member}\``;
  }
  if (demands.called && !checker.getApparentType(widened).getCallSignatures().length) return 'is not callable';
  const constraint = checker.getBaseConstraintOfType(widened) ?? widened;
  const numeric = (t: ts.Type) =>
    (t.isUnion() ? t.types : [t]).every(
      (u) => u.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Any),
    );
  if (demands.arithmetic && !numeric(constraint)) return 'is no number';
  if (demands.targets.some((t) => surelyUnassignable(checker, widened, t, { value })))
    return 'is not assignable to where it goes';
  return undefined;
}

/**
 * The type of the parameter at `index` of the one signature of a call's callee, when nothing the arguments are
 * inferred from changes it: the signature is not generic, or its type arguments are written.
 */
function parameterType(
  checker: ts.TypeChecker,
  call: ts.CallExpression | ts.NewExpression,
  index: number,
): ts.Type | undefined {
  const callee = checker.getTypeAtLocation(call.expression);
  const signatures = ts.isNewExpression(call) ? callee.getConstructSignatures() : callee.getCallSignatures();
  if (signatures.length !== 1) return undefined;
  const signature = signatures[0].typeParameters?.length
    ? call.typeArguments && checker.getResolvedSignature(call)
    : signatures[0];
  const parameters = signature?.getParameters() ?? [];
  const last = parameters[parameters.length - 1];
  const rest =
    !!last &&
    !!(last.valueDeclaration && ts.isParameter(last.valueDeclaration) && last.valueDeclaration.dotDotDotToken);
  if (rest && index >= parameters.length - 1) {
    return checker.getIndexInfoOfType(checker.getTypeOfSymbol(last), ts.IndexKind.Number)?.type;
  }
  return index < parameters.length ? checker.getTypeOfSymbol(parameters[index]) : undefined;
}

/** `x < n` with `n` a number: a value that is no number (or bigint) cannot be compared so. */
function comparedWithNumber(checker: ts.TypeChecker, comparison: ts.BinaryExpression, use: ts.Node): boolean {
  if (!RELATIONAL.has(comparison.operatorToken.kind)) return false;
  const other = checker.getTypeAtLocation(comparison.left === use ? comparison.right : comparison.left);
  return (other.isUnion() ? other.types : [other]).every(
    (t) => t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike),
  );
}

const RELATIONAL = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** The statement of `scope` that holds `node`. */
function statementIn(scope: ts.Node, node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && n.parent !== scope) n = n.parent;
  return n;
}
