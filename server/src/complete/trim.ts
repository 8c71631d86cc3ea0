/**
 * Where a generated completion ends, and the text it puts at the cursor.
 */
import ts from 'typescript';
import { lex, Tok } from '../decode/lexer.js';
import { forEachDescendant } from '../ts/ast.js';
import type { CompletionSite } from './completionSite.js';

const OPENERS = new Set([ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.OpenBraceToken]);
const CLOSERS = new Set([
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
]);
/** A line this short, or without a word, says nothing about repeating the code after the cursor. */
const MIN_REPEATED = 4;

/**
 * Where the completion in `text` (as `prepared` leaves it) ends, once the text shows it (always, when `final`), as
 * peers cut their suggestions. The rest of a line ends at the line's end, unless brackets opened before its end are
 * still open (with `multiline`); statements end at a blank line, a body at the end of its block; both at a line
 * indented less than the cursor's, or at a line repeating the code after the cursor. A closing bracket ends it where
 * the code after the cursor closes the same bracket, or where it closes one outside the cursor's statement (a body's
 * `}` is the completion's own when the document lacks it). Statements that stop with brackets open are cut back to
 * the last line that closed them all.
 */
export function completionEnd(
  text: string,
  site: CompletionSite,
  multiline: boolean,
  final: boolean,
): number | undefined {
  const tokens = lex(text);
  // Brackets the user's code opened that the code after the cursor leaves open: the completion may close these.
  let closable = site.shape === 'line' ? Math.max(0, site.leadDepth - leadingClosers(site.lineAfter)) : 0;
  let open = 0;
  let balancedEnd = 0;
  for (const [i, tok] of tokens.entries()) {
    if (tok.newlineBefore) {
      const end = i > 0 ? tokens[i - 1].end : 0;
      if (!open) balancedEnd = end;
      const ends =
        i === 0
          ? site.shape === 'line' && !(multiline && closable > 0)
          : endsBefore(text, { previous: tokens[i - 1], next: tok }, site, multiline, open + closable);
      if (ends) return end;
    }
    if (OPENERS.has(tok.kind)) open++;
    else if (CLOSERS.has(tok.kind)) {
      if (open) open--;
      else if (closable) closable--;
      else return closerEnd(text, tok, site);
    }
  }
  if (!final) return undefined;
  const end = open && site.shape !== 'line' ? balancedEnd : text.length;
  const lastLine = lineStartOf(text, end);
  return repeats(text.slice(lastLine, end), site) ? lastLine : end;
}

/** The answer a completion is cut from: out of a fence, the restated line dropped, statements from their first word. */
export function prepared(output: string, site: CompletionSite): string {
  let text = unfenced(output);
  const restated = site.lineBefore.trim();
  if (restated && text.trimStart().startsWith(restated)) text = text.trimStart().slice(restated.length);
  return site.shape === 'line' ? text : text.replace(/^\s+/, '');
}

/** The code `output` completes the site with, cut where it ends: lines as the model wrote them, before `placed`. */
export function completionCode(output: string, site: CompletionSite, multiline: boolean): string {
  const text = prepared(output, site);
  const code = text.slice(0, completionEnd(text, site, multiline, true)).trimEnd();
  const kept = site.shape === 'line' ? withoutSuffix(code, site.lineAfter.trim()) : code;
  return kept.trim() ? kept : '';
}

/** What goes at the cursor for `code`: the indentation the cursor lacks, a body on lines of its own, the file's EOL. */
export function placed(code: string, site: CompletionSite): string {
  if (!code) return '';
  let text = code;
  if (site.shape === 'body' && site.afterBrace) text = `\n${site.indent}${text}`;
  else if (site.shape !== 'line') text = site.indent.slice(site.lineBefore.length) + text;
  if (site.closeIndent !== undefined) text += `\n${site.closeIndent}`;
  return site.eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

/** The completion `output` makes at the site: cut where it ends, fitted to the cursor's line and indentation. */
export function completionText(output: string, site: CompletionSite, multiline: boolean): string {
  return placed(completionCode(output, site, multiline), site);
}

/**
 * The lines of an answer the model is still writing, as code made whole to be checked ahead of the answer: cut as
 * `completionEnd` cuts (a line past the end left out), the brackets left open closed, innermost first. Undefined when
 * no line is complete, or when that would close an object literal: one cut short lacks keys, an error whose
 * explanation can cost TypeScript more than the answer's check (zod's `new ZodSet({…})`: 0.6 s a prefix, 54 ms all).
 */
export function linesSoFar(output: string, site: CompletionSite, multiline: boolean): string | undefined {
  const text = prepared(output.slice(0, output.lastIndexOf('\n') + 1), site);
  const code = text.slice(0, completionEnd(text, site, multiline, false)).trimEnd();
  if (!code.trim()) return undefined;
  const open: ts.SyntaxKind[] = [];
  for (const tok of lex(code)) {
    if (OPENERS.has(tok.kind)) open.push(tok.kind);
    else if (CLOSERS.has(tok.kind)) open.pop();
  }
  if (!open.length) return code;
  const closer = (kind: ts.SyntaxKind) =>
    kind === ts.SyntaxKind.OpenParenToken ? ')' : kind === ts.SyntaxKind.OpenBracketToken ? ']' : '}';
  const closed = `${code}\n${open.reverse().map(closer).join('')}`;
  const tree = ts.createSourceFile('ahead.ts', closed, ts.ScriptTarget.Latest, true);
  let cutObject = false;
  forEachDescendant(tree, (node) => {
    if (node.end <= code.length) return 'skip';
    cutObject ||= ts.isObjectLiteralExpression(node);
    return undefined;
  });
  return cutObject ? undefined : closed;
}

/** The code of an answer in a markdown fence (chat models add them, asked not to). */
export function unfenced(output: string): string {
  const fenced = /^\s*```[\w-]*[^\S\n]*\n([\s\S]*?)(?:```|$)/.exec(output);
  return fenced ? fenced[1] : output;
}

/** Does the completion end at the line break between `previous` and `next`, with `open` brackets open? */
function endsBefore(
  text: string,
  { previous, next: tok }: { previous: Tok; next: Tok },
  site: CompletionSite,
  multiline: boolean,
  open: number,
): boolean {
  if (!multiline) return true;
  if (site.shape === 'line') return open === 0;
  const lineStart = lineStartOf(text, tok.start);
  const indentation = text.slice(lineStart, tok.start);
  const ownBrace = site.unclosed && tok.kind === ts.SyntaxKind.CloseBraceToken && open === 0;
  if (/^[ \t]*$/.test(indentation) && indentation.length < site.indent.length && !ownBrace) return true;
  if (site.shape === 'statement' && open === 0 && /\n[ \t]*\r?\n/.test(text.slice(previous.end, tok.start)))
    return true;
  const lineEnd = text.indexOf('\n', tok.start);
  return lineEnd >= 0 && repeats(text.slice(lineStart, lineEnd), site);
}

/** Where a closing bracket the completion may not write ends it: before it, or before its line when alone there. */
function closerEnd(text: string, tok: Tok, site: CompletionSite): number {
  if (site.shape === 'line') return tok.start;
  if (site.shape === 'body' && site.unclosed && tok.kind === ts.SyntaxKind.CloseBraceToken) return tok.end;
  const lineStart = lineStartOf(text, tok.start);
  return text.slice(lineStart, tok.start).trim() ? tok.start : lineStart;
}

/** A line of the completion that is the code after the cursor, written again. */
function repeats(line: string, site: CompletionSite): boolean {
  const trimmed = line.trim();
  return trimmed === site.nextLine && trimmed.length >= MIN_REPEATED && /[\p{L}\p{N}_$]/u.test(trimmed);
}

/** Closing brackets the text starts with (the code after the cursor closing what the user's code opened). */
function leadingClosers(text: string): number {
  let count = 0;
  for (const tok of lex(text)) {
    if (!tok.unmatched) break;
    count++;
  }
  return count;
}

/** The completion without the end it shares with the rest of the line (`;` when the line goes on with `;`). */
function withoutSuffix(text: string, suffix: string): string {
  for (let k = suffix.length; k > 0; k--) {
    const shared = suffix.slice(0, k);
    if (text.endsWith(shared) && (k === suffix.length || /^[\s;,)\]}]+$/.test(shared)))
      return text.slice(0, -k).trimEnd();
  }
  return text;
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}
