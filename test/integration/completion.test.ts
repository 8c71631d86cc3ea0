import { describe, expect, test } from 'vitest';
import {
  CancellationTokenSource,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupContent,
  ResponseError,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { errorsWith, openSpot, Spot, SPOTS, UNHURRIED } from '../helpers/fillProject.js';
import { FILL_PROJECT } from '../helpers/fillProject.js';
import { serverForBlock } from '../helpers/shop.js';

describe('textDocument/completion fills holes with code that type-checks', () => {
  const block = serverForBlock(FILL_PROJECT, 'src/visitor.ts', UNHURRIED);

  async function completionAt(where: Spot, context?: unknown) {
    const params = await openSpot(block.served, where);
    const list = await block.client.request<CompletionList>('textDocument/completion', { ...params, context });
    return { ...params, uri: params.textDocument.uri, list };
  }

  /** Each item replaces the spot's hole with its label, and the file then has no errors. */
  function expectFillsOf(where: Spot, uri: string, list: CompletionList) {
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      const edit = item.textEdit as TextEdit;
      expect(block.client.textAt({ uri, range: edit.range })).toBe(where.hole);
      expect(edit.newText).toBe(item.label);
      expect(item.insertTextFormat).toBe(InsertTextFormat.PlainText);
      expect(item.data).toEqual({ source: 'spackle' });
      expect(errorsWith(block.served, uri, [edit]), item.label).toEqual([]);
    }
    const sortTexts = list.items.map((item) => item.sortText!);
    for (const sortText of sortTexts) expect(sortText).toMatch(/^0000\d{3}$/);
    expect(sortTexts).toEqual([...sortTexts].sort());
  }

  test('in an explicit hole `_(|)`: fills of its type replacing `_()`, filtered by the text typed in it', async () => {
    const { uri, position, list } = await completionAt(SPOTS.explicit);
    expectFillsOf(SPOTS.explicit, uri, list);
    const [best] = list.items;
    expect(best).toMatchObject({ label: 'guest', detail: 'User', kind: CompletionItemKind.Variable });
    const typed = block.client.textAt({
      uri,
      range: { start: (best.textEdit as TextEdit).range.start, end: position },
    });
    expect(typed).toBe('_(');
    for (const item of list.items) expect(item.filterText).toBe(`_()${item.label}`);
    const doc = best.documentation as MarkupContent;
    expect(doc.kind).toBe('markdown');
    expect(doc.value).toContain('import of type User');
    expect(doc.value).toContain('Type-checks in place as `User`.');
    expect(list.isIncomplete).toBe(false);
  });

  test('at a cursor hole with a typed prefix: fills replace the identifier; the best leaves no error', async () => {
    const { uri, list } = await completionAt(SPOTS.prefix);
    expectFillsOf(SPOTS.prefix, uri, list);
    expect(list.items[0].label).toBe('guest');
    for (const item of list.items) expect(item.filterText).toBe(item.label);
    expect(list.isIncomplete, 'what is typed next re-ranks the fills').toBe(true);
    await block.client.edit(uri, [list.items[0].textEdit as TextEdit]);
    expect(block.client.text(uri)).toContain('label(guest)');
  });

  test('after `.` (the trigger character): the members of the expected type, inserted at the cursor', async () => {
    const { uri, list } = await completionAt(SPOTS.member, { triggerKind: 2, triggerCharacter: '.' });
    expectFillsOf(SPOTS.member, uri, list);
    expect(list.items.map((item) => item.label).sort()).toEqual(['city', 'street']);
    for (const item of list.items) expect(item).toMatchObject({ detail: 'string', kind: CompletionItemKind.Field });
  });

  test('inside a comment: an empty list, not an error', async () => {
    const { list } = await completionAt(SPOTS.comment);
    expect(list).toEqual({ isIncomplete: false, items: [] });
  });

  test("where no fill type-checks (strict mode): an empty list, leaving the TypeScript server's items", async () => {
    const { list } = await completionAt(SPOTS.unconstrained);
    expect(list.items).toEqual([]);
  });

  test('a completion cancelled at once gets RequestCancelled (or fills, if found first); it serves on', async () => {
    const params = await openSpot(block.served, SPOTS.explicit);
    const cancel = new CancellationTokenSource();
    const pending = block.client.connection.sendRequest<CompletionList>(
      'textDocument/completion',
      params,
      cancel.token,
    );
    cancel.cancel();
    const outcome = await pending.then(
      (list): CompletionList | ResponseError<unknown> => list,
      (error: ResponseError<unknown>) => error,
    );
    if (outcome instanceof ResponseError) expect(outcome.code).toBe(LSPErrorCodes.RequestCancelled);
    else expect(outcome.items[0].label).toBe('guest');
    const again = await block.client.request<CompletionList>('textDocument/completion', params);
    expect(again.items[0].label).toBe('guest');
  });
});
