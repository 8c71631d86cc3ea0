/**
 * Where code completes at a cursor, and the shape the completion takes there, from the parser's tree.
 */
import ts from 'typescript';
import { isStatementList } from '../check/region.js';
import { lex } from '../decode/lexer.js';
import { forEachDescendant } from '../ts/ast.js';

/**
 * `line`: the rest of the line from a cursor in code (continued onto more lines while brackets it opens stay open);
 * `statement`: statements (or class members) on an empty line; `body`: the statements of an empty block after its `{`.
 */
export type CompletionShape = 'line' | 'statement' | 'body';

/** A place where code completes, as plain data: what the prompt, the monitors and the trimming need. */
export interface CompletionSite {
  offset: number;
  shape: CompletionShape;
  /** The indentation the code's lines start at: a line indented less ends a statement or a body. */
  indent: string;
  /** The cursor's line before it. */
  lineBefore: string;
  /** The cursor's line after it: a completion must not write again what it closes or ends with. */
  lineAfter: string;
  /** The next line of code after the cursor's, trimmed: a completion that reaches it would repeat the code after it. */
  nextLine: string;
  /** A body's cursor is on its `{` line: the code starts on a line of its own. */
  afterBrace: boolean;
  /** A body's `}` follows the cursor on its line: the code ends on its own line, the `}` on the next, this indented. */
  closeIndent?: string;
  /** The body's block has no `}` in the document: the completion may write it. */
  unclosed: boolean;
  /** Where the user's code the completion continues starts (its statement or class member); none when too long. */
  leadStart?: number;
  /** Brackets that code opened and has not closed before the cursor. */
  leadDepth: number;
  /** The code goes in a class body (members). */
  inClassBody: boolean;
  /** The document's line break: a completion uses the same. */
  eol: '\n' | '\r\n';
}

/** Longer user code before the cursor than this is not read by the monitors (a 500-line object literal). */
const MAX_LEAD = 4000;

const internal = ts as unknown as {
  findPrecedingToken(position: number, sourceFile: ts.SourceFile): ts.Node | undefined;
};

/**
 * The completion site at `offset` of a file (a position in code: comments and strings are the caller's to refuse).
 * After the `{` of an empty function, method, arrow, class or control-statement block: its body. On an empty line in
 * a list of statements or class members: statements. Elsewhere: the rest of the line. Undefined where no code can be
 * written (right after a `{` whose block already has statements, on the brace's line).
 */
export function completionSite(sourceFile: ts.SourceFile, offset: number): CompletionSite | undefined {
  const text = sourceFile.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const lineBefore = text.slice(lineStart, offset);
  const lineAfter = text.slice(offset, lineEnd).replace(/\r$/, '');
  const common = {
    offset,
    lineBefore,
    lineAfter,
    nextLine: nextCodeLine(text, lineEnd),
    afterBrace: false,
    unclosed: false,
    leadDepth: 0,
    inClassBody: false,
    eol: /\r\n/.test(text.slice(0, 2000)) ? ('\r\n' as const) : ('\n' as const),
  };
  const unit = indentUnit(text);
  const previous = internal.findPrecedingToken(offset, sourceFile);
  const braced = previous?.kind === ts.SyntaxKind.OpenBraceToken ? bracedBody(previous.parent) : undefined;
  const afterBrace = !!previous && !text.slice(previous.end, offset).includes('\n');
  if (braced && braced.members.length === 0) {
    const braceIndent = indentationAt(text, braced.node.getStart(sourceFile));
    const closing = afterBrace && lineAfter.trimStart().startsWith('}');
    return {
      ...common,
      shape: 'body',
      afterBrace,
      indent: afterBrace || !lineBefore ? braceIndent + unit : lineBefore,
      closeIndent: closing ? braceIndent : undefined,
      unclosed: text[braced.close - 1] !== '}',
      leadStart: offset,
      inClassBody: ts.isClassLike(braced.node),
    };
  }
  if (braced && afterBrace) return undefined;
  if (!lineBefore.trim() && !lineAfter.trim()) {
    const container = containerAt(sourceFile, offset);
    if (isStatementList(container) || ts.isClassLike(container)) {
      const indent =
        lineBefore ||
        indentationAt(text, previousCodeLine(text, lineStart)) +
          (/\{\s*$/.test(lineText(text, previousCodeLine(text, lineStart))) ? unit : '');
      return { ...common, shape: 'statement', indent, leadStart: offset, inClassBody: ts.isClassLike(container) };
    }
  }
  const lead = leadAt(sourceFile, offset, previous);
  const from = lead?.start ?? lineStart;
  return {
    ...common,
    shape: 'line',
    indent: indentationAt(text, lineStart),
    leadStart: lead?.start,
    leadDepth: openBrackets(text.slice(from, offset)),
    inClassBody: !!lead?.inClassBody,
  };
}

/** The block (or class body) a `{` opens, when the code it holds is a body: a function's, a control statement's. */
function bracedBody(node: ts.Node): { node: ts.Node; members: readonly ts.Node[]; close: number } | undefined {
  if (ts.isClassLike(node)) return { node, members: node.members, close: node.end };
  if (!ts.isBlock(node)) return undefined;
  const owner = node.parent;
  const body =
    ts.isFunctionLike(owner) ||
    ts.isIfStatement(owner) ||
    ts.isIterationStatement(owner, false) ||
    ts.isTryStatement(owner) ||
    ts.isCatchClause(owner) ||
    isStatementList(owner);
  return body ? { node, members: node.statements, close: node.end } : undefined;
}

/** The user's statement (or class member) holding the cursor, up to it: what a generation on the line continues. */
function leadAt(
  sourceFile: ts.SourceFile,
  offset: number,
  previous: ts.Node | undefined,
): { start: number; inClassBody: boolean } | undefined {
  let node = previous;
  if (!node) return undefined;
  while (node.parent && !isStatementList(node.parent) && !ts.isClassLike(node.parent)) node = node.parent;
  if (!node.parent || ts.isSourceFile(node)) return undefined;
  const start = node.getStart(sourceFile);
  return start <= offset && offset - start <= MAX_LEAD
    ? { start, inClassBody: ts.isClassLike(node.parent) }
    : undefined;
}

/** The innermost node that holds `offset` strictly inside it. */
function containerAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let found: ts.Node = sourceFile;
  forEachDescendant(sourceFile, (node) => {
    if (node.getStart(sourceFile) >= offset || offset >= node.end) return 'skip';
    found = node;
    return undefined;
  });
  return found;
}

/** Brackets the code opens and does not close. */
export function openBrackets(code: string): number {
  let depth = 0;
  for (const tok of lex(code)) {
    if (
      tok.kind === ts.SyntaxKind.OpenParenToken ||
      tok.kind === ts.SyntaxKind.OpenBracketToken ||
      tok.kind === ts.SyntaxKind.OpenBraceToken
    )
      depth++;
    else if (
      (tok.kind === ts.SyntaxKind.CloseParenToken ||
        tok.kind === ts.SyntaxKind.CloseBracketToken ||
        tok.kind === ts.SyntaxKind.CloseBraceToken) &&
      depth > 0
    )
      depth--;
  }
  return depth;
}

/** One level of indentation in the file: a tab, or the smallest indentation of a line (2 when none is indented). */
function indentUnit(text: string): string {
  const lines = text.slice(0, 20_000).split('\n');
  if (lines.some((l) => l.startsWith('\t'))) return '\t';
  const widths = lines.map((l) => /^( *)\S/.exec(l)?.[1].length ?? 0).filter((w) => w > 0);
  return ' '.repeat(widths.length ? Math.max(2, Math.min(8, ...widths)) : 2);
}

function indentationAt(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function lineText(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', pos);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The start of the last line before `lineStart` that holds code (its own start when there is none). */
function previousCodeLine(text: string, lineStart: number): number {
  for (let end = lineStart - 1; end > 0;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (text.slice(start, end).trim()) return start;
    end = start - 1;
  }
  return lineStart;
}

/** The first line after `lineEnd` that holds code, trimmed. */
function nextCodeLine(text: string, lineEnd: number): string {
  for (let start = lineEnd + 1; start < text.length;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    if (line) return line;
    if (end < 0) break;
    start = end + 1;
  }
  return '';
}
