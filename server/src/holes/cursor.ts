/**
 * The cursor as a hole. After `expr.` the access expression is typed in the real program when it parses as one;
 * otherwise the identifier under the cursor (or nothing) becomes a typed hole `(<T,>(): T => null!)()` in a speculative
 * program (speculate.ts), so that even incomplete code has a typed expression there. Invariant: no hole in a comment, a
 * string, nor in JSX outside `{…}` (text between tags, a tag's or an attribute's name): no expression goes there.
 */
import ts from 'typescript';
import type { FileSnapshot } from '../workspace/workspace.js';
import { forEachDescendant, innermostAt, nodeAt } from '../ts/ast.js';
import { splice, typedHoles } from './speculate.js';

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
  /** Maps a position of `snapshot`'s file back to the real file (the speculative text is longer or shorter). */
  toOriginal(pos: number): number;
}

const IDENTIFIER_CHAR = /[\p{ID_Continue}$]/u;

/**
 * Turns the cursor into a hole. The identifier under the cursor is replaced by a typed hole in a speculative program,
 * so
 * that even `foo(|` or `const x: T = |` give the checker a well-formed expression with a contextual type. After
 * a `.` the hole is a member name and the access expression itself is typed.
 */
export function cursorSite(snapshot: FileSnapshot, offset: number): CursorSite | undefined {
  const text = snapshot.sourceFile.text;
  if (isInCommentOrString(snapshot.sourceFile, offset)) return undefined;
  let start = offset;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1])) start--;
  if (isInJsxOutsideBraces(snapshot.sourceFile, start)) return undefined;
  let end = offset;
  while (end < text.length && IDENTIFIER_CHAR.test(text[end])) end++;
  const prefix = text.slice(start, offset);
  if (/^[0-9]/.test(text.slice(start, end))) return undefined;

  const dot = previousNonSpace(text, start);
  if (text[dot] === '.' && text[dot - 1] !== '.' && !/[0-9]/.test(text[dot - 1] ?? '')) {
    const accessAt = (sf: ts.SourceFile) =>
      innermostAt(
        sf,
        start,
        (n): n is ts.PropertyAccessExpression =>
          ts.isPropertyAccessExpression(n) && n.name.getStart() === start && n.name.end === end,
      );
    // `expr.|)` and `expr.na|` parse as an access already: type it in the real program, as tsserver does.
    const real = accessAt(snapshot.sourceFile);
    if (real)
      return {
        start,
        end,
        prefix,
        receiver: real.expression,
        expression: real,
        node: real,
        snapshot,
        toOriginal: (pos) => pos,
      };
    const spliced = splice(snapshot, [{ start, end, text: text.slice(start, end) || '_' }]);
    const access = innermostAt(
      spliced.snapshot.sourceFile,
      start,
      (n): n is ts.PropertyAccessExpression => ts.isPropertyAccessExpression(n) && n.name.getStart() === start,
    );
    if (access)
      return {
        start,
        end,
        prefix,
        receiver: access.expression,
        expression: access,
        node: access,
        snapshot: spliced.snapshot,
        toOriginal: spliced.toOriginal,
      };
  }
  const typed = typedHoles(snapshot, [{ start, end }]);
  const call = typed.calls[0];
  if (call)
    return { start, end, prefix, expression: call, node: call, snapshot: typed.snapshot, toOriginal: typed.toOriginal };
  return { start, end, prefix, node: nodeAt(snapshot.sourceFile, offset), snapshot, toOriginal: (pos) => pos };
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

/**
 * Inside JSX but outside every `{…}`: text between tags, a tag's or an attribute's name, where an expression would
 * be text or markup. Of a JSX element or fragment, its inside; of braces, their inside (an unclosed `{` to its end).
 */
function isInJsxOutsideBraces(sourceFile: ts.SourceFile, pos: number): boolean {
  let outside = false;
  forEachDescendant(sourceFile, (node) => {
    const start = node.getStart(sourceFile);
    if (pos < start || pos > node.end) return 'skip';
    if (ts.isJsxExpression(node) || ts.isJsxSpreadAttribute(node)) {
      const closed = sourceFile.text[node.end - 1] === '}';
      if (pos === start || (closed && pos === node.end)) return 'skip';
      outside = false;
    } else if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) {
      if (pos === start || pos === node.end) return 'skip';
      outside = true;
    }
    return undefined;
  });
  return outside;
}
