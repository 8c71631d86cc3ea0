/**
 * The relevant types of a hole: the type declarations reachable from the expected type and the bindings, breadth-first
 * and across files, rendered as a model should read them (classes as outlines), within a token budget. Library types
 * are named, not expanded.
 */
import ts from 'typescript';
import { forEachDescendant, isFromLibrary, Walk } from '../ts/ast.js';
import { refOf } from './refs.js';
import type { RelevantType } from './holeData.js';

/** Cheap token estimate (≈ 3.6 characters a token for code); the prompt layer has exact tokenizers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.6);
}

export interface TypeSeed {
  type: ts.Type;
  reason: string;
}

const MAX_DECLARATION_CHARS = 1600;
const MAX_LIBRARY_NAMES = 24;

/**
 * Type declarations reachable from the seeds (expected type first, then the types of bindings), breadth-first,
 * across files, until `budget` tokens are spent. Library types are named but not expanded: a model knows Promise.
 */
export function relevantTypes(
  checker: ts.TypeChecker,
  program: ts.Program,
  seeds: TypeSeed[],
  budget: number,
): RelevantType[] {
  const queue: Array<{ symbol: ts.Symbol; reason: string }> = [];
  const seen = new Set<ts.Symbol>();
  const enqueue = (symbol: ts.Symbol | undefined, reason: string) => {
    const target = symbol && resolveAlias(checker, symbol);
    if (!target || seen.has(target) || !isNamedTypeSymbol(target)) return;
    seen.add(target);
    queue.push({ symbol: target, reason });
  };
  for (const seed of seeds) for (const symbol of typeSymbols(checker, seed.type)) enqueue(symbol, seed.reason);

  const out: RelevantType[] = [];
  let spent = 0;
  let libraryNames = 0;
  for (let i = 0; i < queue.length; i++) {
    const { symbol, reason } = queue[i];
    const declaration = symbol.declarations?.find(isTypeDeclaration);
    if (!declaration) continue;
    const sourceFile = declaration.getSourceFile();
    if (isFromLibrary(sourceFile, program)) {
      if (libraryNames++ < MAX_LIBRARY_NAMES)
        out.push({
          name: symbol.name,
          text: symbol.name,
          ref: refOf(declaration),
          reason: `${reason} (library)`,
          tokens: estimateTokens(symbol.name),
        });
      continue;
    }
    const text = renderDeclaration(declaration, sourceFile);
    const tokens = estimateTokens(text);
    if (spent + tokens > budget) continue;
    spent += tokens;
    out.push({ name: symbol.name, text, ref: refOf(declaration), reason, tokens });
    for (const referenced of referencedTypeSymbols(checker, declaration)) enqueue(referenced, `used by ${symbol.name}`);
  }
  return out;
}

/** Named types that make up a type: the type itself or its alias, type arguments, union members, signatures. */
export function typeSymbols(checker: ts.TypeChecker, type: ts.Type, depth = 0): ts.Symbol[] {
  if (depth > 3) return [];
  const out: ts.Symbol[] = [];
  if (type.aliasSymbol) {
    out.push(type.aliasSymbol);
    for (const arg of type.aliasTypeArguments ?? []) out.push(...typeSymbols(checker, arg, depth + 1));
    return out;
  }
  if (type.isUnionOrIntersection()) {
    for (const member of type.types) out.push(...typeSymbols(checker, member, depth + 1));
    return out;
  }
  const symbol = type.getSymbol();
  if (symbol && isNamedTypeSymbol(symbol)) out.push(symbol);
  if (isTypeReference(type))
    for (const arg of checker.getTypeArguments(type)) out.push(...typeSymbols(checker, arg, depth + 1));
  if (!symbol || !isNamedTypeSymbol(symbol)) {
    for (const signature of type.getCallSignatures()) {
      for (const p of signature.parameters) out.push(...typeSymbols(checker, checker.getTypeOfSymbol(p), depth + 1));
      out.push(...typeSymbols(checker, signature.getReturnType(), depth + 1));
    }
  }
  return out;
}

function referencedTypeSymbols(checker: ts.TypeChecker, declaration: ts.Node): ts.Symbol[] {
  const out: ts.Symbol[] = [];
  const visit = (node: ts.Node): Walk => {
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const name = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      const symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
      if (symbol) out.push(symbol);
    }
    if (isFunctionBody(node) || isHiddenMember(node)) return 'skip';
  };
  if (visit(declaration) !== 'skip') forEachDescendant(declaration, visit);
  return out;
}

function isFunctionBody(node: ts.Node): boolean {
  return ts.isBlock(node) && !!node.parent && ts.isFunctionLike(node.parent);
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function isNamedTypeSymbol(symbol: ts.Symbol): boolean {
  return (
    (symbol.flags &
      (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum)) !==
      0 && !symbol.name.startsWith('__')
  );
}

function isTypeDeclaration(node: ts.Declaration): boolean {
  return (
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isEnumDeclaration(node)
  );
}

function isTypeReference(type: ts.Type): type is ts.TypeReference {
  return (
    (type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0
  );
}

/** A declaration as a model should read it: types in full, classes as an outline without bodies or privates. */
export function renderDeclaration(declaration: ts.Declaration, sourceFile: ts.SourceFile): string {
  const text = ts.isClassDeclaration(declaration)
    ? classOutline(declaration, sourceFile)
    : declaration.getText(sourceFile);
  return text.length > MAX_DECLARATION_CHARS ? text.slice(0, MAX_DECLARATION_CHARS) + '\n  // …\n}' : text;
}

function classOutline(cls: ts.ClassDeclaration, sourceFile: ts.SourceFile): string {
  const header = sourceFile.text
    .slice(cls.getStart(sourceFile), cls.members.pos)
    .replace(/\{\s*$/, '')
    .trim();
  const members: string[] = [];
  for (const member of cls.members) {
    if (!isHiddenMember(member)) members.push('  ' + memberSignature(member, sourceFile));
  }
  return `${header} {\n${members.join('\n')}\n}`;
}

/** Class members a user of the class cannot reach: left out of the outline and of the types it leads to. */
function isHiddenMember(node: ts.Node): boolean {
  if (!ts.isClassElement(node)) return false;
  if (ts.isClassStaticBlockDeclaration(node) || ts.isSemicolonClassElement(node)) return true;
  const flags = ts.getCombinedModifierFlags(node as ts.Declaration);
  return (
    (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
    (!!node.name && ts.isPrivateIdentifier(node.name))
  );
}

function memberSignature(member: ts.ClassElement, sourceFile: ts.SourceFile): string {
  const start = member.getStart(sourceFile);
  if (ts.isFunctionLike(member) && 'body' in member && member.body) {
    return sourceFile.text.slice(start, member.body.getStart(sourceFile)).trim().replace(/\s+/g, ' ') + ';';
  }
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    return sourceFile.text.slice(start, (member.type ?? member.name).end).trim() + ';';
  }
  const text = member.getText(sourceFile).replace(/\s+/g, ' ');
  return text.endsWith(';') ? text : text + ';';
}
