import ts from 'typescript';
import type { FileSnapshot } from '../workspace/workspace.js';
import { speculativeSnapshot } from '../workspace/speculative.js';
import { nodeAt } from './ast.js';

/** Where a cursor hole sits, and the speculative program in which it is an expression the checker can type. */
export interface CursorSite {
  /** The identifier being typed at the cursor (possibly empty): the span a fill replaces. */
  start: number;
  end: number;
  prefix: string;
  /** For `expr.|`: the receiver expression; the hole is a member name. */
  receiver?: ts.Expression;
  /** The hole as an expression of `snapshot`, when the syntax allows one here. */
  expression?: ts.Expression;
  /** A node of `snapshot` at the hole, for scope look-ups when there is no expression. */
  node: ts.Node;
  snapshot: FileSnapshot;
}

const IDENTIFIER_CHAR = /[\p{ID_Continue}$]/u;

/**
 * Turns the cursor into a hole. The identifier under the cursor is replaced by `_()` in a speculative program, so
 * that even `foo(|` or `const x: T = |` give the checker a well-formed expression with a contextual type. After
 * a `.` the hole is a member name and the access expression itself is typed.
 */
export function cursorSite(snapshot: FileSnapshot, offset: number): CursorSite | undefined {
  const text = snapshot.sourceFile.text;
  if (isInCommentOrString(snapshot.sourceFile, offset)) return undefined;
  let start = offset;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && IDENTIFIER_CHAR.test(text[end])) end++;
  const prefix = text.slice(start, offset);
  if (/^[0-9]/.test(text.slice(start, end))) return undefined;

  const dot = previousNonSpace(text, start);
  if (text[dot] === '.' && text[dot - 1] !== '.' && !/[0-9]/.test(text[dot - 1] ?? '')) {
    const name = text.slice(start, end) || '_';
    const speculative = speculativeSnapshot(snapshot, text.slice(0, start) + name + text.slice(end));
    const access = enclosingAccess(nodeAt(speculative.sourceFile, start), start);
    if (access) return { start, end, prefix, receiver: access.expression, expression: access, node: access, snapshot: speculative };
  }
  const speculative = speculativeSnapshot(snapshot, text.slice(0, start) + '_()' + text.slice(end));
  const call = holeCallAt(nodeAt(speculative.sourceFile, start), start);
  if (call) return { start, end, prefix, expression: call, node: call, snapshot: speculative };
  return { start, end, prefix, node: nodeAt(snapshot.sourceFile, offset), snapshot };
}

function enclosingAccess(node: ts.Node, nameStart: number): ts.PropertyAccessExpression | undefined {
  for (let n: ts.Node | undefined = node; n && !ts.isStatement(n); n = n.parent) {
    if (ts.isPropertyAccessExpression(n) && n.name.getStart() === nameStart) return n;
  }
  return undefined;
}

function holeCallAt(node: ts.Node, start: number): ts.CallExpression | undefined {
  for (let n: ts.Node | undefined = node; n && !ts.isStatement(n); n = n.parent) {
    if (ts.isCallExpression(n) && n.getStart() === start && ts.isIdentifier(n.expression) && n.expression.text === '_' && !n.arguments.length) return n;
  }
  return undefined;
}

function previousNonSpace(text: string, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** TypeScript's own tests (used by its completion), internal but present in every 6.x build. */
const internal = ts as unknown as {
  isInComment(sourceFile: ts.SourceFile, position: number): unknown;
  isInString(sourceFile: ts.SourceFile, position: number): boolean;
};

/** Inside a comment or a string literal no expression can start. */
function isInCommentOrString(sourceFile: ts.SourceFile, offset: number): boolean {
  return !!internal.isInComment(sourceFile, offset) || internal.isInString(sourceFile, offset);
}
