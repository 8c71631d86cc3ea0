/**
 * Tokens of unfinished code, and where an expression ends: what the decoding driver and extract.ts read a model's
 * growing answer with.
 */
import ts from 'typescript';

/** A token of generated code, with the bracket depth it sits at (relative to the start of the generated text). */
export interface Tok {
  kind: ts.SyntaxKind;
  text: string;
  start: number;
  end: number;
  /** Open brackets before it: `(`, `[`, `{` and `${`. */
  depth: number;
  /** A line break stands between it and the previous token. */
  newlineBefore: boolean;
  /** A string literal or template ran to the end of the text unclosed. */
  unterminated?: boolean;
  /** A closing bracket of one opened before the text. */
  unmatched?: boolean;
}

const OPENERS = new Set([ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.OpenBraceToken]);
const CLOSERS = new Set([
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
]);

/**
 * Tokens of (possibly unfinished) TypeScript, comments and whitespace left out. Template literals are followed
 * through their `${…}` spans, so a `}` closing one is not taken for a closing brace.
 */
export function lex(text: string): Tok[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: Tok[] = [];
  /** What each open bracket is: a template's `${` closes with `}` and resumes the template. */
  const open: Array<'bracket' | 'template'> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && open[open.length - 1] === 'template') {
      open.pop();
      kind = scanner.reScanTemplateToken(false);
    }
    const unmatched = CLOSERS.has(kind) && open.length === 0;
    if (CLOSERS.has(kind)) open.pop();
    tokens.push({
      kind,
      text: scanner.getTokenText(),
      start: scanner.getTokenStart(),
      end: scanner.getTokenEnd(),
      depth: open.length,
      newlineBefore: scanner.hasPrecedingLineBreak(),
      unterminated: scanner.isUnterminated() || undefined,
      unmatched: unmatched || undefined,
    });
    if (OPENERS.has(kind)) open.push('bracket');
    else if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) open.push('template');
  }
  return tokens;
}

/** Tokens that continue an expression onto the next line: `.x`, `?.x`, binary operators, `?`/`:` of a conditional. */
const CONTINUES = new Set([
  ts.SyntaxKind.DotToken,
  ts.SyntaxKind.QuestionDotToken,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.EqualsGreaterThanToken,
  ts.SyntaxKind.AsKeyword,
  ts.SyntaxKind.SatisfiesKeyword,
]);

/**
 * Where the expression at the start of `text` ends, when the text shows it: at `;` or `,` outside brackets, at a
 * bracket closing one opened before the text, or at a line break outside brackets — for a single-line expression any
 * line break, for a multi-line fill one the next line does not continue.
 */
export function expressionEnd(text: string, multiLine: boolean, tokens: Tok[] = lex(text)): number | undefined {
  for (const [i, tok] of tokens.entries()) {
    const closesOwn = CLOSERS.has(tok.kind) && !tok.unmatched;
    if (tok.depth === 0 && tok.newlineBefore && i > 0 && !closesOwn && (!multiLine || !CONTINUES.has(tok.kind)))
      return tokens[i - 1].end;
    if (tok.depth === 0 && (tok.kind === ts.SyntaxKind.SemicolonToken || tok.kind === ts.SyntaxKind.CommaToken))
      return tok.start;
    if (tok.unmatched) return tok.start;
  }
  return undefined;
}
