import { describe, expect, test } from 'vitest';
import { CompletionList, MarkupContent, MessageType, ShowMessageParams } from 'vscode-languageserver-protocol/node';
import { FILL_PROJECT, openSpot, SPOTS, UNHURRIED, UNHURRIED_FILL } from '../helpers/fillProject.js';
import { serveProject } from '../helpers/shop.js';

describe.concurrent('fill settings', () => {
  test('fill.limit caps the fills offered; a bad fill.mode is reported and the rest applies', async () => {
    const served = await serveProject(FILL_PROJECT, {
      initializationOptions: { fill: { ...UNHURRIED_FILL, limit: 1, mode: 'loose' } },
    });
    const warning = await served.client.waitForNotification<ShowMessageParams>(
      'window/showMessage',
      (m) => m.type === MessageType.Warning,
    );
    expect(warning.message).toBe('Spackle settings: spackle.fill.mode must be one of strict, lenient');
    const list = await served.client.request<CompletionList>(
      'textDocument/completion',
      await openSpot(served, SPOTS.explicit),
    );
    expect(list.items.map((item) => item.label)).toEqual(['guest']);
    await served.dispose();
  });

  test('fill.mode lenient: fills that do not type-check too, after the TypeScript items, saying so', async () => {
    const served = await serveProject(FILL_PROJECT, UNHURRIED);
    const params = await openSpot(served, SPOTS.unconstrained);
    expect((await served.client.request<CompletionList>('textDocument/completion', params)).items).toEqual([]);
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { spackle: { fill: { ...UNHURRIED_FILL, mode: 'lenient' } } },
    });
    const lenient = await served.client.request<CompletionList>('textDocument/completion', params);
    expect(lenient.items.length).toBeGreaterThan(0);
    for (const [rank, item] of lenient.items.entries()) {
      expect(item.sortText).toBe(`9999${String(rank).padStart(3, '0')}`);
      expect((item.documentation as MarkupContent).value).toContain('Does not type-check in place (lenient mode).');
    }
    await served.dispose();
  });
});
