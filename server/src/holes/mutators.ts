// Members that change state rather than produce a value: never offered where the hole's value is used.
import ts from 'typescript';

/**
 * The standard library's mutating methods, by the interface that declares them. A call of one returns something
 * (`push` a length, `pop` an element, `sort` and `Map.set` the receiver, `delete` a boolean), so the types fit where
 * a value is expected, but the call is there for what it does to the receiver. Methods that return `void` need no
 * entry: a void result is no value (see `givesNoValue`). Methods returning `this` elsewhere are not taken for
 * mutators: fluent immutable APIs return a changed copy that way (zod's `describe`, `min`, `trim`).
 */
const MUTATORS: Record<string, readonly string[]> = {
  Array: ['copyWithin', 'fill', 'pop', 'push', 'reverse', 'shift', 'sort', 'splice', 'unshift'],
  Map: ['clear', 'delete', 'set'],
  WeakMap: ['delete', 'set'],
  Set: ['add', 'clear', 'delete'],
  WeakSet: ['add', 'delete'],
  URLSearchParams: ['append', 'delete', 'set', 'sort'],
  Headers: ['append', 'delete', 'set'],
  FormData: ['append', 'delete', 'set'],
};
const TYPED_ARRAY_MUTATORS: readonly string[] = ['copyWithin', 'fill', 'reverse', 'set', 'sort'];
const TYPED_ARRAY = /^(?:Big)?(?:U?Int|Float)\d+(?:Clamped)?Array$/;

/**
 * Does reading or calling `member` change its receiver rather than give a value? A standard mutator (above, every
 * `set…` of Date, the typed arrays' `fill`, `set`, `sort`…), or an accessor with a setter and no getter (reading it
 * gives `undefined`).
 */
export function isMutator(member: ts.Symbol, program: ts.Program): boolean {
  const declarations = member.declarations ?? [];
  if (declarations.length && declarations.every(ts.isSetAccessorDeclaration)) return true;
  return declarations.some((d) => {
    const owner = d.parent;
    if (!ts.isInterfaceDeclaration(owner) || !program.isSourceFileDefaultLibrary(owner.getSourceFile())) return false;
    const name = owner.name.text;
    if (name === 'Date') return member.name.startsWith('set');
    return (TYPED_ARRAY.test(name) ? TYPED_ARRAY_MUTATORS : (MUTATORS[name] ?? [])).includes(member.name);
  });
}

/**
 * Is the hole's value used? Not where the expected type takes `void` (a callback's body, `onClick={() => …}`): there
 * a call is made for what it does, and a mutator is what is wanted. Nor where nothing is expected (a statement).
 */
export function usesValue(expected: ts.Type | undefined): expected is ts.Type {
  return !!expected && !(expected.isUnion() ? expected.types : [expected]).some((t) => t.flags & ts.TypeFlags.Void);
}

/** A call's result that is no value. */
export function givesNoValue(returned: ts.Type): boolean {
  return (returned.flags & ts.TypeFlags.Void) !== 0;
}
