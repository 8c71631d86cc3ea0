/**
 * Verdicts by type, without a program. Proven: a plain value whose type the checker found assignable where the context
 * fixes the type (annotation, declared return type, one non-generic signature), or a member name whose one non-generic
 * signature takes the arguments already written after it. Refuted: a plain value or call whose type no narrowing could
 * make assignable there (`surelyUnassignable`; not a generic producer's result, which inference settles), or a member
 * that is private, no function where called, or of an arity no signature takes. Invariant: only where nothing around
 * can change the verdict (a fixed context; assignability any checker would agree on).
 */
import ts from 'typescript';
import { declaredType, enclosingFunction } from '../ts/ast.js';
import { containsTypeParameter } from '../holes/fits.js';

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
    return parent.initializer === node && !!declaredType(parent);
  }
  if (ts.isReturnStatement(parent)) {
    const fn = enclosingFunction(parent);
    return !!fn && ((!!declaredType(fn) && !fn.asteriskToken) || returnsToFixedSignature(checker, fn));
  }
  if (ts.isArrowFunction(parent))
    return parent.body === node && (!!declaredType(parent) || returnsToFixedSignature(checker, parent));
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    if (parent.expression === node || !parent.arguments?.includes(node as ts.Expression)) return false;
    const callee = checker.getTypeAtLocation(parent.expression);
    const signatures = ts.isNewExpression(parent) ? callee.getConstructSignatures() : callee.getCallSignatures();
    return signatures.length === 1 && !signatures[0].typeParameters?.length;
  }
  if (ts.isBinaryExpression(parent)) {
    return (
      parent.right === node &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      !ts.isObjectLiteralExpression(parent.left) &&
      !ts.isArrayLiteralExpression(parent.left)
    );
  }
  if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
    return parent.expression === node && isFixedJsxElement(checker, parent.parent.parent.parent);
  }
  // Inside a literal checked against a union, a value may pick another member (a discriminant does).
  if (ts.isPropertyAssignment(parent))
    return (
      parent.initializer === node &&
      isFixedContext(checker, parent.parent) &&
      !checker.getContextualType(parent.parent)?.isUnion()
    );
  if (ts.isArrayLiteralExpression(parent))
    return isFixedContext(checker, parent) && !checker.getContextualType(parent)?.isUnion();
  return false;
}

/**
 * A function expression or arrow without a declared return type, checked against the one non-generic signature its
 * context gives (`obj.parse = (input) => { … }`, a callback of a non-generic call): each of its returns is checked
 * against that signature's return type, and its own inferred type reaches nothing else, since nothing infers from a
 * fixed context. Not async nor a generator (their returns are wrapped), nor generic.
 */
function returnsToFixedSignature(checker: ts.TypeChecker, fn: ts.FunctionLikeDeclaration): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  if (fn.asteriskToken || fn.typeParameters?.length || ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)
    return false;
  if (!isFixedContext(checker, fn)) return false;
  const contextual = checker.getContextualType(fn);
  const signatures = contextual ? checker.getNonNullableType(contextual).getCallSignatures() : [];
  return (
    signatures.length === 1 &&
    !signatures[0].typeParameters?.length &&
    !containsTypeParameter(signatures[0].getReturnType())
  );
}

/**
 * An element whose attributes are checked against a props type none of them changes: an intrinsic element (`img`,
 * `my-widget`), or a component with one non-generic call signature (a generic one infers its props from them).
 */
function isFixedJsxElement(checker: ts.TypeChecker, element: ts.JsxOpeningLikeElement): boolean {
  const tag = element.tagName;
  if (ts.isIdentifier(tag) && (/^[a-z]/.test(tag.text) || tag.text.includes('-'))) return true;
  const type = checker.getTypeAtLocation(tag);
  const signatures = type.getCallSignatures();
  return !type.getConstructSignatures().length && signatures.length === 1 && !signatures[0].typeParameters?.length;
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
  return !(
    declaration &&
    ts.isVariableDeclaration(declaration) &&
    !declaration.initializer &&
    ts.isVariableDeclarationList(declaration.parent) &&
    !ts.isForOfStatement(declaration.parent.parent) &&
    !ts.isForInStatement(declaration.parent.parent)
  );
}

/**
 * Member names after `receiver.` that type-check as they stand: a public member of the receiver's type, and either
 * the call already written after it passes arguments its one non-generic signature takes (arguments whose type does
 * not depend on the callee: no functions or literals of objects and arrays) and uses the result nowhere or where its
 * return type is assignable, or — no call — a property whose type the checker found assignable where the context
 * fixes the type. An assignment to the member is never proven (it may be read-only), nor a call that never returns
 * or narrows (`asserts x`, `x is T`).
 */
export function provenMembers(
  checker: ts.TypeChecker,
  receiver: ts.Type,
  access: ts.PropertyAccessExpression,
  names: string[],
  expected: ts.Type | undefined,
): Set<string> {
  const proven = new Set<string>();
  const call = callAround(access);
  if (isAssignmentTarget(access)) return proven;
  for (const name of names) {
    const member = checker.getPropertyOfType(receiver, name);
    const declarations = member?.declarations ?? [];
    if (!member || !declarations.length || declarations.some(isNotPublic)) continue;
    const type = checker.getTypeOfSymbolAtLocation(member, access);
    if (call ? callTypeChecks(checker, type, call) : valueFits(checker, type, access, expected)) proven.add(name);
  }
  return proven;
}

/**
 * The member names after `receiver.` that surely fail where the access stands, each with the reason: a private or
 * protected member outside every class; called, a member that is no function, or none of whose signatures takes that
 * many arguments. They need no program to be rejected.
 */
export function refutedMembers(
  checker: ts.TypeChecker,
  receiver: ts.Type,
  access: ts.PropertyAccessExpression,
  names: string[],
): Map<string, string> {
  const refuted = new Map<string, string>();
  const call = callAround(access);
  const inClass = !!ts.findAncestor(access, ts.isClassLike);
  for (const name of names) {
    const member = checker.getPropertyOfType(receiver, name);
    if (!member?.declarations?.length) continue;
    if (!inClass && member.declarations.every(isNotPublic)) {
      refuted.set(name, `\`${name}\` is not public`);
      continue;
    }
    if (!call || call.arguments.some(ts.isSpreadElement)) continue;
    const type = checker.getTypeOfSymbolAtLocation(member, access);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) continue;
    const signatures = type.getCallSignatures();
    if (!signatures.length) refuted.set(name, `\`${name}\` is not a function`);
    else if (signatures.every((sig) => !takes(checker, sig, call.arguments.length, access)))
      refuted.set(name, `\`${name}\` takes no ${call.arguments.length} arguments`);
  }
  return refuted;
}

/**
 * May a signature take `count` arguments? No only when every parameter is declared in TypeScript (no rest) and the
 * count is below the required ones or above them all.
 */
function takes(checker: ts.TypeChecker, signature: ts.Signature, count: number, at: ts.Node): boolean {
  const range = argumentRange(checker, signature, at);
  return !range || (count >= range.min && count <= range.max);
}

/** How many arguments a signature takes, when its declarations say (TypeScript parameters, no rest). */
export function argumentRange(
  checker: ts.TypeChecker,
  signature: ts.Signature,
  at: ts.Node,
): { min: number; max: number } | undefined {
  const params = signature.getParameters();
  const declared = declaredParameters(signature);
  if (!declared) return undefined;
  // An argument may be left out for an optional parameter, and for one that takes void (not any, unknown nor
  // undefined: TypeScript's minimum argument count).
  const omissible = (i: number) => {
    const type = checker.getTypeOfSymbolAtLocation(params[i], at);
    return (
      !!declared[i].questionToken ||
      !!declared[i].initializer ||
      (type.isUnion() ? type.types : [type]).some((t) => (t.flags & OMISSIBLE) !== 0)
    );
  };
  let required = params.length;
  while (required > 0 && omissible(required - 1)) required--;
  return { min: required, max: params.length };
}

const OMISSIBLE = ts.TypeFlags.Void;

function callTypeChecks(checker: ts.TypeChecker, type: ts.Type, call: ts.CallExpression): boolean {
  const signatures = type.getCallSignatures();
  if (signatures.length !== 1 || signatures[0].typeParameters?.length) return false;
  // A call that never returns or asserts changes what the code after it may do: that is for a program to check.
  if (signatures[0].getReturnType().flags & ts.TypeFlags.Never || checker.getTypePredicateOfSignature(signatures[0]))
    return false;
  const params = signatures[0].getParameters();
  const declared = declaredParameters(signatures[0]);
  if (!declared) return false;
  const required = declared.filter((d) => !d.questionToken && !d.initializer).length;
  if (call.arguments.length < required || call.arguments.length > params.length) return false;
  const argumentsFit = call.arguments.every(
    (arg, i) =>
      !isContextSensitive(arg) &&
      surelyAssignable(checker, checker.getTypeAtLocation(arg), checker.getTypeOfSymbolAtLocation(params[i], call)),
  );
  if (!argumentsFit) return false;
  if (ts.isExpressionStatement(call.parent)) return true;
  const expected = isFixedContext(checker, call) ? checker.getContextualType(call) : undefined;
  return !!expected && surelyAssignable(checker, signatures[0].getReturnType(), expected);
}

/** The call `access` is the callee of (`access(…)`), if any. */
export function callAround(access: ts.PropertyAccessExpression): ts.CallExpression | undefined {
  return ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : undefined;
}

/**
 * A signature's parameters as TypeScript declarations, when each is one and none is a rest: what arity can be read
 * from.
 */
function declaredParameters(signature: ts.Signature): ts.ParameterDeclaration[] | undefined {
  const declared = signature.getParameters().map((p) => p.valueDeclaration);
  const plain = (d: ts.Declaration | undefined): d is ts.ParameterDeclaration =>
    !!d && ts.isParameter(d) && !d.dotDotDotToken && !/\.[cm]?jsx?$/.test(d.getSourceFile().fileName);
  return declared.every(plain) ? declared : undefined;
}

function valueFits(
  checker: ts.TypeChecker,
  type: ts.Type,
  access: ts.PropertyAccessExpression,
  expected: ts.Type | undefined,
): boolean {
  return (
    !!expected &&
    !type.getCallSignatures().length &&
    isFixedContext(checker, access) &&
    surelyAssignable(checker, type, expected)
  );
}

/**
 * Assignable in any checker: the same type or each member of it a member of the target's union, `any` to anything but
 * `never`, anything to `any` or `unknown`, or a primitive or literal type the checker finds assignable. A structural
 * comparison of object types can come out otherwise in another checker that resolved the types in another order
 * (circular `this` types), so it proves nothing.
 */
export function surelyAssignable(checker: ts.TypeChecker, source: ts.Type, target: ts.Type): boolean {
  if (source === target || target.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  if (target.isUnion() && (source.isUnion() ? source.types : [source]).every((t) => target.types.includes(t)))
    return true;
  if (source.flags & ts.TypeFlags.Any) return !(target.flags & ts.TypeFlags.Never);
  const primitive = (t: ts.Type) => (t.isUnion() ? t.types : [t]).every((u) => u.flags & PRIMITIVE);
  return primitive(source) && checker.isTypeAssignableTo(source, target);
}

/**
 * Surely not assignable, wherever the value is narrowed: no member of its union (nor the type itself) is assignable.
 * A type that narrowing can turn into anything (`unknown`, a type parameter), that inference still has to settle (a
 * generic function's result, `raceWith()`), or that is assignable anywhere (`any`, `never`) is never refuted. A
 * value (not a call's result) is, whatever type parameters its type mentions (`Subscriber<T>`, a generic function):
 * no narrowing turns such an object into what the target is, and the checker relates it as the check does (a generic
 * function instantiated against the target). A wrong "not assignable" costs a candidate, never a wrong fill.
 */
export function surelyUnassignable(
  checker: ts.TypeChecker,
  source: ts.Type,
  target: ts.Type,
  { value = false } = {},
): boolean {
  const members = source.isUnion() ? source.types : [source];
  const open =
    ts.TypeFlags.Any |
    ts.TypeFlags.Unknown |
    ts.TypeFlags.Never |
    ts.TypeFlags.TypeParameter |
    ts.TypeFlags.Intersection |
    ts.TypeFlags.Index |
    ts.TypeFlags.IndexedAccess |
    ts.TypeFlags.Conditional |
    ts.TypeFlags.Substitution;
  return (
    !members.some((t) => t.flags & open || (!value && containsTypeParameter(t))) &&
    !members.some((t) => checker.isTypeAssignableTo(t, target))
  );
}

const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.EnumLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void;

/** An argument typed by the parameter it meets: a function, an object or array literal (or one in parentheses). */
function isContextSensitive(arg: ts.Expression): boolean {
  let inner = arg;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return (
    ts.isFunctionExpression(inner) ||
    ts.isArrowFunction(inner) ||
    ts.isObjectLiteralExpression(inner) ||
    ts.isArrayLiteralExpression(inner)
  );
}

function isNotPublic(declaration: ts.Declaration): boolean {
  const name = (declaration as ts.NamedDeclaration).name;
  return (
    (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
    (!!name && ts.isPrivateIdentifier(name))
  );
}

/** Is the expression assigned to (`x = …`, `x += …`, `x++`)? */
export function isAssignmentTarget(access: ts.Expression): boolean {
  let node: ts.Node = access;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  )
    return true;
  return (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)
  );
}
