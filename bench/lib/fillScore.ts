/**
 * How a fill compares with the removed expression (the truth): the same tokens, the same tree up to nested holes, the
 * same first identifier (NIM).
 */
import ts from 'typescript';
import { HOLE } from './sites.js';

/**
 * How a fill compares with the removed expression (the truth):
 * - exact: the same tokens (whitespace and comments ignored);
 * - exact up to holes: the same syntax tree, where each nested `_()` of the fill may stand for any one expression;
 * - the first identifier (NIM, "next identifier match"): the first Identifier node in source order; keywords such as
 *   `this`, `new`, `null`, `true` are not identifiers, so `this.x` starts with `x` and a bare literal has none.
 */

export function sameTokens(a: string, b: string): boolean {
  const x = tokens(a);
  const y = tokens(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

export function matchesUpToHoles(fill: string, truth: string): boolean {
  const f = parseExpression(fill);
  const t = parseExpression(truth);
  return !!f && !!t && matches(f.node, f.sourceFile, t.node, t.sourceFile);
}

export function firstIdentifier(text: string): string | undefined {
  const parsed = parseExpression(text);
  if (!parsed) return undefined;
  const find = (node: ts.Node): string | undefined => (ts.isIdentifier(node) ? node.text : ts.forEachChild(node, find));
  return find(parsed.node);
}

function tokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan())
    out.push(scanner.getTokenText());
  return out;
}

interface Parsed {
  node: ts.Expression;
  sourceFile: ts.SourceFile;
}

/** `text` as one expression (parenthesised, so that `{ a }` is an object), or nothing if it does not parse as one. */
function parseExpression(text: string): Parsed | undefined {
  const sourceFile = ts.createSourceFile('expression.ts', `(${text}\n)`, ts.ScriptTarget.Latest, true);
  const statement = sourceFile.statements[0];
  if (
    sourceFile.statements.length !== 1 ||
    !ts.isExpressionStatement(statement) ||
    !ts.isParenthesizedExpression(statement.expression)
  )
    return undefined;
  return { node: statement.expression.expression, sourceFile };
}

function matches(fill: ts.Node, fillFile: ts.SourceFile, truth: ts.Node, truthFile: ts.SourceFile): boolean {
  if (isHole(fill, fillFile)) return ts.isExpression(truth);
  if (fill.kind !== truth.kind) return false;
  const a = fill.getChildren(fillFile);
  const b = truth.getChildren(truthFile);
  if (!a.length && !b.length) return fill.getText(fillFile) === truth.getText(truthFile);
  return a.length === b.length && a.every((child, i) => matches(child, fillFile, b[i], truthFile));
}

function isHole(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  return ts.isCallExpression(node) && node.getText(sourceFile) === HOLE;
}
