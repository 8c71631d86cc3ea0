/**
 * The hole's site as compiler objects (snapshot, hole expression, expected type, scope): what the context, the engines
 * and the monitors analyse. `holeSiteAt` looks for an explicit `_()` at the offset (`find.ts`), else makes the cursor
 * the hole (`cursor.ts`); an explicit `_()` inside a generic call is re-asked in a speculative program with a typed
 * hole, since an undeclared `_` would make the call infer `any`.
 */
import ts from 'typescript';
import { SpackleError } from '../errors.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { cursorSite } from './cursor.js';
import { expectedTypeOf, isUninformative } from './expectedType.js';
import { enclosingFunction } from '../ts/ast.js';
import { explicitHoleAt, holeOf, isUndeclaredHole } from './find.js';
import { typedHoles } from './speculate.js';
import type { Hole, Unresolved } from './holeData.js';
import { unresolvedIn } from './unresolved.js';

/** Where a hole is, as compiler objects: what the context and the engines analyse. */
export interface HoleSite {
  hole: Hole;
  /** The snapshot the nodes belong to: the real one, or a speculative copy in which the hole is typed. */
  snapshot: FileSnapshot;
  /** Identifier already typed at a cursor hole. */
  prefix: string;
  /** A node at the hole, for scope look-ups. */
  node: ts.Node;
  /** The hole as an expression, when the syntax there allows one. */
  expression?: ts.Expression;
  expected?: ts.Type;
  /** For a member-name hole `expr.|`: the receiver. */
  receiver?: ts.Expression;
  /** The expected (or receiver's) type is or holds one the checker could not resolve. */
  unresolved?: Unresolved;
  /** A position of `snapshot`'s file as a position of the real file. */
  toOriginal(pos: number): number;
}

/** The hole at `offset`: an explicit `_()` there, else the cursor. */
export function holeSiteAt(snapshot: FileSnapshot, offset: number): HoleSite {
  const { sourceFile, checker } = snapshot;
  const call = explicitHoleAt(sourceFile, checker, offset);
  if (call) {
    const typed = typedExplicitHoles(snapshot, [call])[0];
    return withUnresolved({
      ...typed,
      hole: holeOf(call, sourceFile),
      prefix: '',
      node: typed.call,
      expression: typed.call,
    });
  }
  const site = cursorSite(snapshot, offset);
  if (!site) {
    throw new SpackleError('invalidPosition', 'no hole here: the position is inside a comment, a literal or JSX text');
  }
  const hole: Hole = { file: sourceFile.fileName, start: site.start, end: site.end, kind: 'cursor' };
  return withUnresolved({
    ...site,
    hole,
    expected: site.expression && expectedTypeOf(site.snapshot.checker, site.expression),
  });
}

function withUnresolved(site: HoleSite): HoleSite {
  const { checker } = site.snapshot;
  const type = site.receiver ? checker.getTypeAtLocation(site.receiver) : site.expected;
  const unresolved = type && unresolvedIn(site.snapshot, type, site.node);
  return unresolved ? { ...site, unresolved } : site;
}

export interface TypedHole {
  snapshot: FileSnapshot;
  call: ts.CallExpression;
  expected?: ts.Type;
  toOriginal(pos: number): number;
}

/**
 * Each explicit hole with its expected type. An undeclared `_()` whose context comes out as `any` (a generic call
 * inferred its type arguments from the hole's error type) is asked again as a typed hole in one speculative program.
 */
export function typedExplicitHoles(snapshot: FileSnapshot, calls: ts.CallExpression[]): TypedHole[] {
  const { checker, sourceFile } = snapshot;
  const typed: TypedHole[] = calls.map((call) => ({
    snapshot,
    call,
    expected: expectedTypeOf(checker, call),
    toOriginal: (pos) => pos,
  }));
  const retry = typed.filter((t) => t.expected && isUninformative(t.expected) && isUndeclaredHole(t.call, checker));
  if (!retry.length) return typed;
  const spliced = typedHoles(
    snapshot,
    retry.map((t) => ({ start: t.call.getStart(sourceFile), end: t.call.end })),
  );
  retry.forEach((t, i) => {
    const call = spliced.calls[i];
    const expected = call && expectedTypeOf(spliced.snapshot.checker, call);
    if (call && expected && !isUninformative(expected))
      Object.assign(t, { snapshot: spliced.snapshot, call, expected, toOriginal: spliced.toOriginal });
  });
  return typed;
}

/** The name the hole's value will be known by: `const name = _()`, `f(name: _())`, `{ name: _() }`. */
export function targetName(hole: ts.Expression): string | undefined {
  const parent = hole.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isParameter(parent)) &&
    ts.isIdentifier(parent.name)
  )
    return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.right === hole) return parent.left.getText();
  if (ts.isReturnStatement(parent)) {
    const fn = enclosingFunction(hole);
    return fn?.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  }
  return undefined;
}
