import { describe, expect, it } from 'vitest';
import { CompletionItemKind } from 'vscode-languageserver-protocol';
import {
  codeSpan,
  completionKindOf,
  documentationOf,
  escapeMarkdown,
  fillActionTitle,
  filterTextOf,
  sortTextOf,
} from '../../../server/src/lsp/fillPresentation.js';
import type { Candidate } from '../../../server/src/synth/fillData.js';

const fill = (overrides: Partial<Candidate & { verified: boolean }> = {}) => ({
  text: 'makeUser(_())',
  type: 'User',
  form: 'call' as const,
  score: 3,
  rationale: 'returns Promise<User>',
  holes: 1,
  source: 'embedded' as const,
  verified: true,
  ...overrides,
});

describe('sortTextOf', () => {
  it('puts verified fills before every TypeScript server item, in rank order, and unverified ones after them', () => {
    const tsserver = ['10', '11', '15', '18', 'z15'];
    const ours = [
      sortTextOf(0, true),
      sortTextOf(1, true),
      sortTextOf(10, true),
      sortTextOf(0, false),
      sortTextOf(12, false),
    ];
    const sorted = [...tsserver, ...ours].sort();
    expect(sorted.slice(0, 3)).toEqual(ours.slice(0, 3));
    expect(sorted.slice(3, 7)).toEqual(tsserver.slice(0, 4));
    expect(sorted.slice(7)).toEqual([...ours.slice(3), 'z15'].sort());
    expect(sortTextOf(0, false) < sortTextOf(12, false)).toBe(true);
  });
});

describe('filterTextOf', () => {
  it('at an explicit hole, starts with the hole, so that the `_(` typed before the cursor matches', () => {
    const text = filterTextOf('explicit', '_()', 'guest');
    expect(text).toBe('_()guest');
    for (const typed of ['', '_', '_(', '_()']) expect(text.startsWith(typed)).toBe(true);
  });

  it('at a cursor hole, is the fill, which the typed identifier prefixes', () => {
    expect(filterTextOf('cursor', 'gu', 'guest')).toBe('guest');
  });
});

describe('completionKindOf', () => {
  it('maps forms to the kinds editors draw icons for', () => {
    expect(completionKindOf('binding')).toBe(CompletionItemKind.Variable);
    expect(completionKindOf('member')).toBe(CompletionItemKind.Field);
    expect(completionKindOf('call')).toBe(CompletionItemKind.Function);
    expect(completionKindOf('new')).toBe(CompletionItemKind.Constructor);
    expect(completionKindOf('nullish')).toBe(CompletionItemKind.Keyword);
  });
});

describe('documentationOf', () => {
  it('in markdown: the rationale escaped, the expected type as code, the holes left', () => {
    expect(documentationOf(fill(), 'User', true)).toEqual({
      kind: 'markdown',
      value: 'returns Promise\\<User\\>\n\nType-checks in place as `User`.\n\nLeaves 1 hole `_()` to fill.',
    });
  });

  it('in plain text for clients without markdown; an unverified fill says it does not type-check', () => {
    expect(documentationOf(fill({ verified: false, holes: 0 }), 'User', false)).toEqual({
      kind: 'plaintext',
      value: 'returns Promise<User>\n\nDoes not type-check in place (lenient mode).',
    });
  });

  it('without an expected type, names none', () => {
    expect(documentationOf(fill({ holes: 2 }), undefined, false).value).toBe(
      'returns Promise<User>\n\nType-checks in place.\n\nLeaves 2 holes _() to fill.',
    );
  });
});

describe('fillActionTitle', () => {
  it('quotes the fill on one line, cutting long ones', () => {
    expect(fillActionTitle('guest')).toBe('Fill hole with `guest`');
    expect(fillActionTitle('(a,\n  b) => a')).toBe('Fill hole with `(a, b) => a`');
    const long = fillActionTitle(`{ ${'name: _(), '.repeat(10)}}`);
    expect(long).toMatch(/^Fill hole with `\{ name: _\(\), .*…`$/);
    expect(long.length).toBe('Fill hole with ``'.length + 60);
  });
});

describe('markdown helpers', () => {
  it('escapeMarkdown keeps types from reading as HTML or emphasis', () => {
    expect(escapeMarkdown('Map<string, *_x_*>')).toBe('Map\\<string, \\*\\_x\\_\\*\\>');
  });

  it('codeSpan fences text holding backticks with a longer run', () => {
    expect(codeSpan('User')).toBe('`User`');
    expect(codeSpan('`id-${number}`')).toBe('`` `id-${number}` ``');
    expect(codeSpan('a``b')).toBe('```a``b```');
  });
});
