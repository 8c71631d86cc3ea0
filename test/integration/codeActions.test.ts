import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import type { HoleItem } from '../../protocol/index.js';
import { errorsWith, FILL_PROJECT, openSpot, SPOTS, UNHURRIED } from '../helpers/fillProject.js';
import { serverForBlock } from '../helpers/shop.js';

describe('the "Fill hole" code actions', () => {
  const block = serverForBlock(FILL_PROJECT, 'src/visitor.ts', UNHURRIED);

  /** Code actions at the explicit hole of visitor.ts, with the hole's diagnostic as the editor would send it. */
  async function actionsAtHole(only?: string[]) {
    const params = await openSpot(block.served, SPOTS.explicit);
    const uri = params.textDocument.uri;
    const published = await block.client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const range = { start: params.position, end: params.position };
    const actions = await block.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: published.diagnostics, only },
    });
    return { uri, actions, diagnostics: published.diagnostics as Diagnostic[] };
  }

  test('on an explicit hole: up to 3 quick fixes for its diagnostic, best preferred, each type-checks', async () => {
    const { uri, actions, diagnostics } = await actionsAtHole();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(3);
    expect(actions.map((a) => a.isPreferred)).toEqual(actions.map((_, i) => i === 0));
    expect(actions[0].title).toBe('Fill hole with `guest`');
    for (const action of actions) {
      expect(action.kind).toBe('quickfix');
      expect(action.diagnostics).toEqual(diagnostics.filter((d) => d.source === 'spackle'));
      const edits = action.edit!.changes![uri];
      expect(edits).toHaveLength(1);
      expect(block.client.textAt({ uri, range: edits[0].range })).toBe('_()');
      expect(action.title).toBe(`Fill hole with \`${edits[0].newText}\``);
      expect(errorsWith(block.served, uri, edits), action.title).toEqual([]);
    }
  });

  test('only refactorings asked for: no fill actions', async () => {
    expect((await actionsAtHole(['refactor'])).actions).toEqual([]);
  });

  test('off a hole: no actions', async () => {
    const params = await openSpot(block.served, SPOTS.comment);
    const range = { start: params.position, end: params.position };
    expect(
      await block.client.request('textDocument/codeAction', {
        textDocument: params.textDocument,
        range,
        context: { diagnostics: [] },
      }),
    ).toEqual([]);
  });

  test('applying the preferred fill removes the hole', async () => {
    const { uri, actions } = await actionsAtHole();
    await block.client.edit(uri, actions[0].edit!.changes![uri] as TextEdit[]);
    expect(block.client.text(uri)).toContain('signedIn ?? guest');
    expect(await block.client.request<HoleItem[]>('spackle/holes', { textDocument: { uri } })).toEqual([]);
  });
});
