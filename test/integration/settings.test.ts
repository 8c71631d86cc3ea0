import { describe, expect, test } from 'vitest';
import { MessageType, ShowMessageParams } from 'vscode-languageserver-protocol';
import type { RelevantHeaderItem } from '../../protocol/index.js';
import type { StartOptions } from '../helpers/lspClient.js';
import { atShopHole, expectStillServing, Served, serveProject, SHOP } from '../helpers/shop.js';

/** A server on SHOP with main.ts open, its settings pulled, and a way to count the headers at a hole. */
async function serveShop(options: Omit<StartOptions, 'root'>) {
  const served = await serveProject(SHOP, options);
  await served.client.waitForServerRequest('workspace/configuration');
  const main = await served.open('src/main.ts');
  const headers = () =>
    served.client.request<RelevantHeaderItem[]>(
      'textDocument/relevantHeaders',
      atShopHole(served.client, main, 'owner'),
    );
  return { served, headers };
}

const settingsWarning = (served: Served) =>
  served.client.waitForNotification<ShowMessageParams>(
    'window/showMessage',
    (m) => m.type === MessageType.Warning && m.message.startsWith('Spackle settings'),
  );

describe.concurrent('settings', () => {
  test('initializationOptions: maxHeaders limits the headers, logLevel debug sends debug logs', async () => {
    const { served, headers } = await serveShop({
      initializationOptions: { logLevel: 'debug', context: { maxHeaders: 1 } },
    });
    expect(await headers()).toHaveLength(1);
    await served.client.requestError('textDocument/expectedType', { textDocument: { uri: served.uri('src/main.ts') } });
    await served.client.waitForNotification(
      'window/logMessage',
      (m) => m.type === MessageType.Log && m.message.includes('textDocument/expectedType'),
    );
    await served.dispose();
  });

  test('an invalid initializationOption: a warning names the setting and why; the rest applies; serves', async () => {
    const { served, headers } = await serveShop({
      initializationOptions: { logLevel: 'loud', context: { maxHeaders: 1 } },
    });
    const warning = await settingsWarning(served);
    expect(warning.message).toContain('spackle.logLevel must be one of error, warn, info, debug');
    expect(await headers()).toHaveLength(1);
    await expectStillServing(served);
    await served.dispose();
  });

  test('settings pulled with workspace/configuration apply, and invalid ones are reported', async () => {
    const { served, headers } = await serveShop({ configuration: { context: { maxHeaders: 1, typeTokens: 'many' } } });
    const warning = await settingsWarning(served);
    expect(warning.message).toContain('spackle.context.typeTokens must be an integer from 0 to 32768');
    expect(await headers()).toHaveLength(1);
    await served.dispose();
  });

  test('settings pushed by didChangeConfiguration apply; one without (VS Code) makes the server pull', async () => {
    const { served, headers } = await serveShop({});
    const defaults = await headers();
    expect(defaults.length).toBeGreaterThan(1);
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { spackle: { context: { maxHeaders: 1 } } },
    });
    expect(await headers()).toHaveLength(1);
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { spackle: {} } });
    expect(await headers(), 'a setting removed from the configuration returns to its default').toEqual(defaults);

    served.client.configuration = { context: { maxHeaders: 2 } };
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await served.client.waitFor(
      'a second configuration request',
      () => served.client.serverRequests.filter((r) => r.method === 'workspace/configuration')[1],
    );
    expect(await headers()).toHaveLength(2);
    await served.dispose();
  });

  test('settings nested 4,000 deep, pushed or in initializationOptions: unknown ones ignored, it serves', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 4000; i++) deep = { x: deep };
    const { served, headers } = await serveShop({ initializationOptions: { context: { maxHeaders: 1 }, deep } });
    expect(await headers()).toHaveLength(1);
    await served.client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { spackle: { context: { maxHeaders: deep }, deep } },
    });
    const warning = await settingsWarning(served);
    expect(warning.message).toContain('spackle.context.maxHeaders must be an integer');
    expect(await headers()).toHaveLength(1);
    await expectStillServing(served);
    await served.dispose();
  });
});
