/**
 * A model's answer cut to the code that goes in the hole: out of a markdown fence, without the code before the hole it
 * restated, cut where the expression ends (a member name only, after a dot), as the hole's shape says.
 */
import ts from 'typescript';
import { expressionEnd } from '../decode/lexer.js';

/** What the text around a hole says about the answer's shape. */
export interface HoleShape {
  /** An explicit hole may take several lines; a cursor hole one expression on one line. */
  multiLine: boolean;
  /** The hole's line before and after it: a chat model often restates them. */
  lineBefore: string;
  lineAfter: string;
  /** A member name whose call the user already wrote (`obj.|(…)`): the name alone. */
  nameOnly: boolean;
}

export function holeShape(
  text: string,
  hole: { start: number; end: number; kind: 'explicit' | 'cursor' },
  memberHole: boolean,
): HoleShape {
  const lineStart = text.lastIndexOf('\n', hole.start - 1) + 1;
  const newline = text.indexOf('\n', hole.end);
  const lineAfter = text.slice(hole.end, newline < 0 ? text.length : newline);
  return {
    multiLine: hole.kind === 'explicit',
    lineBefore: text.slice(lineStart, hole.start),
    lineAfter,
    nameOnly: memberHole && /^\s*\(/.test(lineAfter),
  };
}

/**
 * The code a model's answer puts in the hole: out of a markdown fence, without the restated code before the hole on
 * its line, cut where the expression ends.
 */
export function candidateText(output: string, shape: HoleShape): string {
  const fenced = /```[\w-]*[^\S\n]*\n([\s\S]*?)(?:```|$)/.exec(output);
  let text = (fenced ? fenced[1] : output).replace(/^\s+/, '');
  const restated = shape.lineBefore.trim();
  if (restated && text.startsWith(restated)) text = text.slice(restated.length).replace(/^\s+/, '');
  if (shape.nameOnly) return /^[\p{ID_Start}$_][\p{ID_Continue}$]*/u.exec(text)?.[0] ?? '';
  const end = expressionEnd(text, shape.multiLine);
  return (end === undefined ? text : text.slice(0, end)).trimEnd();
}

/** How an answer is built, for the editor's icon and the ranking prior: by its outermost expression. */
export function formOf(
  text: string,
): 'binding' | 'member' | 'literal' | 'call' | 'new' | 'await' | 'array' | 'object' | 'arrow' | 'nullish' {
  const statement = ts.createSourceFile('fill.ts', `(${text}\n)`, ts.ScriptTarget.Latest, false).statements[0];
  let e: ts.Expression | undefined =
    statement && ts.isExpressionStatement(statement) ? statement.expression : undefined;
  while (e && ts.isParenthesizedExpression(e)) e = e.expression;
  if (!e) return 'literal';
  if (ts.isIdentifier(e)) return e.text === 'undefined' ? 'nullish' : 'binding';
  if (e.kind === ts.SyntaxKind.NullKeyword) return 'nullish';
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return 'member';
  if (ts.isCallExpression(e)) return 'call';
  if (ts.isNewExpression(e)) return 'new';
  if (ts.isAwaitExpression(e)) return 'await';
  if (ts.isArrayLiteralExpression(e)) return 'array';
  if (ts.isObjectLiteralExpression(e)) return 'object';
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return 'arrow';
  return 'literal';
}
