/**
 * Types the checker does not know. A name that does not resolve (`JSX.Element` under React 19, a type imported from
 * a module not found) has the error type: it prints under its written name, but everything is assignable to it, so
 * a fill "checked" against it proves nothing. Invariant: only the checker's own error type counts; a written `any`
 * is the user's choice, not a failure.
 */
import ts from 'typescript';
import type { FileSnapshot } from '../workspace/workspace.js';
import { declaredType, enclosingFunction } from '../ts/ast.js';
import type { Unresolved } from './holeData.js';

/** Union members and type arguments are looked into this deep: `Promise<Order[]> | undefined`. */
const MAX_DEPTH = 4;

/** The first type within `type` the checker could not resolve, and why, as the hole's file tells it. */
export function unresolvedIn(snapshot: FileSnapshot, type: ts.Type, at: ts.Node): Unresolved | undefined {
  const { checker } = snapshot;
  const error = errorTypeIn(checker, type, 0);
  if (!error) return undefined;
  // In a union the error type absorbs the others and loses its name (`Ordr | undefined` is plain `any`): the type
  // written where the hole goes names it.
  let name = checker.typeToString(error, at);
  if (name === 'any') name = unresolvedReference(checker, writtenTypeAt(at)) ?? name;
  return { type: name, why: whyUnresolved(snapshot, name) };
}

/** The type written for what the hole becomes: an annotated variable, property or parameter, or a return. */
function writtenTypeAt(hole: ts.Node): ts.TypeNode | undefined {
  const parent = hole.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) &&
    parent.initializer === hole
  ) {
    return declaredType(parent);
  }
  const fn = ts.isReturnStatement(parent) ? enclosingFunction(parent) : undefined;
  return fn && declaredType(fn);
}

/** The first type reference written in `node` that does not resolve, as written. */
function unresolvedReference(checker: ts.TypeChecker, node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isTypeReferenceNode(node) && isErrorType(checker.getTypeFromTypeNode(node))) return node.typeName.getText();
  return ts.forEachChild(node, (child) => unresolvedReference(checker, child));
}

export function isErrorType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0 && (type as { intrinsicName?: string }).intrinsicName === 'error';
}

function errorTypeIn(checker: ts.TypeChecker, type: ts.Type, depth: number): ts.Type | undefined {
  if (isErrorType(type)) return type;
  if (depth >= MAX_DEPTH) return undefined;
  const parts = type.isUnionOrIntersection()
    ? type.types
    : [...(isReference(type) ? checker.getTypeArguments(type) : []), ...(type.aliasTypeArguments ?? [])];
  for (const part of parts) {
    const found = errorTypeIn(checker, part, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function isReference(type: ts.Type): type is ts.TypeReference {
  return (
    (type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0
  );
}

/**
 * Why a name does not resolve: its import's module was not found or does not export it, else the compiler's own
 * message about the name in the file (`Cannot find namespace 'JSX'.`).
 */
function whyUnresolved({ program, checker, sourceFile }: FileSnapshot, typeName: string): string {
  const name = /^[\p{L}_$][\p{L}\p{N}_$]*/u.exec(typeName)?.[0] ?? typeName;
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const imported = importedAs(statement, name);
    if (imported === undefined) continue;
    const module = statement.moduleSpecifier.text;
    if (!checker.getSymbolAtLocation(statement.moduleSpecifier)) return `its module '${module}' was not found`;
    if (!isExported(checker, statement, imported)) return `'${module}' has no export '${imported}'`;
    return `its declaration, imported from '${module}', does not resolve`;
  }
  const quoted = `'${name}'`;
  const message = program
    .getSemanticDiagnostics(sourceFile)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
    .find((text) => text.includes(quoted));
  return message ?? `${name} is not declared where the checker can see it`;
}

function isExported(checker: ts.TypeChecker, declaration: ts.ImportDeclaration, name: string): boolean {
  const module = checker.getSymbolAtLocation(declaration.moduleSpecifier);
  if (!module) return false;
  return name === '*' || checker.getExportsOfModule(module).some((s) => s.name === name);
}

/** The name an import declaration gives `local` in its module (`default`, `*`, or the exported name). */
function importedAs(declaration: ts.ImportDeclaration, local: string): string | undefined {
  const clause = declaration.importClause;
  if (!clause) return undefined;
  if (clause.name?.text === local) return 'default';
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text === local ? '*' : undefined;
  const specifier = bindings?.elements.find((e) => e.name.text === local);
  return specifier && (specifier.propertyName ?? specifier.name).text;
}
