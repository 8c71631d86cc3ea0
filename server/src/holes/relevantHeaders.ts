/**
 * The relevant headers of a hole: values, calls, members (of namespace imports too; not those that change their
 * receiver, `mutators.ts`) and constructors whose (return) type fits the expected type (`fits.ts`), each with its
 * header as written. Other modules' exports come from `exportIndex.ts`, and `typeNames.ts` says which of them could
 * fit, so that only those are typed: per request, cost follows the hole, not the project.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { encloses, isFromLibrary, isProjectFile, typeText } from '../ts/ast.js';
import { isTyped, ScopeValue, TypedScopeValue } from './bindings.js';
import { ANY_NAME, ExportedValue, moduleIndex } from './exportIndex.js';
import { Fit, fits, FIT_NONE } from './fits.js';
import { isMutator } from './mutators.js';
import { nameAffinity } from './nameAffinity.js';
import { refOf } from './refs.js';
import { acceptableNames, projectSubtypes } from './typeNames.js';
import type { RelevantHeader } from './holeData.js';

export interface HeaderQuery {
  checker: ts.TypeChecker;
  program: ts.Program;
  expected: ts.Type;
  /** Where the hole is: signatures are printed as seen from here. */
  at: ts.Node;
  scope: ScopeValue[];
  /** A name the hole's value will be known by (variable, parameter, property): ranks look-alike names up. */
  targetName?: string;
  limit: number;
}

interface Scored extends RelevantHeader {
  key: string;
}

const MAX_RECEIVERS = 24;
/** Enough to rank a declaration the hole is inside under other fitting project code. */
const SELF_PENALTY = 1.5;

/**
 * Functions and values that can produce the expected type: values in scope, calls of functions in scope, methods and
 * properties of bindings, constructors, and exports of other project modules. Ranked by fit, locality and name.
 */
export function relevantHeaders(q: HeaderQuery): RelevantHeader[] {
  const found = new Map<string, Scored>();
  const add = (h: Scored) => {
    const known = found.get(h.key);
    if (!known || known.score < h.score) found.set(h.key, h);
  };
  const here = q.at.getSourceFile();
  const modules = q.program
    .getSourceFiles()
    .filter((sf) => sf !== here && !sf.isDeclarationFile && isProjectFile(sf, q.program));
  const names = acceptableNames(q.expected, projectSubtypes(q.program));
  const inScope = new Set<ts.Symbol>();
  for (const value of q.scope)
    inScope.add(value.symbol.flags & ts.SymbolFlags.Alias ? q.checker.getAliasedSymbol(value.symbol) : value.symbol);
  const typed = q.scope.filter(isTyped);
  for (const value of typed) {
    const target = value.symbol.flags & ts.SymbolFlags.Alias ? q.checker.getAliasedSymbol(value.symbol) : value.symbol;
    const locality =
      value.kind === 'import' ? 0.6 : value.kind === 'member' ? 0.8 : 1 - Math.min(value.distance, 5) * 0.05;
    const origin = value.kind === 'import' ? 'imported' : `${value.kind} in scope`;
    for (const h of producers(q, { name: value.name, symbol: target, type: value.valueType, locality, origin })) add(h);
  }
  for (const value of typed.filter(isReceiver).slice(0, MAX_RECEIVERS)) {
    const namespace = namespaceOf(q.checker, value.symbol);
    for (const h of namespace ? namespaceProducers(q, value, namespace, names) : memberProducers(q, value)) add(h);
  }
  for (const sf of modules) {
    const from = relativeModule(here.fileName, sf.fileName);
    for (const value of moduleIndex(sf).exports) {
      const symbol = value.declaration.name && q.checker.getSymbolAtLocation(value.declaration.name);
      if (symbol && !inScope.has(symbol) && mayFit(value, names)) {
        const type = q.checker.getTypeOfSymbol(symbol);
        for (const h of producers(q, { name: value.name, symbol, type, locality: 0, origin: `exported by ${from}` }))
          add(h);
      }
    }
  }
  return [...found.values()]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, q.limit)
    .map(({ key: _key, ...header }) => header);
}

/**
 * Asking the checker for the type of every export of a project on each request is what made headers slow; the
 * syntactic index (shared across programs) names what each export produces, so only those that could fit are typed.
 */
function mayFit(value: ExportedValue, names: ReadonlySet<string>): boolean {
  return value.resultNames.some((n) => n === ANY_NAME || names.has(n));
}

/** A value that may produce the expected type: its name at the hole, and how near and where from it is. */
interface Offered {
  name: string;
  symbol: ts.Symbol;
  type: ts.Type;
  locality: number;
  origin: string;
}

/** One way a declaration produces a value: itself, a call of it or `new` of it, written `name`. */
interface Production {
  use: 'value' | 'call' | 'new';
  name: string;
  signature: string;
  fit: Fit;
  locality: number;
  reason: string;
}

/** What one value offers: itself, a call of it, or `new` of it. */
function producers(q: HeaderQuery, { name, symbol, type, locality, origin }: Offered): Scored[] {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (!declaration) return [];
  const out: Scored[] = [];
  const direct = fits(q.checker, type, q.expected);
  if (direct !== FIT_NONE && !type.getCallSignatures().length) {
    const written = typeText(q.checker, type, renderingSite(q, declaration));
    const signature = `${valueKeyword(symbol, declaration)}${name}: ${written}`;
    const reason = `${origin}, its type fits`;
    out.push(header(q, declaration, { use: 'value', name, signature, fit: direct, locality: locality + 0.5, reason }));
  }
  for (const signature of type.getCallSignatures()) {
    // `reduce<U>(…): U` "produces" anything: noise unless the project wrote it.
    if (returnsBareTypeParameter(signature) && isFromLibrary(declaration.getSourceFile(), q.program)) continue;
    const fit = fits(q.checker, signature.getReturnType(), q.expected);
    if (fit !== FIT_NONE) {
      const text = signatureText(q, name, signature, signature.getDeclaration() ?? declaration);
      const reason = `${origin}, returns a fitting type`;
      out.push(header(q, declaration, { use: 'call', name, signature: text, fit, locality, reason }));
      break;
    }
  }
  if (symbol.flags & ts.SymbolFlags.Class) {
    for (const signature of type.getConstructSignatures()) {
      const fit = fits(q.checker, signature.getReturnType(), q.expected);
      if (fit !== FIT_NONE) {
        const constructor = signature.getDeclaration() ?? declaration;
        const text = constructorText(q, name, signature, constructor);
        const reason = `${origin}, constructs a fitting type`;
        out.push(header(q, declaration, { use: 'new', name: `new ${name}`, signature: text, fit, locality, reason }));
        break;
      }
    }
  }
  return out;
}

/** How the value is declared: `const x`, `let x`, `enum member E.A`; parameters and properties need no keyword. */
function valueKeyword(symbol: ts.Symbol, declaration: ts.Declaration): string {
  if (symbol.flags & ts.SymbolFlags.EnumMember) return 'enum member ';
  let node: ts.Node = declaration;
  while (
    ts.isVariableDeclaration(node) ||
    ts.isBindingElement(node) ||
    ts.isObjectBindingPattern(node) ||
    ts.isArrayBindingPattern(node)
  )
    node = node.parent;
  if (!ts.isVariableDeclarationList(node)) return '';
  return node.flags & ts.NodeFlags.Const ? 'const ' : node.flags & ts.NodeFlags.Let ? 'let ' : 'var ';
}

function returnsBareTypeParameter(signature: ts.Signature): boolean {
  return (signature.getReturnType().flags & ts.TypeFlags.TypeParameter) !== 0;
}

function isReceiver(value: TypedScopeValue): boolean {
  const flags = value.valueType.flags;
  return (
    (flags & ts.TypeFlags.Object) !== 0 &&
    !value.valueType.getCallSignatures().length &&
    !(value.symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Enum))
  );
}

/** The module a namespace import (`import * as util from './util'`) stands for. */
function namespaceOf(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol | undefined {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target.flags & ts.SymbolFlags.ValueModule && target.declarations?.some(ts.isSourceFile) ? target : undefined;
}

/** `ns.f(...)` for a namespace import: its exports (re-exports followed) that may fit by name, then typed. */
function namespaceProducers(
  q: HeaderQuery,
  receiver: ScopeValue,
  namespace: ts.Symbol,
  names: ReadonlySet<string>,
): Scored[] {
  const out: Scored[] = [];
  for (const exported of q.checker.getExportsOfModule(namespace)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? q.checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !(symbol.flags & ts.SymbolFlags.Value)) continue;
    const sf = declaration.getSourceFile();
    const value = isProjectFile(sf, q.program)
      ? moduleIndex(sf).exports.find((e) => e.declaration === declaration)
      : undefined;
    if (!value || !mayFit(value, names)) continue;
    const offered = {
      name: `${receiver.name}.${exported.name}`,
      symbol,
      type: q.checker.getTypeOfSymbol(symbol),
      locality: 0.5,
      origin: `member of ${receiver.name}`,
    };
    for (const h of producers(q, offered)) out.push(h);
  }
  return out;
}

/** `receiver.prop` and `receiver.method(...)` that fit. */
function memberProducers(q: HeaderQuery, receiver: TypedScopeValue): Scored[] {
  const out: Scored[] = [];
  for (const member of q.checker.getPropertiesOfType(receiver.valueType)) {
    const declaration = member.valueDeclaration;
    if (
      !declaration ||
      member.name.startsWith('_') ||
      ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)
    )
      continue;
    // `items.push()` gives a number but is made for what it does: no producer of the value the hole asks for.
    if (isMutator(member, q.program)) continue;
    const memberType = q.checker.getTypeOfSymbolAtLocation(member, q.at);
    const name = `${receiver.name}.${member.name}`;
    // Library members (`arr.join`) fit often and mean little: rank them under the project's own.
    const locality = isFromLibrary(declaration.getSourceFile(), q.program)
      ? 0.2
      : 0.7 - Math.min(receiver.distance, 5) * 0.05;
    const origin = `member of ${receiver.name}`;
    for (const h of producers(q, { name, symbol: member, type: memberType, locality, origin })) out.push(h);
  }
  return out;
}

/**
 * One way to use a declaration; the key is the declaration and the way (a value reached both as `ns.f` and as an
 * export is one header). A declaration the hole is inside is the function being written (`return total()` recurses)
 * or the variable being initialised: ranked down, and no credit for sharing the target's name, which is its own.
 */
function header(
  q: HeaderQuery,
  declaration: ts.Declaration,
  { use, name, signature, fit, locality, reason }: Production,
): Scored {
  const holds = encloses(declaration, q.at);
  const affinity = q.targetName && !holds ? nameAffinity(q.targetName, name) : 0;
  const score = Math.round((fit * 1.0 + locality + affinity - (holds ? SELF_PENALTY : 0)) * 1000) / 1000;
  const ref = refOf(declaration);
  return { key: `${use} ${ref.file}:${ref.start}`, name, signature, ref, score, reason };
}

/** A declaration's own text up to its body (keeps parameter names and defaults); else the checker's rendering. */
function signatureText(q: HeaderQuery, name: string, signature: ts.Signature, declaration: ts.Declaration): string {
  if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.type) {
    const sf = declaration.getSourceFile();
    const end = declaration.body ? declaration.body.getStart(sf) : declaration.end;
    const text = sf.text.slice(declaration.getStart(sf), end).trim().replace(/;$/, '').replace(/\s+/g, ' ');
    return text.replace(/^export\s+(declare\s+)?/, '');
  }
  return name + q.checker.signatureToString(signature, renderingSite(q, declaration), ts.TypeFormatFlags.NoTruncation);
}

/** `new Name(params): Name`: a written constructor's parameters as written, without `readonly`/`private` modifiers. */
function constructorText(q: HeaderQuery, name: string, signature: ts.Signature, declaration: ts.Declaration): string {
  if (!ts.isConstructorDeclaration(declaration)) return 'new ' + signatureText(q, name, signature, declaration);
  const sf = declaration.getSourceFile();
  const parameters = declaration.parameters.map((p) =>
    sf.text.slice((p.dotDotDotToken ?? p.name).getStart(sf), p.end).replace(/\s+/g, ' '),
  );
  const cls = declaration.parent;
  const typeParameters = cls.typeParameters ? `<${cls.typeParameters.map((t) => t.getText(sf)).join(', ')}>` : '';
  return `new ${name}${typeParameters}(${parameters.join(', ')}): ${cls.name?.text ?? name}${typeParameters}`;
}

/**
 * Where a signature is printed: a project declaration where it is written, so its types keep their names there
 * (the hole's file may not import them and would read `import("./holeData").User`); a library one at the hole.
 */
function renderingSite(q: HeaderQuery, declaration: ts.Declaration): ts.Node {
  return isFromLibrary(declaration.getSourceFile(), q.program) ? q.at : declaration;
}

function relativeModule(fromFile: string, toFile: string): string {
  const rel = path.relative(path.dirname(fromFile), toFile).replace(/\.(d\.)?[mc]?[tj]sx?$/, '');
  return rel.startsWith('.') ? rel : './' + rel;
}
