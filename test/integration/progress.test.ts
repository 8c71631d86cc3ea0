import { describe, expect, test } from 'vitest';
import { CLIENT_CAPABILITIES } from '../helpers/lspClient.js';
import { serveProject, SHOP } from '../helpers/shop.js';

describe.concurrent('work-done progress while a project loads', () => {
  test('didOpen of the first file of a project reports begin, then end, around the load', async () => {
    const served = await serveProject(SHOP);
    const { client } = served;
    const main = await served.open('src/main.ts');
    const created = await client.waitForServerRequest('window/workDoneProgress/create');
    const token = created.params.token;
    await client.waitForNotification('$/progress', (p) => p.token === token && p.value.kind === 'end');

    const index = (predicate: (n: { method: string; params: any }) => boolean) => client.received.findIndex(predicate);
    const begin = index(
      (n) => n.method === '$/progress' && n.params.token === token && n.params.value.kind === 'begin',
    );
    const loaded = index((n) => n.method === 'window/logMessage' && n.params.message.startsWith('loaded '));
    const end = index((n) => n.method === '$/progress' && n.params.token === token && n.params.value.kind === 'end');
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(client.received[begin].params.value).toMatchObject({
      title: 'Spackle',
      message: expect.stringContaining('Loading'),
    });
    expect(loaded).toBeGreaterThan(begin);
    expect(end).toBeGreaterThan(loaded);
    await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0);

    await served.open('src/users.ts');
    await client.waitForDiagnostics(served.uri('src/users.ts'), () => true);
    expect(client.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create')).toHaveLength(1);
    await served.dispose();
  });

  test('a client without workDoneProgress gets no progress, and still its diagnostics', async () => {
    const capabilities = { ...CLIENT_CAPABILITIES, window: { workDoneProgress: false } };
    const served = await serveProject(SHOP, { capabilities });
    const main = await served.open('src/main.ts');
    await served.client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0);
    expect(served.client.serverRequests.map((r) => r.method)).not.toContain('window/workDoneProgress/create');
    expect(served.client.notifications('$/progress')).toEqual([]);
    await served.dispose();
  });
});
