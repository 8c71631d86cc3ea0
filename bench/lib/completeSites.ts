import ts from 'typescript';
import { seededRandom, shuffled } from './random.js';

/** BENCHMARKS.md §5's three shapes: the rest of a line, a statement on an empty line, a function body. */
export const COMPLETION_SHAPES = ['line', 'statement', 'body'] as const;
export type CompletionShapeName = (typeof COMPLETION_SHAPES)[number];

/** Code cut from a corpus file: the model's truth, and the cursor it is written at. */
export interface CompletionCase {
  shape: CompletionShapeName;
  file: string;
  /** The span of the original text removed; the cursor is at `start` in the document without it. */
  start: number;
  end: number;
  truth: string;
  /** For the rest of a line, other places on the same line to cut at, should this one be a typed expression's. */
  alternatives: number[];
}

/** The document the cursor is in: the file without the case's code. */
export function documentOf(c: CompletionCase, original: string): string {
  return original.slice(0, c.start) + original.slice(c.end);
}

/** The same case cut at another place of its line. */
export function cutAt(c: CompletionCase, start: number, original: string): CompletionCase {
  return { ...c, start, truth: original.slice(start, c.end) };
}

const MAX_LINES = 8;
const MIN_LINE = 12;

/**
 * `perShape` cases of each shape (fewer where a corpus has fewer), seeded, shapes interleaved: a statement on one line
 * cut after one of its tokens (its rest), a statement of up to 8 lines among others in a block, the body of 2 to 8
 * lines of a function, method, arrow or accessor. Each starts its line and ends it: removed, it leaves an empty line.
 */
export function sampleCases(files: readonly ts.SourceFile[], perShape: number, seed: number): CompletionCase[] {
  const random = seededRandom(seed);
  const all = files.flatMap((f) => casesOf(f, random));
  const byShape = COMPLETION_SHAPES.map((shape) =>
    shuffled(
      all.filter((c) => c.shape === shape),
      random,
    ).slice(0, perShape),
  );
  const out: CompletionCase[] = [];
  for (let i = 0; i < perShape; i++) for (const cases of byShape) if (cases[i]) out.push(cases[i]);
  return out;
}

function casesOf(sourceFile: ts.SourceFile, random: () => number): CompletionCase[] {
  const text = sourceFile.text;
  const out: CompletionCase[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isBlock(node.parent ?? node) &&
      ts.isStatement(node) &&
      !ts.isBlock(node) &&
      ownsLines(text, node, sourceFile)
    ) {
      const block = node.parent as ts.Block;
      const lines = lineCount(text, node.getStart(sourceFile), node.end);
      if (block.statements.length > 1 && lines <= MAX_LINES)
        out.push(caseOf('statement', sourceFile, node.getStart(sourceFile), node.end));
      if (lines === 1 && node.end - node.getStart(sourceFile) >= MIN_LINE) {
        const cuts = cutsOf(sourceFile, node);
        if (cuts.length) {
          const order = shuffled(cuts, random);
          out.push({ ...caseOf('line', sourceFile, order[0], node.end), alternatives: order.slice(1, 3) });
        }
      }
    }
    const body = functionBody(node);
    if (body?.statements.length && bracesOwnLines(text, body, sourceFile)) {
      const start = body.statements[0].getStart(sourceFile);
      const end = body.statements[body.statements.length - 1].end;
      const lines = lineCount(text, start, end);
      if (lines >= 2 && lines <= MAX_LINES) out.push(caseOf('body', sourceFile, start, end));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

function caseOf(shape: CompletionShapeName, sourceFile: ts.SourceFile, start: number, end: number): CompletionCase {
  return { shape, file: sourceFile.fileName, start, end, truth: sourceFile.text.slice(start, end), alternatives: [] };
}

function functionBody(node: ts.Node): ts.Block | undefined {
  const fn =
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node);
  return fn && node.body && ts.isBlock(node.body) ? node.body : undefined;
}

/** The node starts its line and ends it (no code or comment before or after it on its lines). */
function ownsLines(text: string, node: ts.Node, sourceFile: ts.SourceFile): boolean {
  const start = node.getStart(sourceFile);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', node.end);
  return !text.slice(lineStart, start).trim() && !text.slice(node.end, lineEnd < 0 ? text.length : lineEnd).trim();
}

/** A body whose `{` ends its line and whose `}` starts its own, statements alone on theirs. */
function bracesOwnLines(text: string, body: ts.Block, sourceFile: ts.SourceFile): boolean {
  const open = body.getStart(sourceFile);
  const afterOpen = text.indexOf('\n', open);
  const close = body.end - 1;
  const first = body.statements[0];
  const last = body.statements[body.statements.length - 1];
  return (
    !text.slice(open + 1, afterOpen).trim() &&
    !text.slice(text.lastIndexOf('\n', close - 1) + 1, close).trim() &&
    ownsLines(text, first, sourceFile) &&
    ownsLines(text, last, sourceFile) &&
    !text.slice(last.end, close).trim()
  );
}

/** Where the rest of a one-line statement may start: after one of its tokens, at least 3 characters before its end. */
function cutsOf(sourceFile: ts.SourceFile, statement: ts.Node): number[] {
  const start = statement.getStart(sourceFile);
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    ts.LanguageVariant.Standard,
    sourceFile.text.slice(start, statement.end),
  );
  const cuts: number[] = [];
  for (
    let kind = scanner.scan(), first = true;
    kind !== ts.SyntaxKind.EndOfFileToken;
    kind = scanner.scan(), first = false
  ) {
    const at = start + scanner.getTokenStart();
    if (!first && statement.end - at >= 3 && !isInsideLiteral(kind)) cuts.push(at);
  }
  return cuts;
}

function isInsideLiteral(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.TemplateMiddle ||
    kind === ts.SyntaxKind.TemplateTail ||
    kind === ts.SyntaxKind.CloseBraceToken
  );
}

function lineCount(text: string, start: number, end: number): number {
  return text.slice(start, end).split('\n').length;
}
