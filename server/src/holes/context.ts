/**
 * The hole context: `holeContextAt` finds the hole at an offset (an explicit `_()` there, else the cursor: site.ts) and
 * gathers what it needs from the checker: the expected type (`expectedType.ts`, with `unresolved.ts`), the bindings in
 * scope (`bindings.ts`), the relevant types (`relevantTypes.ts`) and the relevant headers (`relevantHeaders.ts`).
 * Invariant: plain data out (offsets, texts), no compiler object; references into the speculative text of a cursor hole
 * are moved back to the real file.
 */
import ts from 'typescript';
import { Budget } from '../budget.js';
import { SpackleError } from '../errors.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { declaredType, enclosingFunction, isFunctionLikeWithBody, typeText } from '../ts/ast.js';
import { isTyped, scopeValues, ScopeValue } from './bindings.js';
import { isUninformative } from './expectedType.js';
import { explicitHoleCalls, holeOf } from './find.js';
import { refOf } from './refs.js';
import { relevantHeaders } from './relevantHeaders.js';
import { relevantTypes, TypeSeed, typeSymbols } from './relevantTypes.js';
import { holeSiteAt, HoleSite, targetName, typedExplicitHoles } from './site.js';
import type { Binding, ExpectedType, Hole, HoleContext, HoleSummary, Receiver, SourceRef } from './holeData.js';

export interface ContextOptions {
  /** Token budget of the relevant types section. */
  typeTokens?: number;
  /** How many relevant headers at most. */
  maxHeaders?: number;
  /** How many bindings are typed, the nearest first (TYPED_BINDINGS); the rest are named only. */
  typedBindings?: number;
}

const DEFAULTS = { typeTokens: 1024, maxHeaders: 16 };
const TYPE_SEED_BINDINGS = 24;

/**
 * Contexts already computed on a program. Editors ask several things of one hole before the next edit (hover,
 * expected type, headers, completion); a new program (any edit) starts afresh.
 */
const answered = new WeakMap<ts.Program, Map<string, HoleContext>>();

/** The hole at `offset` (an explicit `_()` there, else the cursor) and everything it needs; a cancelled `budget` stops
 * it between phases. */
export function holeContextAt(
  workspace: Workspace,
  fileName: string,
  offset: number,
  options: ContextOptions = {},
  budget = Budget.unlimited,
): HoleContext {
  const snapshot = workspace.snapshot(fileName);
  const { sourceFile, program } = snapshot;
  if (!Number.isInteger(offset) || offset < 0 || offset > sourceFile.text.length) {
    throw new SpackleError('invalidPosition', `offset ${offset} is outside ${fileName} (0..${sourceFile.text.length})`);
  }
  let known = answered.get(program);
  if (!known) answered.set(program, (known = new Map()));
  const limits = `${options.typeTokens ?? DEFAULTS.typeTokens}:${options.maxHeaders ?? DEFAULTS.maxHeaders}`;
  const key = `${sourceFile.fileName}:${offset}:${limits}`;
  let context = known.get(key);
  if (!context) {
    context = holeContextOf(holeSiteAt(snapshot, offset), options, budget);
    known.set(key, context);
  }
  return context;
}

/** Every explicit hole of a file with its expected type. */
export function holesIn(workspace: Workspace, fileName: string): HoleSummary[] {
  const snapshot = workspace.snapshot(fileName);
  const calls = explicitHoleCalls(snapshot.sourceFile, snapshot.checker);
  return typedExplicitHoles(snapshot, calls).map(({ snapshot: { checker }, call, expected }, i) => ({
    hole: holeOf(calls[i], snapshot.sourceFile),
    expectedType: expected ? typeText(checker, expected, call) : undefined,
  }));
}

/** Everything a hole at a known site needs (`holeContextAt` finds the site and caches the answer). */
export function holeContextOf(site: HoleSite, options: ContextOptions = {}, budget = Budget.unlimited): HoleContext {
  const {
    snapshot: { checker, program },
    hole,
    node,
    expression,
    receiver,
    expected,
  } = site;
  const scope = scopeValues(checker, program, node, { typed: options.typedBindings });
  budget.check();
  const receiverType = receiver && checker.getTypeAtLocation(receiver);

  const seeds: TypeSeed[] = [];
  if (expected) seeds.push({ type: expected, reason: 'expected type' });
  if (receiverType) seeds.push({ type: receiverType, reason: 'receiver type' });
  for (const value of scope.filter(isTyped).slice(0, TYPE_SEED_BINDINGS))
    seeds.push({ type: value.valueType, reason: `type of ${value.name}` });
  const types = relevantTypes(checker, program, seeds, options.typeTokens ?? DEFAULTS.typeTokens);
  budget.check();

  const headers =
    expected && isInformative(expected)
      ? relevantHeaders({
          checker,
          program,
          expected,
          at: node,
          scope,
          targetName: expression && targetName(expression),
          limit: options.maxHeaders ?? DEFAULTS.maxHeaders,
        })
      : [];
  return inRealFile(
    {
      hole,
      prefix: site.prefix,
      expectedType: expected && {
        ...expectedType(checker, expected, node),
        ...(site.unresolved && { unresolved: site.unresolved }),
      },
      bindings: scope.map(plainBinding),
      relevantTypes: types,
      relevantHeaders: headers,
      enclosing: enclosingSignature(node),
      receiver: receiver && receiverType ? receiverOf(checker, receiver, receiverType, node) : undefined,
    },
    site.toOriginal,
  );
}

/** Where code is written that is no expression: statements, a function's body (completion anywhere). */
export interface CodePlace {
  hole: Hole;
  /** A node at the place, in the real program: names resolve in its scope. */
  node: ts.Node;
  /** Types the code is likely to need besides those of the bindings (the types named on the cursor's line). */
  named: ts.Type[];
}

/**
 * The context of code written at a place: the bindings in scope there, the enclosing function's signature with the
 * type it returns (declared, or given by the context of an arrow or function expression), the relevant types of that
 * return type, of the types `named` and of the bindings, and the headers that produce the return type.
 */
export function placeContextOf(
  snapshot: FileSnapshot,
  place: CodePlace,
  options: ContextOptions = {},
  budget = Budget.unlimited,
): HoleContext {
  const { checker, program } = snapshot;
  const scope = scopeValues(checker, program, place.node, { typed: options.typedBindings, at: place.hole.start });
  budget.check();
  const fn = enclosingFunction(place.node) ?? (isFunctionLikeWithBody(place.node) ? place.node : undefined);
  const returns = fn && returnTypeOf(checker, fn);
  const seeds: TypeSeed[] = [
    ...(returns ? [{ type: returns, reason: 'return type' }] : []),
    ...place.named.map((type) => ({ type, reason: 'named on the line' })),
    ...scope
      .filter(isTyped)
      .slice(0, TYPE_SEED_BINDINGS)
      .map((value) => ({ type: value.valueType, reason: `type of ${value.name}` })),
  ];
  const types = relevantTypes(checker, program, seeds, options.typeTokens ?? DEFAULTS.typeTokens);
  const headers =
    returns && isInformative(returns)
      ? relevantHeaders({
          checker,
          program,
          expected: returns,
          at: place.node,
          scope,
          limit: options.maxHeaders ?? DEFAULTS.maxHeaders,
        })
      : [];
  const enclosing = fn && signatureOf(fn);
  const written = fn && declaredType(fn);
  return {
    hole: place.hole,
    prefix: '',
    bindings: scope.map(plainBinding),
    relevantTypes: types,
    relevantHeaders: headers,
    enclosing:
      enclosing && returns && !written
        ? { ...enclosing, signature: `${enclosing.signature} (returns ${typeText(checker, returns, fn, 200)})` }
        : enclosing,
  };
}

/** What a function returns: its declared type, else the return type of the signature its context gives it. */
function returnTypeOf(checker: ts.TypeChecker, fn: ts.FunctionLikeDeclaration): ts.Type | undefined {
  const written = declaredType(fn);
  if (written) return checker.getTypeFromTypeNode(written);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const contextual = checker.getContextualType(fn);
  return contextual?.getCallSignatures()[0]?.getReturnType();
}

/** References into the hole's own file were taken in the speculative text; move them back to the real one. */
function inRealFile(context: HoleContext, toOriginal: (pos: number) => number): HoleContext {
  const file = context.hole.file;
  const real = <T extends SourceRef>(ref: T): T =>
    ref.file === file ? { ...ref, start: toOriginal(ref.start), end: toOriginal(ref.end) } : ref;
  return {
    ...context,
    expectedType: context.expectedType && {
      ...context.expectedType,
      definitions: context.expectedType.definitions.map(real),
    },
    relevantTypes: context.relevantTypes.map((t) => ({ ...t, ref: real(t.ref) })),
    relevantHeaders: context.relevantHeaders.map((h) => ({ ...h, ref: real(h.ref) })),
    enclosing: context.enclosing && { ...context.enclosing, ref: real(context.enclosing.ref) },
  };
}

function isInformative(type: ts.Type): boolean {
  return (
    !isUninformative(type) &&
    !(type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never))
  );
}

function expectedType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): ExpectedType {
  const definitions = [...new Set(typeSymbols(checker, type))]
    .map((s) => s.declarations?.[0])
    .filter((d): d is ts.Declaration => !!d)
    .map(refOf);
  return { text: typeText(checker, type, at, 600), definitions };
}

function plainBinding({ name, type, kind, distance }: ScopeValue): Binding {
  return { name, type, kind, distance };
}

function enclosingSignature(node: ts.Node): HoleContext['enclosing'] {
  const fn = enclosingFunction(node);
  return fn && signatureOf(fn);
}

function signatureOf(fn: ts.FunctionLikeDeclaration): NonNullable<HoleContext['enclosing']> {
  const sf = fn.getSourceFile();
  const end = fn.body ? fn.body.getStart(sf) : fn.end;
  let signature = sf.text
    .slice(fn.getStart(sf), end)
    .replace(/\s+/g, ' ')
    .replace(/\s*=>\s*$/, '')
    .trim();
  if (signature.length > 400) signature = signature.slice(0, 399) + '…';
  return { signature, ref: refOf(fn) };
}

function receiverOf(checker: ts.TypeChecker, expression: ts.Expression, type: ts.Type, at: ts.Node): Receiver {
  const members = checker
    .getPropertiesOfType(checker.getApparentType(type))
    .filter((m) => !m.name.startsWith('#') && !m.name.startsWith('__'))
    .slice(0, 200)
    .map((m) => {
      const memberType = checker.getTypeOfSymbolAtLocation(m, at);
      return {
        name: m.name,
        type: typeText(checker, memberType, at, 160),
        kind: memberType.getCallSignatures().length ? ('method' as const) : ('property' as const),
      };
    });
  return { text: expression.getText(), type: typeText(checker, type, at), members };
}
