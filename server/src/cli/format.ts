import * as path from 'node:path';
import type { HoleContext, HoleSummary, SourceRef } from '../holes/types.js';
import { lineColumnOf } from './location.js';

/** Human-readable output of the CLI; `--json` prints the plain data instead. */
export type TextOf = (file: string) => string;

export function where(ref: SourceRef, textOf: TextOf, cwd = process.cwd()): string {
  const { line, column } = lineColumnOf(textOf(ref.file), ref.start);
  return `${path.relative(cwd, ref.file) || ref.file}:${line}:${column}`;
}

export function formatContext(ctx: HoleContext, textOf: TextOf, cwd?: string): string {
  const out: string[] = [];
  const hole = textOf(ctx.hole.file).slice(ctx.hole.start, ctx.hole.end);
  out.push(`${ctx.hole.kind} hole ${hole ? `\`${hole}\` ` : ''}at ${where(ctx.hole, textOf, cwd)}`);
  out.push(`  expected type: ${ctx.expectedType?.text ?? '(none: nothing constrains this hole)'}`);
  if (ctx.enclosing) out.push(`  inside: ${ctx.enclosing.signature}`);
  if (ctx.receiver) out.push(`  receiver: ${ctx.receiver.text}: ${ctx.receiver.type} (${ctx.receiver.members.length} members)`);
  section(out, 'relevant headers', ctx.relevantHeaders.map((h) => `${h.signature}    [${h.reason}; ${h.score}]`));
  section(out, 'relevant types', ctx.relevantTypes.map((t) => (t.text === t.name ? `${t.name}    [${t.reason}]` : `${t.text}    [${t.reason}]`)));
  section(out, 'bindings', ctx.bindings.map((b) => `${b.name}${b.type === undefined ? '' : `: ${b.type}`}    [${b.kind}, distance ${b.distance}]`), 12);
  return out.join('\n');
}

export function formatHoles(file: string, holes: HoleSummary[], textOf: TextOf, cwd?: string): string {
  if (!holes.length) return `${path.relative(cwd ?? process.cwd(), file)}: no holes`;
  return holes.map((h) => `${where(h.hole, textOf, cwd)}  hole: expected ${h.expectedType ?? 'any type'}`).join('\n');
}

function section(out: string[], title: string, lines: string[], limit = 8): void {
  if (!lines.length) return;
  out.push(`  ${title} (${lines.length}):`);
  for (const line of lines.slice(0, limit)) out.push(...line.split('\n').map((l, i) => (i === 0 ? '    ' : '      ') + l));
  if (lines.length > limit) out.push(`    … ${lines.length - limit} more`);
}
