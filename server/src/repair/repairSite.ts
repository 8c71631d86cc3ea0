/**
 * An error as a hole of a family: the access of a missing member (`member`), an unknown name (`name`), the expression
 * of the wrong type (`type`, found from where the checker reports it: a declaration's name, an assignment's left side,
 * a `return`), a literal outside its union (`literal`), the call of the wrong arity (`arity`). The values in scope are
 * typed only for the families that need them.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import { enclosingFunction, forEachDescendant, innermostAt } from '../ts/ast.js';
import { DiagnosticCode } from '../ts/diagnosticCodes.js';
import { isHoleCall } from '../holes/find.js';
import { isTyped, scopeValues } from '../holes/bindings.js';
import { expectedTypeOf, isUninformative } from '../holes/expectedType.js';
import type { SynthScope } from '../synth/enumerate.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import type { CompilerError, RepairFamily } from './repairData.js';
import type { ProofScope } from './verify.js';

const { propertyMissing, propertyMissingDidYouMean, cannotFindName, cannotFindNameDidYouMean } = DiagnosticCode;
const MEMBER_CODES: number[] = [propertyMissing, propertyMissingDidYouMean];
const NAME_CODES: number[] = [cannotFindName, cannotFindNameDidYouMean];
/** Type mismatches: assignment, argument, no overload, a literal with a suggestion. */
const MISMATCH_CODES: number[] = [
  DiagnosticCode.notAssignable,
  DiagnosticCode.argumentNotAssignable,
  DiagnosticCode.noOverloadMatches,
  DiagnosticCode.notAssignableDidYouMean,
];
const ARITY_CODES: number[] = [DiagnosticCode.expectedArguments, DiagnosticCode.expectedAtLeastArguments];

/** The error codes a repair is looked for. */
export const REPAIRABLE_CODES: ReadonlySet<number> = new Set([
  ...MEMBER_CODES,
  ...NAME_CODES,
  ...MISMATCH_CODES,
  ...ARITY_CODES,
]);

/**
 * Where an error is, as the hole its repairs replace. The hole is an expression wherever it can be (the whole access
 * for a missing member), so that candidates are checked as what they are.
 */
export interface RepairSite {
  family: RepairFamily;
  target: CompilerError;
  /** The span of the real file candidates replace, and its text. */
  hole: { start: number; end: number };
  original: string;
  /** The erroneous text candidates are compared with: the member name, the name, the expression. */
  wrong: string;
  /** The node of the real file the hole is: the access, the identifier, the expression, the call. */
  node: ts.Node;
  checker: ts.TypeChecker;
  /**
   * The context candidates are built in; with the values in scope only when asked (typing them is most of what a
   * site costs in a fresh checker, and a misspelt member or a literal needs none of them).
   */
  scope(withValues: boolean): SynthScope;
  expected?: ts.Type;
  /** For a member: the access up to the name (`user.`, `this.items?.`). */
  receiverText?: string;
  /** A name in a type position (`let u: Usr`): type names fill it. */
  typePosition?: boolean;
  /**
   * Where a text in the hole reaches beyond the statements validation checks, so that what passes there is proven
   * again: anywhere for a type (the declaration's uses take it on), the uses of a variable whose narrowed type the
   * hole decides (`let mode: 'a' | 'b' = 'a'` makes `mode === 'b'` an error below).
   */
  reach?: ProofScope;
}

/** The site of a repairable error, or why there is none. */
export function repairSite(snapshot: FileSnapshot, target: CompilerError, budget: Budget): RepairSite | string {
  const { sourceFile } = snapshot;
  const node = errorNode(sourceFile, target);
  if (!node) return 'no node at the error';
  const at = (family: RepairFamily, hole: ts.Node, wrong: string): RepairSite => {
    const start = hole.getStart(sourceFile);
    // The checker's contextual type, asked without the node's own inferences: an erroneous argument does not bias a
    // generic call's type.
    const expected = ts.isExpression(hole) ? expectedTypeOf(snapshot.checker, hole) : undefined;
    return {
      family,
      target,
      hole: { start, end: hole.end },
      original: sourceFile.text.slice(start, hole.end),
      wrong,
      node: hole,
      checker: snapshot.checker,
      scope: scopeAt(snapshot, hole, budget),
      expected: expected && !isUninformative(expected) ? expected : undefined,
      reach: ts.isExpression(hole) ? narrowingReach(snapshot.checker, hole) : undefined,
    };
  };
  if (MEMBER_CODES.includes(target.code)) {
    const access = node.parent;
    if (!ts.isIdentifier(node) || !access || !ts.isPropertyAccessExpression(access) || access.name !== node)
      return 'not a member access';
    const site = at('member', access, node.text);
    return { ...site, receiverText: sourceFile.text.slice(site.hole.start, node.getStart(sourceFile)) };
  }
  if (NAME_CODES.includes(target.code)) {
    if (!ts.isIdentifier(node)) return 'not a name';
    if (isHoleCall(node.parent, snapshot.checker)) return 'a hole: fill it';
    if (isTypeName(node)) return { ...at('name', node, node.text), typePosition: true, reach: 'file' };
    return ts.isExpression(node) ? at('name', node, node.text) : 'not a name in an expression';
  }
  if (ARITY_CODES.includes(target.code)) {
    const call = ts.findAncestor(
      node,
      (n): n is ts.CallExpression | ts.NewExpression => ts.isCallExpression(n) || ts.isNewExpression(n),
    );
    return call ? at('arity', call, call.getText(sourceFile)) : 'not a call';
  }
  if (MISMATCH_CODES.includes(target.code)) {
    const expression = offendingExpression(node);
    if (!expression) return 'no expression to replace';
    const site = at('type', expression, expression.getText(sourceFile));
    return isLiteral(expression) && hasLiteralMembers(site.expected) ? { ...site, family: 'literal' } : site;
  }
  return `error ${target.code} is not one Spackle repairs`;
}

/**
 * The uses of the variable an expression initialises or is assigned to, when the variable's declared type is a union:
 * the value decides the type it is narrowed to below. Other declared types are not narrowed; inferred ones the region
 * follows.
 */
function narrowingReach(checker: ts.TypeChecker, expression: ts.Expression): ProofScope | undefined {
  const parent = expression.parent;
  const name =
    ts.isVariableDeclaration(parent) && parent.type && parent.initializer === expression
      ? parent.name
      : ts.isBinaryExpression(parent) &&
          parent.right === expression &&
          parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
        ? parent.left
        : undefined;
  if (!name || !ts.isIdentifier(name) || !checker.getTypeAtLocation(name).isUnion()) return undefined;
  return { alsoAt: usesOf(expression.getSourceFile(), name.text) };
}

/** Where a name is used in a file (property names after a dot left out): a syntactic over-approximation. */
export function usesOf(sourceFile: ts.SourceFile, name: string): number[] {
  return usesOfAny(sourceFile, [name]).map((use) => use.start);
}

/** Where any of the names is used in a file, in one walk (as `usesOf`). */
export function usesOfAny(sourceFile: ts.SourceFile, names: Iterable<string>): Array<{ name: string; start: number }> {
  const wanted = new Set([...names].filter((name) => sourceFile.text.includes(name)));
  const out: Array<{ name: string; start: number }> = [];
  if (!wanted.size) return out;
  forEachDescendant(sourceFile, (node) => {
    if (
      ts.isIdentifier(node) &&
      wanted.has(node.text) &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
    )
      out.push({ name: node.text, start: node.getStart(sourceFile) });
  });
  return out;
}

/** The innermost node spanning exactly the error, else the innermost one starting where it starts. */
function errorNode(sourceFile: ts.SourceFile, target: CompilerError): ts.Node | undefined {
  const startsThere = (n: ts.Node): n is ts.Node => n.getStart(sourceFile) === target.start;
  return (
    innermostAt(sourceFile, target.start, (n): n is ts.Node => startsThere(n) && n.end === target.end) ??
    innermostAt(sourceFile, target.start, startsThere)
  );
}

/**
 * The expression whose type is wrong: the checker reports a declaration's or property's mismatch at its name, an
 * assignment's at its left side, a return's at the keyword.
 */
function offendingExpression(node: ts.Node): ts.Expression | undefined {
  if (ts.isReturnStatement(node)) return node.expression;
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isParameter(parent)) &&
    parent.name === node
  ) {
    return parent.initializer;
  }
  if (parent && ts.isJsxAttribute(parent) && parent.name === node) {
    const value = parent.initializer;
    return value && ts.isJsxExpression(value) ? value.expression : value;
  }
  if (
    parent &&
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  )
    return parent.right;
  return ts.isExpression(node) && !ts.isOmittedExpression(node) ? node : undefined;
}

function isTypeName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isTypeReferenceNode(parent) && parent.typeName === node) ||
    (ts.isExpressionWithTypeArguments(parent) &&
      ts.isHeritageClause(parent.parent) &&
      ts.isInterfaceDeclaration(parent.parent.parent))
  );
}

function isLiteral(node: ts.Expression): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword
  );
}

function hasLiteralMembers(type: ts.Type | undefined): boolean {
  return (
    !!type &&
    (type.isUnion() ? type.types : [type]).some((t) => t.isLiteral() || (t.flags & ts.TypeFlags.BooleanLiteral) !== 0)
  );
}

/** The synthesis scope at a node, its values typed on first demand. */
function scopeAt({ checker, program }: FileSnapshot, at: ts.Node, budget: Budget): (withValues: boolean) => SynthScope {
  const fn = enclosingFunction(at);
  const bare: SynthScope = {
    checker,
    program,
    at,
    budget,
    values: [],
    inAsync: !!fn && (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0,
    awaitOperand: !!at.parent && ts.isAwaitExpression(at.parent),
  };
  let full: SynthScope | undefined;
  return (withValues) =>
    withValues ? (full ??= { ...bare, values: scopeValues(checker, program, at).filter(isTyped) }) : bare;
}
