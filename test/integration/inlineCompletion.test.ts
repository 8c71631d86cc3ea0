import { describe, expect, test } from 'vitest';
import type { CompletionList, InlineCompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { errorsWith, FILL_PROJECT, openSpot, Spot, SPOTS, UNHURRIED } from '../helpers/fillProject.js';
import { serverForBlock } from '../helpers/shop.js';

describe('textDocument/inlineCompletion offers the best fill as ghost text', () => {
  const block = serverForBlock(FILL_PROJECT, 'src/visitor.ts', UNHURRIED);

  async function inlineAt(where: Spot) {
    const params = await openSpot(block.served, where);
    const list = await block.client.request<InlineCompletionList>('textDocument/inlineCompletion', {
      ...params,
      context: { triggerKind: 2 },
    });
    return { params, uri: params.textDocument.uri, list };
  }

  test('at an explicit hole: the first item, replacing `_()`, shown as `_(` is typed; it type-checks', async () => {
    const { params, uri, list } = await inlineAt(SPOTS.explicit);
    const completion = await block.client.request<CompletionList>('textDocument/completion', params);
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item.insertText).toBe(completion.items[0].label);
    expect(block.client.textAt({ uri, range: item.range! })).toBe('_()');
    expect(item.filterText).toBe(`_()${item.insertText}`);
    expect(errorsWith(block.served, uri, [{ range: item.range!, newText: item.insertText as string }])).toEqual([]);
  });

  test('at a cursor hole with a prefix: the fill that replaces the identifier typed so far', async () => {
    const { uri, list } = await inlineAt(SPOTS.prefix);
    expect(list.items).toHaveLength(1);
    const edit: TextEdit = { range: list.items[0].range!, newText: list.items[0].insertText as string };
    expect(edit.newText).toBe('guest');
    expect(block.client.textAt({ uri, range: edit.range })).toBe('gu');
    expect(errorsWith(block.served, uri, [edit])).toEqual([]);
  });

  test('no ghost text where nothing constrains the cursor, nor inside a comment', async () => {
    expect((await inlineAt(SPOTS.unconstrained)).list.items).toEqual([]);
    expect((await inlineAt(SPOTS.comment)).list.items).toEqual([]);
  });

  test('no ghost text at a hole that nothing fills', async () => {
    expect((await inlineAt(SPOTS.unfillable)).list.items).toEqual([]);
  });
});
