import ts from 'typescript';
import { SpackleError } from '../errors.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { typeText } from './ast.js';
import { isTyped, scopeValues, ScopeValue } from './bindings.js';
import { cursorSite } from './cursor.js';
import { enclosingFunction, expectedTypeOf, isUninformative } from './expectedType.js';
import { explicitHoleAt, explicitHoleCalls, holeOf, isUndeclaredHole } from './find.js';
import { refOf } from './refs.js';
import { relevantHeaders } from './relevantHeaders.js';
import { relevantTypes, TypeSeed, typeSymbols } from './relevantTypes.js';
import { typedHoles } from './speculate.js';
import type { Binding, ExpectedType, Hole, HoleContext, HoleSummary, Receiver, SourceRef } from './types.js';

export interface ContextOptions {
  /** Token budget of the relevant types section. */
  typeTokens?: number;
  /** How many relevant headers at most. */
  maxHeaders?: number;
  /** Checked between phases; a cancelled request stops there. */
  isCancelled?: () => boolean;
}

const DEFAULTS = { typeTokens: 1024, maxHeaders: 16 };
const TYPE_SEED_BINDINGS = 24;

/**
 * Contexts already computed on a program. Editors ask several things of one hole before the next edit (hover,
 * expected type, headers, completion); a new program (any edit) starts afresh.
 */
const answered = new WeakMap<ts.Program, Map<string, HoleContext>>();

/** The hole at `offset` (an explicit `_()` there, else the cursor) and everything it needs. */
export function holeContextAt(workspace: Workspace, fileName: string, offset: number, options: ContextOptions = {}): HoleContext {
  const snapshot = workspace.snapshot(fileName);
  const { sourceFile, program } = snapshot;
  if (!Number.isInteger(offset) || offset < 0 || offset > sourceFile.text.length) {
    throw new SpackleError('invalidPosition', `offset ${offset} is outside ${fileName} (0..${sourceFile.text.length})`);
  }
  let known = answered.get(program);
  if (!known) answered.set(program, (known = new Map()));
  const key = `${sourceFile.fileName}:${offset}:${options.typeTokens ?? DEFAULTS.typeTokens}:${options.maxHeaders ?? DEFAULTS.maxHeaders}`;
  let context = known.get(key);
  if (!context) {
    context = computeContext(snapshot, offset, options);
    known.set(key, context);
  }
  return context;
}

function computeContext(snapshot: FileSnapshot, offset: number, options: ContextOptions): HoleContext {
  const { sourceFile, checker } = snapshot;
  const call = explicitHoleAt(sourceFile, checker, offset);
  if (call) {
    const typed = typedExplicitHoles(snapshot, [call])[0];
    return analyse({ ...typed, prefix: '', node: typed.call, expression: typed.call }, holeOf(call, sourceFile), options);
  }
  const site = cursorSite(snapshot, offset);
  if (!site) throw new SpackleError('invalidPosition', 'no hole here: the position is inside a comment or a literal');
  const hole: Hole = { file: sourceFile.fileName, start: site.start, end: site.end, kind: 'cursor' };
  return analyse(site, hole, options);
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

interface TypedHole {
  snapshot: FileSnapshot;
  call: ts.CallExpression;
  expected?: ts.Type;
  toOriginal(pos: number): number;
}

/**
 * Each explicit hole with its expected type. An undeclared `_()` whose context comes out as `any` (a generic call
 * inferred its type arguments from the hole's error type) is asked again as a typed hole in one speculative program.
 */
function typedExplicitHoles(snapshot: FileSnapshot, calls: ts.CallExpression[]): TypedHole[] {
  const { checker, sourceFile } = snapshot;
  const typed: TypedHole[] = calls.map((call) => ({ snapshot, call, expected: expectedTypeOf(checker, call), toOriginal: (pos) => pos }));
  const retry = typed.filter((t) => t.expected && isUninformative(t.expected) && isUndeclaredHole(t.call, checker));
  if (!retry.length) return typed;
  const spliced = typedHoles(snapshot, retry.map((t) => ({ start: t.call.getStart(sourceFile), end: t.call.end })));
  retry.forEach((t, i) => {
    const call = spliced.calls[i];
    const expected = call && expectedTypeOf(spliced.snapshot.checker, call);
    if (call && expected && !isUninformative(expected)) Object.assign(t, { snapshot: spliced.snapshot, call, expected, toOriginal: spliced.toOriginal });
  });
  return typed;
}

/** Where the analysis looks: the hole as a node of a (possibly speculative) snapshot. */
interface Site {
  snapshot: FileSnapshot;
  prefix: string;
  /** A node at the hole, for scope look-ups. */
  node: ts.Node;
  /** The hole as an expression, when the syntax there allows one. */
  expression?: ts.Expression;
  /** The hole's expected type when already known. */
  expected?: ts.Type;
  /** For a member-name hole `expr.|`: the receiver. */
  receiver?: ts.Expression;
  toOriginal(pos: number): number;
}

function analyse(site: Site, hole: Hole, options: ContextOptions): HoleContext {
  const { snapshot: { checker, program }, node, expression, receiver } = site;
  const cancelled = () => { if (options.isCancelled?.()) throw new SpackleError('cancelled', 'request cancelled'); };
  const expected = site.expected ?? (expression && expectedTypeOf(checker, expression));
  const scope = scopeValues(checker, program, node);
  cancelled();
  const receiverType = receiver && checker.getTypeAtLocation(receiver);

  const seeds: TypeSeed[] = [];
  if (expected) seeds.push({ type: expected, reason: 'expected type' });
  if (receiverType) seeds.push({ type: receiverType, reason: 'receiver type' });
  for (const value of scope.filter(isTyped).slice(0, TYPE_SEED_BINDINGS)) seeds.push({ type: value.valueType, reason: `type of ${value.name}` });
  const types = relevantTypes(checker, program, seeds, options.typeTokens ?? DEFAULTS.typeTokens);
  cancelled();

  const headers = expected && isInformative(expected)
    ? relevantHeaders({ checker, program, expected, at: node, scope, targetName: expression && targetName(expression), limit: options.maxHeaders ?? DEFAULTS.maxHeaders })
    : [];
  return inRealFile({
    hole,
    prefix: site.prefix,
    expectedType: expected && expectedType(checker, expected, node),
    bindings: scope.map(plainBinding),
    relevantTypes: types,
    relevantHeaders: headers,
    enclosing: enclosingSignature(node),
    receiver: receiver && receiverType ? receiverOf(checker, receiver, receiverType, node) : undefined,
  }, site.toOriginal);
}

/** References into the hole's own file were taken in the speculative text; move them back to the real one. */
function inRealFile(context: HoleContext, toOriginal: (pos: number) => number): HoleContext {
  const file = context.hole.file;
  const real = <T extends SourceRef>(ref: T): T => ref.file === file ? { ...ref, start: toOriginal(ref.start), end: toOriginal(ref.end) } : ref;
  return {
    ...context,
    expectedType: context.expectedType && { ...context.expectedType, definitions: context.expectedType.definitions.map(real) },
    relevantTypes: context.relevantTypes.map((t) => ({ ...t, ref: real(t.ref) })),
    relevantHeaders: context.relevantHeaders.map((h) => ({ ...h, ref: real(h.ref) })),
    enclosing: context.enclosing && { ...context.enclosing, ref: real(context.enclosing.ref) },
  };
}

function isInformative(type: ts.Type): boolean {
  return !isUninformative(type) && !(type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never));
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

/** The name the hole's value will be known by: `const name = _()`, `f(name: _())`, `{ name: _() }`. */
function targetName(hole: ts.Expression): string | undefined {
  const parent = hole.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.right === hole) return parent.left.getText();
  if (ts.isReturnStatement(parent)) {
    const fn = enclosingFunction(hole);
    return fn?.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  }
  return undefined;
}

function enclosingSignature(node: ts.Node): HoleContext['enclosing'] {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const sf = fn.getSourceFile();
  const end = fn.body ? fn.body.getStart(sf) : fn.end;
  let signature = sf.text.slice(fn.getStart(sf), end).replace(/\s+/g, ' ').replace(/\s*=>\s*$/, '').trim();
  if (signature.length > 400) signature = signature.slice(0, 399) + '…';
  return { signature, ref: refOf(fn) };
}

function receiverOf(checker: ts.TypeChecker, expression: ts.Expression, type: ts.Type, at: ts.Node): Receiver {
  const members = checker.getPropertiesOfType(checker.getApparentType(type))
    .filter((m) => !m.name.startsWith('#') && !m.name.startsWith('__'))
    .slice(0, 200)
    .map((m) => {
      const memberType = checker.getTypeOfSymbolAtLocation(m, at);
      return { name: m.name, type: typeText(checker, memberType, at, 160), kind: memberType.getCallSignatures().length ? 'method' as const : 'property' as const };
    });
  return { text: expression.getText(), type: typeText(checker, type, at), members };
}
