// How fills look in an editor: pure functions of a fill (or a model's code completion), shared by completion, inline
// completion and code actions.
import { CompletionItemKind, MarkupContent, MarkupKind } from 'vscode-languageserver/node';
import type { Candidate, CandidateForm, CodeCompletion, HoleKind, Unresolved } from '../analysis.js';

const KIND_OF: Record<CandidateForm, CompletionItemKind> = {
  binding: CompletionItemKind.Variable,
  member: CompletionItemKind.Field,
  literal: CompletionItemKind.Value,
  call: CompletionItemKind.Function,
  new: CompletionItemKind.Constructor,
  // `await x`, `null` and `undefined` start with a keyword.
  await: CompletionItemKind.Keyword,
  nullish: CompletionItemKind.Keyword,
  array: CompletionItemKind.Value,
  object: CompletionItemKind.Struct,
  arrow: CompletionItemKind.Function,
};

export function completionKindOf(form: CandidateForm): CompletionItemKind {
  return KIND_OF[form];
}

/**
 * Where a fill sorts among the TypeScript server's items in the same list: tsserver's sortText starts with a digit
 * from 1 ("11" locals, "15" globals…) or with "z" (deprecated), so verified fills ("0000…") come before all of its
 * items, in our rank order, and fills that do not type-check (lenient mode) after them ("9999…").
 */
export function sortTextOf(rank: number, verified: boolean): string {
  return `${verified ? '0000' : '9999'}${String(rank).padStart(3, '0')}`;
}

/**
 * Editors filter an item by the document's text from its edit range's start to the cursor. At an explicit hole that
 * text is part of the hole (`_(` when the cursor is inside `_()`), so the hole's text goes in front; at a cursor hole
 * it is the identifier typed so far, which the fill replaces.
 */
export function filterTextOf(kind: HoleKind, holeText: string, fill: string): string {
  return kind === 'explicit' ? holeText + fill : fill;
}

/** Why a fill fits: its rationale, whether it type-checks, and the holes it leaves. */
export function documentationOf(
  fill: Candidate & { verified: boolean },
  expectedType: string | undefined,
  markdown: boolean,
  unresolved?: Unresolved,
): MarkupContent {
  const code = markdown ? codeSpan : (text: string) => text;
  const checked = unresolved
    ? `Not verified: ${unverifiedBecause(unresolved, code)}.`
    : fill.verified
      ? `Type-checks in place${expectedType ? ` as ${code(expectedType)}` : ''}.`
      : 'Does not type-check in place (lenient mode).';
  const lines = [markdown ? escapeMarkdown(fill.rationale) : fill.rationale, checked];
  if (fill.holes) lines.push(`Leaves ${fill.holes} ${fill.holes === 1 ? 'hole' : 'holes'} ${code('_()')} to fill.`);
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: lines.join('\n\n') };
}

/** A model's code completion: the code in full, who wrote it and what made it hold, whether it type-checks. */
export function completionDocumentation(completion: CodeCompletion, markdown: boolean): MarkupContent {
  const checked = completion.verified
    ? 'Type-checks in place.'
    : `Does not type-check in place (lenient mode): ${completion.errors.join(' ')}`;
  const code = completion.text.replace(/^\r?\n/, '');
  const lines = markdown
    ? [`\`\`\`typescript\n${code}\n\`\`\``, escapeMarkdown(completion.rationale), escapeMarkdown(checked)]
    : [code, completion.rationale, checked];
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: lines.join('\n\n') };
}

/** Why nothing can be checked against the expected type. */
export function unverifiedBecause(unresolved: Unresolved, code: (text: string) => string = (text) => text): string {
  return `the type ${code(unresolved.type)} does not resolve (${unresolved.why})`;
}

const TITLE_CHARS = 60;

/** A code action's title: one line, long fills cut; a fill that could not be checked says so. */
export function fillActionTitle(fill: string, unresolved?: Unresolved): string {
  const line = fill.replace(/\s+/g, ' ');
  const title = `Fill hole with \`${line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line}\``;
  return unresolved ? `${title} (unverified: ${unresolved.type} does not resolve)` : title;
}

/** Text shown literally in markdown (rationales hold types like `Promise<T>`, which would read as HTML). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

/** Inline code that survives backticks in the text (template literal types). */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}
