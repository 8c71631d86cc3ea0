import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, InlineCompletionList } from 'vscode-languageserver-protocol/node';
import { UNHURRIED } from '../helpers/fillProject.js';
import { Served, serveProject } from '../helpers/shop.js';

/** A React 19 component, as a user has it: React's types installed. */
const CART = `import { useState } from 'react';

export function Cart({ owner, items }: { owner: string; items: string[] }) {
  const [open, setOpen] = useState(false);
  const count = items.length;
  return (
    <section title={owner}>
      <button onClick={() => setOpen(!open)}>Items in your cart: co</button>
      <p>{co}</p>
    </section>
  );
}
`;

describe('JSX text is no hole', () => {
  let served: Served;
  let uri: string;
  beforeAll(async () => {
    served = await serveProject({ 'src/Cart.tsx': CART }, UNHURRIED, { packages: true });
    uri = await served.open('src/Cart.tsx', 'typescriptreact');
  });
  afterAll(() => served.dispose());

  const textAfter = (needle: string) => served.client.at(uri, needle, needle.length);

  test('completion in the text between tags: an empty list, not names to insert as text', async () => {
    const list = await served.client.request<CompletionList>('textDocument/completion', textAfter('your cart: co'));
    expect(list).toEqual({ isIncomplete: false, items: [] });
  });

  test('no ghost text there either, and the fill command says there is no hole', async () => {
    const params = { ...textAfter('your cart: co'), context: { triggerKind: 2 } };
    const inline = await served.client.request<InlineCompletionList>('textDocument/inlineCompletion', params);
    expect(inline.items).toEqual([]);
    const { textDocument, position } = textAfter('your cart: co');
    const command = { command: 'spackle.fillHole', arguments: [{ uri: textDocument.uri, position }] };
    const error = await served.client.requestError('workspace/executeCommand', command);
    expect(error.message).toMatch(/no hole here/);
  });

  test('in a child expression `{co|}` the same word is a hole: the number it can show', async () => {
    const list = await served.client.request<CompletionList>('textDocument/completion', textAfter('<p>{co'));
    expect(list.items.map((item) => item.label)).toContain('count');
  });
});
