import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { sampleSites, sitesOf } from '../../../bench/lib/sites.js';

const TSX = `const name = 'Ada';
const tagged = css\`color: \${name}\`;
export const greeting = \`Hello \${name}!\`;
export const view = <p title={name} onClick={() => name}>{name} says {greeting}</p>;
`;

const source = ts.createSourceFile('view.tsx', TSX, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
const truths = (kinds: Parameters<typeof sitesOf>[1]) =>
  sitesOf(source, kinds).map((s) => `${s.kind} ${s.node.getText()}`);

describe('bench sites', () => {
  test('by default the five kinds of expression and member sites, none in templates or JSX', () => {
    expect(truths(undefined)).toEqual([
      "initializer 'Ada'",
      'initializer css`color: ${name}`',
      'initializer `Hello ${name}!`',
      'initializer <p title={name} onClick={() => name}>{name} says {greeting}</p>',
    ]);
  });

  test("asked for: an untagged template literal's spans, JSX attribute values and children", () => {
    const truthsThere = truths(['template', 'jsx']);
    expect(truthsThere).toEqual(['template name', 'jsx name', 'jsx () => name', 'jsx name', 'jsx greeting']);
  });

  test('sampled evenly from the kinds asked for', () => {
    expect(sampleSites([source], 1, 1, ['template', 'jsx']).map((s) => s.kind)).toEqual(['template', 'jsx']);
  });
});
