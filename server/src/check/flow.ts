/**
 * Where a value with no type around it flows into a typed place: as a member of an object literal held by a `const` (or
 * spread into another), returned by an un-annotated function and read back as that very member. The types found are
 * demands (uses.ts) that refute a candidate before any program. Invariant: only uses that read the very part holding
 * the value count, and only where nothing can have narrowed, replaced or overridden it.
 */
import ts from 'typescript';
import { enclosingFunction } from '../ts/ast.js';
import { isAssignmentTarget, isFixedContext } from './proof.js';
import { testedAbove } from './narrowing.js';
import { propertyName, usesIn } from './region.js';

/** A part of a value: one of its members, or what calling it returns. */
type Step = { member: string } | 'returned';

/** Steps followed from the hole at most, and places a value flows to at most: past them, no demand is found. */
const MAX_STEPS = 24;
const MAX_TARGETS = 4;

/**
 * The types a value must be assignable to where, with nothing typing it where it is, it flows into a place whose
 * type is fixed: as a member of an object literal held by a `const`, returned by an un-annotated method or function
 * that is called, read back as that member of the call's result or of the `const` (`setInterval: <hole>` in
 * `const interval = { … }`, returned as `{ interval }` by `createDelegates()`, whose result's `.interval` is assigned
 * to
 * a typed property: the hole must be assignable to that property's `setInterval`). A value that reaches a typed place
 * is checked there as part of what holds it, so a part that cannot be assignable makes that check fail. Only uses that
 * read the very part holding the value count; a `const` is followed where nothing can have narrowed or replaced what
 * it holds, a literal's member (spread into another literal too) where nothing after it replaces it.
 */
export function flowTargets(checker: ts.TypeChecker, expression: ts.Expression): ts.Type[] {
  const targets: ts.Type[] = [];
  let steps = 0;
  const follow = (node: ts.Expression, path: Step[]): void => {
    if (++steps > MAX_STEPS || targets.length >= MAX_TARGETS) return;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (node !== expression && isFixedContext(checker, node)) {
      const context = checker.getContextualType(node);
      const target = context && partOf(checker, context, path);
      if (target) targets.push(target);
      return;
    }
    if (
      (ts.isPropertyAssignment(parent) && parent.initializer === node) ||
      (ts.isShorthandPropertyAssignment(parent) && parent.name === node)
    ) {
      const name = propertyName(parent.name);
      return name === undefined ? undefined : heldAs(parent, name, path);
    }
    // `{ ...value }`: the new literal has the member the path reads, unless something after the spread replaces it.
    if (ts.isSpreadAssignment(parent) && parent.expression === node && path[0] && path[0] !== 'returned')
      return heldAs(parent, path[0].member, path.slice(1));
    if (ts.isReturnStatement(parent)) {
      const fn = enclosingFunction(parent);
      return fn && returnedBy(fn, ['returned', ...path]);
    }
    if (ts.isArrowFunction(parent) && parent.body === node) return returnedBy(parent, ['returned', ...path]);
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) return heldBy(parent, path);
    const [first, ...rest] = path;
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === node &&
      first &&
      first !== 'returned' &&
      first.member === parent.name.text
    )
      return follow(parent, rest);
    if (ts.isCallExpression(parent) && parent.expression === node && first === 'returned' && !parent.typeArguments)
      return follow(parent, rest);
  };
  /** The literal holds as member `name` what `element` puts there, unless a later member or spread replaces it. */
  const heldAs = (
    element: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | ts.SpreadAssignment,
    name: string,
    path: Step[],
  ): void => {
    const literal = element.parent;
    const later = literal.properties.slice(literal.properties.indexOf(element) + 1);
    if (
      later.some((p) =>
        ts.isSpreadAssignment(p) ? mayReplace(checker, p, name) : p.name && propertyName(p.name) === name,
      )
    )
      return;
    follow(literal, [{ member: name }, ...path]);
  };
  /** What a function returns: reached through a literal holding it as a method, or through calls of it. */
  const returnedBy = (fn: ts.FunctionLikeDeclaration, path: Step[]): void => {
    // A written return type fixes the context already; a generic one, async or a generator changes what is returned.
    if (
      fn.type ||
      fn.typeParameters?.length ||
      fn.asteriskToken ||
      ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async
    )
      return;
    if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return follow(fn, path);
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      const name = propertyName(fn.name);
      return name === undefined ? undefined : follow(fn.parent, [{ member: name }, ...path]);
    }
    const symbol = fn.name && checker.getSymbolAtLocation(fn.name);
    if (!symbol || !fn.name || !ts.isIdentifier(fn.name)) return;
    for (const use of usesIn(fn.parent, fn.name.text)) {
      const reference = ts.isPropertyAccessExpression(use.parent) && use.parent.name === use ? use.parent : use;
      if (checker.getSymbolAtLocation(use) === symbol) follow(reference, path);
    }
  };
  /** A `const`'s value, at each of its uses, unless something can have narrowed it or assigned to a member of it. */
  const heldBy = (declaration: ts.VariableDeclaration, path: Step[]): void => {
    const list = declaration.parent;
    if (
      declaration.type ||
      !ts.isIdentifier(declaration.name) ||
      !ts.isVariableDeclarationList(list) ||
      !(list.flags & ts.NodeFlags.Const)
    )
      return;
    const symbol = checker.getSymbolAtLocation(declaration.name);
    const scope = list.parent.parent;
    const uses = usesIn(scope, declaration.name.text)
      .filter(ts.isIdentifier)
      .filter((use) => use !== declaration.name && valueSymbol(checker, use) === symbol);
    if (uses.some((use) => assignsInto(use) || testedAbove(use, use.text, (n) => n === scope))) return;
    for (const use of uses) follow(use, path);
  };
  follow(expression, []);
  return targets;
}

/** The type of a part of a value of type `type` (of its non-null part), if it has exactly that part. */
function partOf(checker: ts.TypeChecker, type: ts.Type, path: Step[]): ts.Type | undefined {
  let current: ts.Type | undefined = type;
  for (const step of path) {
    if (!current || current.flags & ts.TypeFlags.Any) return undefined;
    const present = checker.getApparentType(checker.getNonNullableType(current));
    if (step === 'returned') {
      const signatures = present.getCallSignatures();
      current =
        signatures.length === 1 && !signatures[0].typeParameters?.length ? signatures[0].getReturnType() : undefined;
    } else {
      const member = checker.getPropertyOfType(present, step.member);
      current = member && checker.getTypeOfSymbol(member);
    }
  }
  return current && !(current.flags & ts.TypeFlags.Any) ? current : undefined;
}

/**
 * Can the spread replace member `name`? Not when its type surely lacks it or has it optional: then the member is the
 * spread's or the earlier one, and a value that cannot be assignable keeps the union of both from being so.
 */
function mayReplace(checker: ts.TypeChecker, spread: ts.SpreadAssignment, name: string): boolean {
  const type = checker.getApparentType(checker.getTypeAtLocation(spread.expression));
  const types = type.isUnion() ? type.types : [type];
  return types.some((t) => {
    if (!(t.flags & ts.TypeFlags.Object) || checker.getIndexInfosOfType(t).length) return true;
    const member = checker.getPropertyOfType(t, name);
    return !!member && !(member.flags & ts.SymbolFlags.Optional);
  });
}

/** The value a name refers to; in `{ name }`, the variable, not the property. */
function valueSymbol(checker: ts.TypeChecker, name: ts.Identifier): ts.Symbol | undefined {
  return ts.isShorthandPropertyAssignment(name.parent)
    ? checker.getShorthandAssignmentValueSymbol(name.parent)
    : checker.getSymbolAtLocation(name);
}

/** `v = …`, `v.member = …`, `v.a.b++`: the use replaces the value or a part of it, which later reads then see. */
function assignsInto(use: ts.Identifier): boolean {
  let node: ts.Expression = use;
  for (;;) {
    if (isAssignmentTarget(node)) return true;
    const parent = node.parent;
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node)
      node = parent;
    else if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) node = parent;
    else return false;
  }
}
