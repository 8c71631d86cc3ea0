import type { HoleContextResult } from '../../../protocol/index.js';

/** The context of a hole (the `spackle/holeContext` result) as a markdown document. No `vscode` here: Node tests it. */
export function holeContextMarkdown(context: HoleContextResult): string {
  const expected = context.expectedType ? `\`${context.expectedType.text}\`` : 'nothing (no type constrains it)';
  const lines = [`# ${context.hole.kind} hole: expected ${expected}`];
  if (context.receiver) lines.push('', `Member of \`${context.receiver.text}\`: \`${context.receiver.type}\``);
  const sections: Array<[string, string[]]> = [
    ['Relevant types', context.relevantTypes.map((item) => item.text)],
    ['Relevant headers', context.relevantHeaders.map((item) => item.signature)],
  ];
  for (const [title, texts] of sections) {
    lines.push('', `## ${title}`, '');
    lines.push(texts.length ? ['```typescript', ...texts, '```'].join('\n') : 'None.');
  }
  return `${lines.join('\n')}\n`;
}
