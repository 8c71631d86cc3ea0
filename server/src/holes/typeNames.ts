/**
 * Which type names could fit an expected type (its own, its declared subtypes', an enum's for its member's literal, the
 * primitive of a literal): the syntactic filter that keeps the checker from typing every export of a project.
 */
import ts from 'typescript';
import { isProjectFile } from '../ts/ast.js';
import { moduleIndex } from './exportIndex.js';

/**
 * The names a producer's result type may carry to fit `expected` (the same vocabulary as exportIndex's
 * resultNames): the expected type's own names, those of the project types declared to extend or implement them
 * (transitively), and the primitive a literal type widens from.
 */
export function acceptableNames(expected: ts.Type, subtypes: ReadonlyMap<string, readonly string[]>): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => {
    if (names.has(name)) return;
    names.add(name);
    for (const sub of subtypes.get(name) ?? []) add(sub);
  };
  const visit = (type: ts.Type, depth: number): void => {
    if (type.aliasSymbol) add(type.aliasSymbol.name);
    if (type.isUnionOrIntersection()) {
      if (depth < 3) for (const member of type.types) visit(member, depth + 1);
      return;
    }
    const flags = type.flags;
    if (flags & ts.TypeFlags.StringLike) add('string');
    if (flags & ts.TypeFlags.NumberLike) add('number');
    if (flags & ts.TypeFlags.BooleanLike) add('boolean');
    if (flags & ts.TypeFlags.BigIntLike) add('bigint');
    if (flags & ts.TypeFlags.ESSymbolLike) add('symbol');
    if (flags & ts.TypeFlags.Null) add('null');
    if (flags & ts.TypeFlags.Void) add('void');
    if (flags & ts.TypeFlags.Undefined) add('undefined');
    if (flags & ts.TypeFlags.EnumLike && type.symbol) add(enumName(type.symbol));
    if (flags & ts.TypeFlags.Object) {
      const symbol = type.getSymbol();
      if (symbol && !symbol.name.startsWith('__')) add(symbol.name);
      else if (type.getCallSignatures().length) add('=>');
      else add('{}');
    }
  };
  visit(expected, 0);
  return names;
}

const subtypesOf = new WeakMap<ts.Program, Map<string, string[]>>();

/** The subtype map of a program's own modules (`subtypeMap`), made once per program. */
export function projectSubtypes(program: ts.Program): ReadonlyMap<string, readonly string[]> {
  let map = subtypesOf.get(program);
  if (!map) {
    const modules = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && isProjectFile(sf, program));
    subtypesOf.set(program, (map = subtypeMap(modules.flatMap((sf) => moduleIndex(sf).heritage))));
  }
  return map;
}

/** Supertype name → names of the types declared to extend or implement it. */
export function subtypeMap(heritage: Iterable<[string, string]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [sub, sup] of heritage) {
    const list = map.get(sup);
    if (list) list.push(sub);
    else map.set(sup, [sub]);
  }
  return map;
}

/** `Color` for the literal type of `Color.Red` as for `Color` itself. */
function enumName(symbol: ts.Symbol): string {
  const declaration = symbol.valueDeclaration;
  return declaration && ts.isEnumMember(declaration) ? declaration.parent.name.text : symbol.name;
}
