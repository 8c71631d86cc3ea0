/**
 * How a hole context reads in a terminal: locations as `file:line:col` relative to the working directory, each section
 * of the `HoleContext` in turn. Pure functions of plain data.
 */
import * as path from 'node:path';
import type { FillResult, Hole, HoleContext, HoleSummary, SourceRef, Unresolved } from '../analysis.js';
import { lineColumnOf } from './location.js';

/** Human-readable output of the CLI; `--json` prints the plain data instead. */
export type TextOf = (file: string) => string;

export function where(ref: SourceRef, textOf: TextOf, cwd = process.cwd()): string {
  const { line, column } = lineColumnOf(textOf(ref.file), ref.start);
  return `${path.relative(cwd, ref.file) || ref.file}:${line}:${column}`;
}

/** `explicit hole \`_()\` at FILE:LINE:COL` and its expected type, saying when it does not resolve. */
function heading(
  hole: Hole,
  expectedType: string | undefined,
  unresolved: Unresolved | undefined,
  textOf: TextOf,
  cwd?: string,
): string[] {
  const text = textOf(hole.file).slice(hole.start, hole.end);
  const lines = [
    `${hole.kind} hole ${text ? `\`${text}\` ` : ''}at ${where(hole, textOf, cwd)}`,
    `  expected type: ${expectedType ?? '(none: nothing constrains this hole)'}`,
  ];
  if (unresolved) lines.push(`  unresolved: ${unresolved.type} (${unresolved.why}); no fill can be verified`);
  return lines;
}

export function formatContext(ctx: HoleContext, textOf: TextOf, cwd?: string): string {
  const out = heading(ctx.hole, ctx.expectedType?.text, ctx.expectedType?.unresolved, textOf, cwd);
  if (ctx.enclosing) out.push(`  inside: ${ctx.enclosing.signature}`);
  if (ctx.receiver)
    out.push(`  receiver: ${ctx.receiver.text}: ${ctx.receiver.type} (${ctx.receiver.members.length} members)`);
  section(
    out,
    'relevant headers',
    ctx.relevantHeaders.map((h) => `${h.signature}    [${h.reason}; ${h.score}]`),
  );
  section(
    out,
    'relevant types',
    ctx.relevantTypes.map((t) => (t.text === t.name ? `${t.name}    [${t.reason}]` : `${t.text}    [${t.reason}]`)),
  );
  section(
    out,
    'bindings',
    ctx.bindings.map(
      (b) => `${b.name}${b.type === undefined ? '' : `: ${b.type}`}    [${b.kind}, distance ${b.distance}]`,
    ),
    12,
  );
  return out.join('\n');
}

export function formatFill(result: FillResult, textOf: TextOf, cwd?: string): string {
  return [...heading(result.hole, result.expectedType, result.unresolved, textOf, cwd), ...fillLines(result)].join(
    '\n',
  );
}

/** What the engine did, then the fills of a hole, best first, each with its type, score and why it fits. */
export function fillLines(result: FillResult): string[] {
  const { generated, checked, rejected, ms, timedOut } = result.stats;
  const effort =
    `generated ${generated}, checked ${checked}, rejected ${rejected}, in ${ms} ms` +
    (timedOut ? ', deadline reached' : '');
  if (!result.fills.length) return [`  fills: none that type-checks (${effort})`];
  return [
    `  fills (${effort}):`,
    ...result.fills.map((fill, i) => {
      const notes = [fill.rationale, `score ${fill.score}`];
      if (fill.holes) notes.push(`leaves ${fill.holes} ${fill.holes === 1 ? 'hole' : 'holes'}`);
      if (!fill.verified) notes.push(result.unresolved ? 'not verified' : 'does not type-check');
      return `    ${i + 1}. ${fill.text}: ${fill.type}    [${notes.join('; ')}]`;
    }),
  ];
}

export function formatHoles(file: string, holes: HoleSummary[], textOf: TextOf, cwd?: string): string {
  if (!holes.length) return `${path.relative(cwd ?? process.cwd(), file)}: no holes`;
  return holes.map((h) => `${where(h.hole, textOf, cwd)}  hole: expected ${h.expectedType ?? 'any type'}`).join('\n');
}

function section(out: string[], title: string, lines: string[], limit = 8): void {
  if (!lines.length) return;
  out.push(`  ${title} (${lines.length}):`);
  for (const line of lines.slice(0, limit))
    out.push(...line.split('\n').map((l, i) => (i === 0 ? '    ' : '      ') + l));
  if (lines.length > limit) out.push(`    … ${lines.length - limit} more`);
}
