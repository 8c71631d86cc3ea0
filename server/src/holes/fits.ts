/**
 * How well a produced type fits the expected one (identical, assignable, or once a generic producer's type parameters
 * are inferred): what decides which values, calls and members are relevant headers and candidates.
 */
import ts from 'typescript';

/** How well a produced type fits the expected one; 0 means it does not. */
export type Fit = 0 | 1 | 2 | 3;
export const FIT_NONE: Fit = 0;
/** Fits once type parameters are inferred (a generic function's return type). */
export const FIT_GENERIC: Fit = 1;
export const FIT_ASSIGNABLE: Fit = 2;
export const FIT_IDENTICAL: Fit = 3;

/**
 * Does `source` fit where `target` is expected? The checker decides for concrete types; a type parameter of the
 * producer (a generic function not yet applied) matches anything its constraint allows, recursively through type
 * arguments of the same generic type — enough to see that `of<T>(): Observable<T>` can produce `Observable<number>`.
 */
export function fits(checker: ts.TypeChecker, source: ts.Type, target: ts.Type): Fit {
  if (source.flags & (ts.TypeFlags.Any | ts.TypeFlags.Never)) return FIT_NONE;
  if (source === target) return FIT_IDENTICAL;
  if (plainlyIncompatible(source, target)) return FIT_NONE;
  if (!containsTypeParameter(source, 0)) {
    if (concreteForParameter(checker, source, target)) return FIT_NONE;
    return checker.isTypeAssignableTo(source, target) ? FIT_ASSIGNABLE : FIT_NONE;
  }
  return genericFit(checker, source, target, 0) ? FIT_GENERIC : FIT_NONE;
}

/**
 * `Box<Item>` where `Box<T>` is expected, `T` a type parameter of the code around the hole: no concrete type is
 * assignable to `T`, so it fits only if `Box` reads `T` contravariantly alone. That rare case is given up: asking the
 * checker means measuring the variance of `Box`'s parameters, on a fresh checker most of a second for a type like
 * zod's `ZodCatch<T>`.
 */
function concreteForParameter(checker: ts.TypeChecker, source: ts.Type, target: ts.Type): boolean {
  if (!sameGeneric(source, target)) return false;
  const given = typeArgumentsOf(checker, source);
  const wanted = typeArgumentsOf(checker, target);
  return (
    given.length === wanted.length &&
    wanted.some(
      (t, i) =>
        t.flags & ts.TypeFlags.TypeParameter &&
        given[i] !== t &&
        !(given[i].flags & (ts.TypeFlags.Any | ts.TypeFlags.Never)),
    )
  );
}

/**
 * Sound shortcuts past the checker's structural comparison, which on a fresh checker first works out the variance
 * of every generic type involved (most of the cost of ranking headers): nothing without a call signature is
 * assignable to a function type, and no object type is assignable to a primitive.
 */
function plainlyIncompatible(source: ts.Type, target: ts.Type): boolean {
  if (source.isUnion() || source.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Unknown)) return false;
  const targets = target.isUnion() ? target.types : [target];
  const sourceIsObject = (source.flags & ts.TypeFlags.Object) !== 0;
  if (sourceIsObject && targets.every((t) => t.flags & PRIMITIVE)) return true;
  const requiresCall = targets.every(
    (t) => t.flags & ts.TypeFlags.Object && callSignatures(t).length > 0 && !t.getProperties().length,
  );
  return requiresCall && !callSignatures(source).length;
}

/**
 * Call signatures without resolving the members of a class instance (which never has any): resolving an
 * instantiated class's members is the costliest thing a fresh checker does for a type.
 */
function callSignatures(type: ts.Type): readonly ts.Signature[] {
  if (!(type.flags & ts.TypeFlags.Object)) return [];
  const symbol = type.getSymbol();
  if (
    symbol &&
    symbol.flags & ts.SymbolFlags.Class &&
    !(symbol.flags & ts.SymbolFlags.Interface) &&
    (type as ts.ObjectType).objectFlags & (ts.ObjectFlags.Reference | ts.ObjectFlags.Class)
  )
    return [];
  return type.getCallSignatures();
}

const WIDE_UNION = 4;

const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void;

function genericFit(checker: ts.TypeChecker, source: ts.Type, target: ts.Type, depth: number): boolean {
  if (depth > 4) return false;
  if (source.flags & ts.TypeFlags.TypeParameter) {
    // T fits if some instantiation does: the target itself when it meets T's constraint. A wide union constraint
    // (`O extends ObservableInput<any>`) costs more to compare than the answer is worth: assume it can.
    const constraint = checker.getBaseConstraintOfType(source);
    return (
      !constraint ||
      (constraint.flags & ts.TypeFlags.Unknown) !== 0 ||
      containsTypeParameter(constraint, 0) ||
      (constraint.isUnion() && constraint.types.length > WIDE_UNION) ||
      checker.isTypeAssignableTo(constraint, target) ||
      checker.isTypeAssignableTo(target, constraint)
    );
  }
  if (!containsTypeParameter(source, 0)) return checker.isTypeAssignableTo(source, target);
  if (target.isUnion() && target.types.some((t) => genericFit(checker, source, t, depth + 1))) return true;
  if (source.isUnion()) return source.types.every((s) => genericFit(checker, s, target, depth + 1));
  const sourceArgs = typeArgumentsOf(checker, source);
  const targetArgs = typeArgumentsOf(checker, target);
  if (sameGeneric(source, target) && sourceArgs.length === targetArgs.length) {
    return sourceArgs.every((arg, i) => genericFit(checker, arg, targetArgs[i], depth + 1));
  }
  // A generic function type against a function type: compare what they return.
  const targetCall = callSignatures(target)[0];
  const sourceCall = targetCall && callSignatures(source)[0];
  return !!sourceCall && genericFit(checker, sourceCall.getReturnType(), targetCall.getReturnType(), depth + 1);
}

function sameGeneric(a: ts.Type, b: ts.Type): boolean {
  if (a.aliasSymbol && a.aliasSymbol === b.aliasSymbol) return true;
  const ta = (a as ts.TypeReference).target;
  const tb = (b as ts.TypeReference).target;
  return !!ta && ta === tb;
}

function typeArgumentsOf(checker: ts.TypeChecker, type: ts.Type): readonly ts.Type[] {
  if (type.aliasSymbol) return type.aliasTypeArguments ?? [];
  return type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
    ? checker.getTypeArguments(type as ts.TypeReference)
    : [];
}

/** Does the type mention a type parameter (a generic producer's, not yet inferred), as far as 4 levels down? */
export function containsTypeParameter(type: ts.Type, depth = 0): boolean {
  if (depth > 4) return false;
  if (type.flags & ts.TypeFlags.TypeParameter) return true;
  if (type.isUnionOrIntersection()) return type.types.some((t) => containsTypeParameter(t, depth + 1));
  const args =
    type.aliasTypeArguments ??
    (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
      ? ((type as ts.TypeReference).typeArguments ?? [])
      : []);
  if (args.some((t) => containsTypeParameter(t, depth + 1))) return true;
  const call = callSignatures(type)[0];
  return !!call && (!!call.typeParameters?.length || containsTypeParameter(call.getReturnType(), depth + 1));
}
