/**
 * Candidate synthesis: expressions of the expected type built from the scope — bindings (one that may be absent too,
 * where a condition around the hole tests it), member chains to depth 2, calls with arguments from scope or nested
 * `_()`, `new` (of a class or a value with construct signatures), literal-union and enum members, `[]`, object literals
 * (`{}` where no key is required), arrows, `await`, and `null`/`undefined` when nothing better fits. Each is `Built`
 * with what ranking needs to know of it.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import { isFromLibrary, typeText } from '../ts/ast.js';
import type { TypedScopeValue } from '../holes/bindings.js';
import { mentions, testedAbove } from '../check/narrowing.js';
import { Fit, fits, FIT_GENERIC, FIT_NONE } from '../holes/fits.js';
import { nameAffinity } from '../holes/nameAffinity.js';
import { acceptableNames, projectSubtypes } from '../holes/typeNames.js';
import { givesNoValue, isMutator, usesValue } from '../holes/mutators.js';
import type { CandidateForm } from './fillData.js';

/** A candidate as built, with what ranking needs to know of it. */
export interface Built {
  text: string;
  type: ts.Type;
  form: CandidateForm;
  fit: Fit;
  /** The identifier it starts with and the member names it uses, for the workspace statistics. */
  head?: string;
  members: string[];
  /** Scope distance of the binding it starts from; 0 is nearest. */
  distance: number;
  holes: number;
  /** Its type is `type` whatever fills its holes (a call of a method's one signature, not generic): triage may refute
   * it though it has holes. */
  typeFixed?: boolean;
  /** Why it fits, for the user; asked of the few shown only, since printing types on a fresh checker is costly. */
  why: () => string;
  /** What the site says for it beyond its type, -1..1 (the arguments of a call already written after `expr.|`). */
  evidence?: number;
}

export interface SynthScope {
  checker: ts.TypeChecker;
  program: ts.Program;
  at: ts.Node;
  values: TypedScopeValue[];
  inAsync: boolean;
  /** The hole is the operand of `await`: a promise of the expected type fits too. */
  awaitOperand: boolean;
  /** Once expired, enumeration stops and returns what it has. */
  budget: Budget;
}

export const HOLE = '_()';
const MAX_RECEIVERS = 24;
const MAX_MEMBERS = 80;

/**
 * Expressions of the expected type built from the typing context, in the spirit of GHC's valid hole fits: bindings,
 * member chains (depth 2), calls with arguments filled from scope (or left as `_()`), `new`, literal union and enum
 * members, `[]`, object literals, arrow functions, `await`, and `null`/`undefined` last. Where the type is what a
 * later use asks (`contextual` false), nothing types the hole itself: no arrow (its parameters would be implicitly
 * `any`) and no `[]` (an array of nothing).
 */
export function enumerate(s: SynthScope, expected: ts.Type, { contextual = true } = {}): Built[] {
  const out: Built[] = [];
  const push = (b: Built | undefined) => {
    if (b) out.push(b);
  };
  for (const literal of literalMembers(s, expected)) push(literal);
  const wantsFunction = expectsFunction(expected);
  for (const value of s.values) {
    if (s.budget.expired()) break;
    if (holds(value.declaration, s.at)) continue;
    const name = value.name;
    // A function is passed as a value where a function is expected (a callback), else called.
    if (!value.valueType.getCallSignatures().length || wantsFunction) {
      const fit = fits(s.checker, value.valueType, expected) || narrowedFit(s, value, expected);
      if (fit !== FIT_NONE)
        push({
          text: name,
          type: value.valueType,
          form: 'binding',
          fit,
          head: headOf(name),
          members: membersOf(name),
          distance: value.distance,
          holes: 0,
          why: () => `${value.kind} of type ${typeText(s.checker, value.valueType, s.at)}`,
        });
    }
    push(callCandidate(s, operandOf(value), expected, 'call'));
    // A class, or a value typed with construct signatures (zod's `$constructor<ZodCatch>`).
    if (value.valueType.getConstructSignatures().length) push(callCandidate(s, operandOf(value), expected, 'new'));
    if (s.inAsync && !s.awaitOperand)
      push(awaitOf(s, value, expected) ?? callCandidate(s, operandOf(value), expected, 'await'));
  }
  for (const receiver of s.values.filter(isReceiver).slice(0, MAX_RECEIVERS)) {
    if (s.budget.expired()) break;
    out.push(...memberChains(s, operandOf(receiver), expected, 2));
  }
  if (contextual) push(arrayOf(s, expected));
  push(objectOf(s, expected));
  if (contextual) push(arrowOf(s, expected));
  // `null` and `undefined` type-check wherever they are allowed, and so tell nothing: only when nothing else fits.
  if (!out.length) out.push(...nullish(s, expected));
  // A generic producer fits once its type parameters are inferred from the context, which a later use does not give
  // (a binding that fits only where a condition narrows it goes too: it is among the nearest values anyway).
  return contextual ? out : out.filter((b) => b.fit !== FIT_GENERIC);
}

/**
 * A binding that may be null or undefined where declared, but that a condition around the hole tests (`if (user)`,
 * `user && …`, an earlier `if (!user) return;`): there it may hold only the rest, so it fits if the rest does. Ranked
 * below what fits as declared; validation decides, in place, with the narrowing.
 */
function narrowedFit(s: SynthScope, value: TypedScopeValue, expected: ts.Type): Fit {
  const present = s.checker.getNonNullableType(value.valueType);
  if (present === value.valueType || !testedAround(s.at, value.name)) return FIT_NONE;
  return fits(s.checker, present, expected) === FIT_NONE ? FIT_NONE : FIT_GENERIC;
}

/** Is `name` tested by a condition the code at `at` runs under, or by an earlier statement of a block around it? */
function testedAround(at: ts.Node, name: string): boolean {
  if (testedAbove(at, name, ts.isFunctionLike)) return true;
  for (let n: ts.Node = at; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    const p = n.parent;
    if (!ts.isBlock(p) && !ts.isSourceFile(p)) continue;
    const statements = p.statements as readonly ts.Node[];
    if (statements.slice(0, statements.indexOf(n)).some((st) => ts.isIfStatement(st) && mentions(st.expression, name)))
      return true;
  }
  return false;
}

/** An expression a candidate is built on (a receiver, a callee): its text, its type, its scope distance. */
interface Operand {
  text: string;
  type: ts.Type;
  distance: number;
}

function operandOf(value: TypedScopeValue): Operand {
  return { text: value.name, type: value.valueType, distance: value.distance };
}

/** `r.p`, `r.m(args)` and, one level down, `r.p.q`. */
function memberChains(s: SynthScope, receiver: Operand, expected: ts.Type, depth: number): Built[] {
  const { text: receiverText, type: receiverType, distance } = receiver;
  const out: Built[] = [];
  const wantsFunction = expectsFunction(expected);
  const library =
    receiverType.getSymbol()?.declarations?.some((d) => isFromLibrary(d.getSourceFile(), s.program)) ?? false;
  // A library's `_name` is its own business by convention (zod's `_output` is a type-level marker, never a value);
  // a class's `prototype` is no instance one means (an exported class is in scope as a plain value, and the member,
  // declared nowhere, is public).
  const members = s.checker
    .getPropertiesOfType(receiverType)
    .filter((m) => isPublic(m) && !(library && m.name.startsWith('_')) && !(m.flags & ts.SymbolFlags.Prototype))
    .slice(0, MAX_MEMBERS);
  const valueUsed = usesValue(expected);
  for (const member of members) {
    if (valueUsed && isMutator(member, s.program)) continue;
    // The method the hole is in (`Vault.open(key)` inside `static open`): calling it recurses.
    if (holds(member.valueDeclaration, s.at)) continue;
    const type = s.checker.getTypeOfSymbolAtLocation(member, s.at);
    const text = `${receiverText}.${member.name}`;
    if (type.getCallSignatures().length) {
      // Calls of library methods (`items.push()`) type-check often and are rarely what was meant: ranked as farther.
      const call = callCandidate(s, { text, type, distance: distance + (library ? 1 : 0) }, expected, 'call');
      if (call) out.push(call);
      // A method taken off its object loses `this`: only a function-valued property goes as a callback.
      if (!wantsFunction || member.declarations?.some((d) => ts.isMethodDeclaration(d) || ts.isMethodSignature(d)))
        continue;
    }
    const fit = fits(s.checker, type, expected);
    if (fit !== FIT_NONE)
      out.push({
        text,
        type,
        form: 'member',
        fit,
        head: headOf(text),
        members: membersOf(text),
        distance: distance + (library ? 1 : 0),
        holes: 0,
        why: () => `${member.name} of ${receiverText}`,
      });
    else if (depth > 1 && !library && type.flags & ts.TypeFlags.Object)
      out.push(...memberChains(s, { text, type, distance: distance + 1 }, expected, depth - 1));
  }
  return out;
}

/** A function type, or a union with one: a callback is expected. */
function expectsFunction(expected: ts.Type): boolean {
  return (expected.isUnion() ? expected.types : [expected]).some((t) => t.getCallSignatures().length > 0);
}

/** `f(a, b)` (or `new C(a, b)`) when what it returns fits; required arguments filled from scope, else `_()`. */
function callCandidate(
  s: SynthScope,
  { text: callee, type, distance }: Operand,
  expected: ts.Type,
  kind: 'call' | 'new' | 'await',
): Built | undefined {
  const signatures = kind === 'new' ? type.getConstructSignatures() : type.getCallSignatures();
  for (const signature of signatures) {
    const returned = signature.getReturnType();
    if (
      returned.flags & ts.TypeFlags.TypeParameter &&
      isFromLibrary(signature.getDeclaration()?.getSourceFile() ?? s.at.getSourceFile(), s.program)
    )
      continue;
    if (kind === 'new' && (!constructible(signature) || !mayConstruct(s, returned, expected))) continue;
    const awaited = kind === 'await' || s.awaitOperand ? (s.checker.getAwaitedType(returned) ?? returned) : returned;
    if (usesValue(expected) && givesNoValue(kind === 'await' ? awaited : returned)) continue;
    let fit = kind === 'await' ? FIT_NONE : fits(s.checker, returned, expected);
    if (fit === FIT_NONE && awaited !== returned) fit = fits(s.checker, awaited, expected);
    if (fit === FIT_NONE) continue;
    const args = argumentsFor(s, signature);
    const prefix = kind === 'new' ? 'new ' : kind === 'await' ? 'await ' : '';
    const text = `${prefix}${callee}(${args.map((a) => a.text).join(', ')})`;
    const holes = args.filter((a) => a.text === HOLE).length;
    return {
      text,
      type: kind === 'await' ? awaited : returned,
      form: kind,
      fit,
      head: headOf(callee),
      members: membersOf(callee),
      distance,
      holes,
      why: () => `${kind === 'new' ? 'constructs' : 'returns'} ${typeText(s.checker, returned, s.at)}`,
    };
  }
  return undefined;
}

/**
 * Can `new` call this signature: not of an abstract class, nor a private or protected constructor (inside its class,
 * where one may be called, the class is a declaration the hole is in, never offered: `holds`).
 */
function constructible(signature: ts.Signature): boolean {
  const abstract = (d: ts.Declaration) =>
    ts.isClassDeclaration(d) && (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract) !== 0;
  if (signature.getReturnType().getSymbol()?.declarations?.some(abstract)) return false;
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  return (
    !declaration ||
    !ts.isConstructorDeclaration(declaration) ||
    !(ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))
  );
}

/**
 * Can `new` make a type that fits, by name? Comparing two unrelated project interfaces structurally is costly (zod
 * declares its schemas as values typed `$constructor<ZodX>`, dozens in scope), and one fits another only if it is
 * declared to extend it, so where every kind of value `expected` allows is a named object type, a project type must be
 * named by it or be one of its declared subtypes.
 */
function mayConstruct(s: SynthScope, made: ts.Type, expected: ts.Type): boolean {
  const symbol = made.getSymbol();
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration || isFromLibrary(declaration.getSourceFile(), s.program)) return true;
  const named = (t: ts.Type) =>
    (t.flags & ts.TypeFlags.Object) !== 0 && !!t.getSymbol() && !t.getSymbol()!.name.startsWith('__');
  return !nonNullish(expected).every(named) || acceptableNames(expected, projectSubtypes(s.program)).has(symbol.name);
}

/** The best scope value for each required parameter: same type first, then a look-alike name. */
export function argumentsFor(s: SynthScope, signature: ts.Signature): Array<{ text: string }> {
  const out: Array<{ text: string }> = [];
  for (const parameter of signature.getParameters()) {
    const declaration = parameter.valueDeclaration;
    if (
      declaration &&
      ts.isParameter(declaration) &&
      (declaration.questionToken || declaration.initializer || declaration.dotDotDotToken)
    )
      break;
    const type = s.checker.getTypeOfSymbolAtLocation(parameter, s.at);
    let best: { text: string; score: number } | undefined;
    for (const { text, type: argType, distance, name } of argumentSources(s)) {
      const fit = fits(s.checker, argType, type);
      if (fit === FIT_NONE) continue;
      const score = fit + (name.toLowerCase() === parameter.name.toLowerCase() ? 2 : 0) - distance * 0.1;
      if (!best || score > best.score) best = { text, score };
    }
    out.push({ text: best?.text ?? literalMembers(s, type)[0]?.text ?? HOLE });
  }
  return out;
}

const ARGUMENT_RECEIVERS = 8;
const argumentCache = new WeakMap<SynthScope, Array<{ text: string; type: ts.Type; distance: number; name: string }>>();

/** What can be passed as an argument: values in scope and the properties of the nearest ones (depth ≤ 2). */
function argumentSources(s: SynthScope): Array<{ text: string; type: ts.Type; distance: number; name: string }> {
  let sources = argumentCache.get(s);
  if (!sources) {
    sources = s.values
      .filter((v) => !v.valueType.getCallSignatures().length)
      .map((v) => ({ text: v.name, type: v.valueType, distance: v.distance, name: v.name }));
    for (const receiver of s.values.filter(isReceiver).slice(0, ARGUMENT_RECEIVERS)) {
      if (receiver.valueType.getSymbol()?.declarations?.some((d) => isFromLibrary(d.getSourceFile(), s.program)))
        continue;
      for (const member of s.checker.getPropertiesOfType(receiver.valueType).filter(isPublic).slice(0, MAX_MEMBERS)) {
        if (isMutator(member, s.program)) continue;
        const type = s.checker.getTypeOfSymbolAtLocation(member, s.at);
        if (!type.getCallSignatures().length)
          sources.push({
            text: `${receiver.name}.${member.name}`,
            type,
            distance: receiver.distance + 1,
            name: member.name,
          });
      }
    }
    argumentCache.set(s, sources);
  }
  return sources;
}

/** `'EUR'`, `Color.Red`, `true`: the members of a union of literals (or an enum). */
function literalMembers(s: SynthScope, expected: ts.Type): Built[] {
  const members = expected.isUnion() ? expected.types : [expected];
  const out: Built[] = [];
  for (const member of members) {
    if (
      !(
        member.flags &
        (ts.TypeFlags.StringLiteral |
          ts.TypeFlags.NumberLiteral |
          ts.TypeFlags.BooleanLiteral |
          ts.TypeFlags.EnumLiteral)
      )
    )
      continue;
    const text = s.checker.typeToString(member, s.at);
    out.push({
      text,
      type: member,
      form: 'literal',
      fit: 3,
      head: headOf(text),
      members: membersOf(text),
      distance: 0,
      holes: 0,
      why: () => 'member of the expected union',
    });
  }
  return out;
}

function awaitOf(s: SynthScope, value: TypedScopeValue, expected: ts.Type): Built | undefined {
  const awaited = s.checker.getAwaitedType(value.valueType);
  if (!awaited || awaited === value.valueType || fits(s.checker, awaited, expected) === FIT_NONE) return undefined;
  return {
    text: `await ${value.name}`,
    type: awaited,
    form: 'await',
    fit: 2,
    head: value.name,
    members: [],
    distance: value.distance,
    holes: 0,
    why: () => `awaits ${value.name}`,
  };
}

function arrayOf(s: SynthScope, expected: ts.Type): Built | undefined {
  const array = nonNullish(expected).find((t) => s.checker.isArrayType(t));
  return (
    array && {
      text: '[]',
      type: array,
      form: 'array',
      fit: 2,
      members: [],
      distance: 0,
      holes: 0,
      why: () => 'an empty array',
    }
  );
}

/**
 * `{ a: …, b: … }` with the required keys of an object type (not a class, array or function), `{}` when none is
 * required (an options bag, a record). A key takes a value of its type whose name says it is that key (`{ id }`,
 * `{ name: userName }`), else a literal of its union, else `_()`: any string in scope is not a name.
 */
function objectOf(s: SynthScope, expected: ts.Type): Built | undefined {
  const target = nonNullish(expected).find((t) => isObjectShape(s, t));
  if (!target) return undefined;
  const required = s.checker.getPropertiesOfType(target).filter((p) => !(p.flags & ts.SymbolFlags.Optional));
  if (required.length > 8) return undefined;
  const entries = required.map((p) => {
    const type = s.checker.getTypeOfSymbolAtLocation(p, s.at);
    const named = argumentSources(s)
      .filter((v) => nameAffinity(p.name, v.name) > 0 && fits(s.checker, v.type, type) !== FIT_NONE)
      .sort((a, b) => nameAffinity(p.name, b.name) - nameAffinity(p.name, a.name) || a.distance - b.distance)[0];
    if (named?.text === p.name) return p.name;
    return `${p.name}: ${named?.text ?? literalMembers(s, type)[0]?.text ?? HOLE}`;
  });
  const holes = entries.filter((e) => e.endsWith(HOLE)).length;
  // A library's shape left to fill key by key (`{ type: _(), props: _(), key: _() }` for a React element) is what
  // its own functions make.
  if (holes && isLibraryType(s, target)) return;
  return {
    text: entries.length ? `{ ${entries.join(', ')} }` : '{}',
    type: target,
    form: 'object',
    fit: 2,
    members: [],
    distance: 0,
    holes,
    why: () => `an object with the keys of ${typeText(s.checker, target, s.at)}`,
  };
}

/**
 * An object a literal can make: of object types (an intersection too, with conditional parts still to resolve), not an
 * array, function or class instance, and if a library's, a data shape.
 */
function isObjectShape(s: SynthScope, type: ts.Type): boolean {
  const parts = type.isIntersection() ? type.types : [type];
  if (!parts.some((t) => t.flags & ts.TypeFlags.Object) || type.getCallSignatures().length) return false;
  if (!parts.every((t) => t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Conditional))) return false;
  if (s.checker.isArrayType(type) || parts.some((t) => (t.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class))
    return false;
  return !isLibraryType(s, type) || isDataShape(s.checker, type);
}

/** Is the type declared by a library (its alias, else its symbol)? */
function isLibraryType(s: SynthScope, type: ts.Type): boolean {
  const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  return !!declaration && isFromLibrary(declaration.getSourceFile(), s.program);
}

/**
 * A library's options bag (`UseMatchOptions`), not an instance's interface (`Date`, `Promise`): no member is a
 * method.
 */
function isDataShape(checker: ts.TypeChecker, type: ts.Type): boolean {
  return !checker
    .getPropertiesOfType(type)
    .some((p) => p.declarations?.some((d) => ts.isMethodSignature(d) || ts.isMethodDeclaration(d)));
}

/**
 * `(a, b) => body` for a function type: parameters named from the type; the body a parameter, or a property of one,
 * of the return type (earlier parameters first), else `_()`. Parameters after the last one used are left out.
 */
function arrowOf(s: SynthScope, expected: ts.Type): Built | undefined {
  const target = nonNullish(expected).find((t) => t.getCallSignatures().length > 0);
  const signature = target?.getCallSignatures()[0];
  if (!target || !signature) return undefined;
  const parameters = signature.getParameters();
  const returned = signature.getReturnType();
  let body = HOLE;
  let used = 0;
  if (returned.flags & ts.TypeFlags.Void) body = '{}';
  else {
    for (const [i, p] of parameters.entries()) {
      const type = s.checker.getTypeOfSymbolAtLocation(p, s.at);
      const property =
        fits(s.checker, type, returned) !== FIT_NONE
          ? undefined
          : s.checker
              .getPropertiesOfType(type)
              .find((m) => isPublic(m) && fits(s.checker, s.checker.getTypeOfSymbolAtLocation(m, s.at), returned) >= 2);
      if (property || fits(s.checker, type, returned) >= 2) {
        body = property ? `${p.name}.${property.name}` : p.name;
        used = i + 1;
        break;
      }
    }
  }
  const names = parameters.slice(0, used).map((p) => p.name);
  const list = names.length === 1 ? names[0] : `(${names.join(', ')})`;
  return {
    text: `${list} => ${body}`,
    type: target,
    form: 'arrow',
    fit: 2,
    members: [],
    distance: 0,
    holes: body === HOLE ? 1 : 0,
    why: () => `a function of type ${typeText(s.checker, target, s.at)}`,
  };
}

function nullish(s: SynthScope, expected: ts.Type): Built[] {
  const members = expected.isUnion() ? expected.types : [expected];
  const out: Built[] = [];
  if (members.some((t) => t.flags & ts.TypeFlags.Null))
    out.push({
      text: 'null',
      type: s.checker.getNullType(),
      form: 'nullish',
      fit: 2,
      members: [],
      distance: 0,
      holes: 0,
      why: () => 'the expected type allows null',
    });
  if (members.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)))
    out.push({
      text: 'undefined',
      type: s.checker.getUndefinedType(),
      form: 'nullish',
      fit: 2,
      members: [],
      distance: 0,
      holes: 0,
      why: () => 'the expected type allows undefined',
    });
  return out;
}

function nonNullish(type: ts.Type): ts.Type[] {
  return (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
  );
}

function isReceiver(value: TypedScopeValue): boolean {
  return (
    (value.valueType.flags & ts.TypeFlags.Object) !== 0 &&
    !value.valueType.getCallSignatures().length &&
    !(value.symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Enum))
  );
}

/**
 * Not private nor protected. A member of a mapped type (`z.infer<…>`, `Pick<…>`) has no declaration of its own:
 * public.
 */
function isPublic(member: ts.Symbol): boolean {
  const declaration = member.valueDeclaration;
  if (member.name.startsWith('#')) return false;
  return (
    !declaration ||
    !(ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))
  );
}

function headOf(text: string): string | undefined {
  return /^(?:new\s+|await\s+)?([\p{ID_Start}$_][\p{ID_Continue}$]*)/u.exec(text)?.[1];
}

function membersOf(text: string): string[] {
  return [...text.matchAll(/\.([\p{ID_Start}$_][\p{ID_Continue}$]*)/gu)].map((m) => m[1]);
}

/** A declaration the hole is inside: calling the function being written recurses, its own variable is circular. */
function holds(declaration: ts.Declaration | undefined, at: ts.Node): boolean {
  return (
    !!declaration &&
    declaration.getSourceFile() === at.getSourceFile() &&
    declaration.pos <= at.pos &&
    at.end <= declaration.end
  );
}
