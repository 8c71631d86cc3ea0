/**
 * Indexes of a file's syntax built in one walk and kept while the tree lives: the identifiers by name, the classes by
 * the name they extend. A region follows up to hundreds of names through a file of thousands of lines for each batch
 * of candidates; a walk per name made that quadratic.
 */
import ts from 'typescript';
import { forEachDescendant } from '../ts/ast.js';

type Name = ts.Identifier | ts.PrivateIdentifier;

interface FileIndex {
  /** Identifiers and private identifiers by their text, in source order. */
  names: Map<string, Name[]>;
  /** Class declarations and expressions by the name in their `extends` clause, in source order. */
  subclasses: Map<string, ts.ClassLikeDeclaration[]>;
}

const indexes = new WeakMap<ts.SourceFile, FileIndex>();

function indexOf(sourceFile: ts.SourceFile): FileIndex {
  let index = indexes.get(sourceFile);
  if (index) return index;
  index = { names: new Map(), subclasses: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const { names, subclasses } = index;
  forEachDescendant(sourceFile, (node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) add(names, node.text, node);
    else if (ts.isClassLike(node)) {
      for (const base of extendedNames(node)) add(subclasses, base, node);
    }
  });
  indexes.set(sourceFile, index);
  return index;
}

function extendedNames(cls: ts.ClassLikeDeclaration): string[] {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  return clause?.types.flatMap((t) => (ts.isIdentifier(t.expression) ? [t.expression.text] : [])) ?? [];
}

/** The identifiers (or private identifiers) spelt `name` strictly inside `scope`, in source order. */
export function namesIn(scope: ts.Node, name: string): Name[] {
  const all = indexOf(scope.getSourceFile()).names.get(name) ?? [];
  return all.filter((node) => node !== scope && scope.pos <= node.pos && node.end <= scope.end);
}

/** The classes of the file whose `extends` names `name`, in source order. */
export function classesExtending(sourceFile: ts.SourceFile, name: string): readonly ts.ClassLikeDeclaration[] {
  return indexOf(sourceFile).subclasses.get(name) ?? [];
}
