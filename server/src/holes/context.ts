import ts from 'typescript';
import { SpackleError } from '../errors.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { typeText } from './ast.js';
import { scopeValues, ScopeValue, thisMembers } from './bindings.js';
import { cursorSite } from './cursor.js';
import { enclosingFunction, expectedTypeOf, isUninformative } from './expectedType.js';
import { explicitHoleAt, explicitHoleCalls, holeOf } from './find.js';
import { refOf } from './refs.js';
import { relevantHeaders } from './relevantHeaders.js';
import { relevantTypes, TypeSeed, typeSymbols } from './relevantTypes.js';
import type { Binding, ExpectedType, Hole, HoleContext, HoleSummary, Receiver } from './types.js';

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

/** The hole at `offset` (an explicit `_()` there, else the cursor) and everything it needs. */
export function holeContextAt(workspace: Workspace, fileName: string, offset: number, options: ContextOptions = {}): HoleContext {
  const snapshot = workspace.snapshot(fileName);
  const { sourceFile, checker } = snapshot;
  if (!Number.isInteger(offset) || offset < 0 || offset > sourceFile.text.length) {
    throw new SpackleError('invalidPosition', `offset ${offset} is outside ${fileName} (0..${sourceFile.text.length})`);
  }
  const call = explicitHoleAt(sourceFile, checker, offset);
  if (call) return analyse(snapshot, holeOf(call, sourceFile), '', call, call, undefined, options);
  const site = cursorSite(snapshot, offset);
  if (!site) throw new SpackleError('invalidPosition', 'no hole here: the position is inside a comment or a literal');
  const hole: Hole = { file: sourceFile.fileName, start: site.start, end: site.end, kind: 'cursor' };
  return analyse(site.snapshot, hole, site.prefix, site.node, site.expression, site.receiver, options);
}

/** Every explicit hole of a file with its expected type. */
export function holesIn(workspace: Workspace, fileName: string): HoleSummary[] {
  const { sourceFile, checker } = workspace.snapshot(fileName);
  return explicitHoleCalls(sourceFile, checker).map((call) => {
    const expected = expectedTypeOf(checker, call);
    return { hole: holeOf(call, sourceFile), expectedType: expected ? typeText(checker, expected, call) : undefined };
  });
}

function analyse(
  snapshot: FileSnapshot, hole: Hole, prefix: string, node: ts.Node, expression: ts.Expression | undefined,
  receiverExpression: ts.Expression | undefined, options: ContextOptions,
): HoleContext {
  const { checker, program } = snapshot;
  const cancelled = () => { if (options.isCancelled?.()) throw new SpackleError('cancelled', 'request cancelled'); };
  const expected = expression ? expectedTypeOf(checker, expression) : undefined;
  const scope = [...scopeValues(checker, program, node), ...thisMembers(checker, node)];
  cancelled();
  const receiverType = receiverExpression ? checker.getTypeAtLocation(receiverExpression) : undefined;

  const seeds: TypeSeed[] = [];
  if (expected) seeds.push({ type: expected, reason: 'expected type' });
  if (receiverType) seeds.push({ type: receiverType, reason: 'receiver type' });
  for (const value of scope.slice(0, TYPE_SEED_BINDINGS)) seeds.push({ type: value.valueType, reason: `type of ${value.name}` });
  const types = relevantTypes(checker, program, seeds, options.typeTokens ?? DEFAULTS.typeTokens);
  cancelled();

  const headers = expected && isInformative(expected)
    ? relevantHeaders({ checker, program, expected, at: node, scope, targetName: expression && targetName(expression), limit: options.maxHeaders ?? DEFAULTS.maxHeaders })
    : [];
  return {
    hole,
    prefix,
    expectedType: expected && expectedType(checker, expected, node),
    bindings: scope.map(plainBinding),
    relevantTypes: types,
    relevantHeaders: headers,
    enclosing: enclosingSignature(node),
    receiver: receiverExpression && receiverType ? receiverOf(checker, receiverExpression, receiverType, node) : undefined,
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
