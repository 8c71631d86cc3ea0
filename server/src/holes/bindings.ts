/**
 * The values in scope at a hole, nearest scope first (locals, parameters, `this.` members, imports, globals; library
 * globals left out): the `bindings` of the hole context and the pieces the engines build from. Typing costs: only the
 * nearest TYPED_BINDINGS (48) are typed, and a declaration whose type is fully written is read from its text
 * (`writtenType.ts`) instead of printed.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { isProjectFile, typeText } from '../ts/ast.js';
import type { Binding, BindingKind } from './holeData.js';
import { writtenType } from './writtenType.js';

/** A value the hole's scope can use, with the compiler objects the other analyses need. */
export interface ScopeValue extends Binding {
  symbol: ts.Symbol;
  /** Computed for the nearest TYPED_BINDINGS values only; farther ones are named, not typed. */
  valueType?: ts.Type;
  declaration?: ts.Declaration;
}

export type TypedScopeValue = ScopeValue & { valueType: ts.Type };

const MAX_BINDINGS = 200;
/**
 * Typing a binding can mean inferring a function's return type from its body, and printing it costs too: a module
 * with hundreds of top-level values would make every hole slow. The nearest ones are what engines use.
 */
export const TYPED_BINDINGS = 48;

export function isTyped(value: ScopeValue): value is TypedScopeValue {
  return value.valueType !== undefined;
}

/**
 * Values in scope at `node` (`this.x` members included), nearest scope first. Library globals (`lib.*.d.ts`,
 * packages) are left out: every program has thousands and an engine knows them; globals declared by the project
 * itself stay. The nearest `typed` (TYPED_BINDINGS) are typed, those reached before `typing` expires, and their
 * types written out for a prompt unless `written` is false: on a fresh checker, printing types costs about as much as
 * finding them, and synthesis needs only the types. A block's locals count once declared before `at` (the node's start
 * unless told: a cursor at the end of a block is in no statement).
 */
export function scopeValues(
  checker: ts.TypeChecker,
  program: ts.Program,
  node: ts.Node,
  { typing = Budget.unlimited, written = true, typed = TYPED_BINDINGS, at = node.getStart() } = {},
): ScopeValue[] {
  const sourceFile = node.getSourceFile();
  const scopes = scopeChain(node);
  const out: ScopeValue[] = thisMembers(checker, node, scopes);
  for (const symbol of checker.getSymbolsInScope(node, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
    // An exported name declared as an interface too may lack a valueDeclaration: the value's is the one that counts.
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.find(declaresValue) ?? symbol.declarations?.[0];
    if (!declaration || symbol.name === '_' || symbol.name.startsWith('__')) continue;
    const declFile = declaration.getSourceFile();
    const kind = kindOf(symbol, declaration, declFile === sourceFile);
    if (!kind || (kind === 'global' && !isProjectFile(declFile, program))) continue;
    if (symbol.flags & ts.SymbolFlags.Alias && !(checker.getAliasedSymbol(symbol).flags & ts.SymbolFlags.Value))
      continue;
    if (declFile === sourceFile && isBlockScopedLocal(declaration) && !isInitialisedBefore(declaration, node, at))
      continue;
    const distance = declFile === sourceFile ? scopeDistance(scopes, declaration) : scopes.length;
    out.push({ name: symbol.name, kind, distance, symbol, declaration });
  }
  // Nearest first; within a scope, the declaration closest to the hole first.
  const closeness = (b: ScopeValue) =>
    b.declaration && b.declaration.getSourceFile() === sourceFile ? Math.abs(at - b.declaration.getStart()) : Infinity;
  out.sort((a, b) => a.distance - b.distance || closeness(a) - closeness(b) || a.name.localeCompare(b.name));
  const kept = out.slice(0, MAX_BINDINGS);
  for (const value of kept.slice(0, typed)) {
    // Typing on a fresh checker can take long (inferring a big initializer): the nearest are typed first.
    if (typing.expired()) break;
    value.valueType = checker.getTypeOfSymbolAtLocation(value.symbol, node);
    if (!written) continue;
    const annotation =
      value.kind === 'member' || !value.declaration
        ? undefined
        : writtenType(declarationOf(checker, value.symbol) ?? value.declaration);
    value.type = annotation && annotation.length <= 160 ? annotation : typeText(checker, value.valueType, node, 160);
  }
  return kept;
}

/**
 * Instance members reachable as `this.x` from a method body, as far away as their class. In a field's initializer
 * (outside any function in it) the fields declared from that one on are not yet set: TypeScript rejects them (2729).
 */
function thisMembers(checker: ts.TypeChecker, node: ts.Node, scopes: ts.Node[]): ScopeValue[] {
  const cls = enclosingClassForThis(node);
  if (!cls) return [];
  const classType = checker.getTypeAtLocation(cls);
  const field = initializingField(node);
  const unset = (symbol: ts.Symbol) =>
    !!field &&
    !!symbol.declarations?.some((d) => ts.isPropertyDeclaration(d) && d.parent === cls && d.pos >= field.pos);
  return checker
    .getPropertiesOfType(classType)
    .filter((symbol) => accessibleIn(symbol, cls) && !unset(symbol))
    .slice(0, 60)
    .map((symbol) => ({
      name: `this.${symbol.name}`,
      kind: 'member' as const,
      distance: scopes.indexOf(cls),
      symbol,
      declaration: symbol.valueDeclaration,
    }));
}

/** A private member is `this.x` only in the class that declares it, not in a subclass. */
function accessibleIn(member: ts.Symbol, cls: ts.ClassLikeDeclaration): boolean {
  return !(member.declarations ?? []).some(
    (d) =>
      d.parent !== cls &&
      (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Private ||
        ((ts.isPropertyDeclaration(d) || ts.isMethodDeclaration(d)) && ts.isPrivateIdentifier(d.name))),
  );
}

/** The class whose instance `this` is at `node`: a function expression or an object literal's method rebinds it. */
function enclosingClassForThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    // A plain function rebinds `this`; an arrow function keeps it.
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
    if (
      ts.isMethodDeclaration(n) ||
      ts.isConstructorDeclaration(n) ||
      ts.isGetAccessor(n) ||
      ts.isSetAccessor(n) ||
      ts.isPropertyDeclaration(n)
    ) {
      return ts.isClassLike(n.parent) && !(ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Static)
        ? n.parent
        : undefined;
    }
  }
  return undefined;
}

/** The instance field whose initializer runs `node` as the instance is built (not later, from a function in it). */
function initializingField(node: ts.Node): ts.PropertyDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
    if (ts.isPropertyDeclaration(n))
      return n.initializer &&
        n.initializer.pos <= node.pos &&
        !(ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Static)
        ? n
        : undefined;
  }
  return undefined;
}

function kindOf(symbol: ts.Symbol, declaration: ts.Declaration, inThisFile: boolean): BindingKind | undefined {
  if (symbol.flags & ts.SymbolFlags.Alias) return inThisFile ? 'import' : undefined;
  if (ts.isParameter(declaration)) return 'parameter';
  if (!inThisFile) return 'global';
  return 'local';
}

/**
 * `const x = …` (or a class) is usable after its declaration ends, not inside its own initializer (TDZ), unless the
 * hole is in a function declared in between, which runs later.
 */
function isInitialisedBefore(declaration: ts.Declaration, node: ts.Node, at: number): boolean {
  // A name a pattern binds is initialised once the whole declaration is, initializer included.
  const whole = ts.isBindingElement(declaration)
    ? (ts.findAncestor(declaration, ts.isVariableDeclaration) ?? declaration)
    : declaration;
  if (whole.end <= at) return true;
  const container = ts.findAncestor(declaration, introducesScope);
  for (let n = node.parent; n && n !== container; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

function isBlockScopedLocal(declaration: ts.Declaration): boolean {
  return (
    ts.isClassDeclaration(declaration) ||
    ((ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) &&
      !!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped))
  );
}

function declaresValue(declaration: ts.Declaration): boolean {
  return (
    ts.isVariableDeclaration(declaration) ||
    ts.isBindingElement(declaration) ||
    ts.isFunctionDeclaration(declaration) ||
    ts.isClassDeclaration(declaration) ||
    ts.isEnumDeclaration(declaration) ||
    ts.isParameter(declaration)
  );
}

/** Scope-introducing ancestors of the hole, innermost first. */
function scopeChain(node: ts.Node): ts.Node[] {
  const chain: ts.Node[] = [];
  for (let n = node.parent; n; n = n.parent) if (introducesScope(n)) chain.push(n);
  return chain;
}

/** A function and its body are one scope to a reader (parameters are as near as locals); so are a loop or a catch
 * clause and its block. */
function introducesScope(n: ts.Node): boolean {
  if (ts.isBlock(n))
    return !(ts.isFunctionLike(n.parent) || ts.isCatchClause(n.parent) || isLoopWithBindings(n.parent));
  return (
    ts.isSourceFile(n) ||
    ts.isFunctionLike(n) ||
    isLoopWithBindings(n) ||
    ts.isCatchClause(n) ||
    ts.isClassLike(n) ||
    ts.isModuleBlock(n) ||
    ts.isCaseBlock(n)
  );
}

function isLoopWithBindings(n: ts.Node): boolean {
  return ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n);
}

function scopeDistance(chain: ts.Node[], declaration: ts.Declaration): number {
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) {
    const index = chain.indexOf(n);
    if (index >= 0) return index;
  }
  return chain.length;
}

/** What an import stands for: the declaration in the other module. */
function declarationOf(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Declaration | undefined {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target.valueDeclaration ?? target.declarations?.[0];
}
