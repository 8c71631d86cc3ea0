import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO } from '../helpers/lspClient.js';
import { serveProject, SHOP } from '../helpers/shop.js';

const PACKAGE_VERSION = JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')).version;

describe.concurrent('initialize', () => {
  // Hover, completion, inline completion, fill actions and command, incremental sync, the ChatLSP and Spackle methods.
  test('announces its features and the package version; shutdown and exit end with code 0', async () => {
    const client = await LspClient.start();
    const { capabilities, serverInfo } = client.initializeResult;
    expect(capabilities.hoverProvider).toBe(true);
    expect(capabilities.completionProvider).toEqual({ triggerCharacters: ['.'] });
    expect(capabilities.inlineCompletionProvider).toBe(true);
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'], resolveProvider: true });
    expect(capabilities.executeCommandProvider).toEqual({
      commands: ['spackle.fillHole', 'spackle.repairFile', 'spackle.acceptedUnverified'],
    });
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: TextDocumentSyncKind.Incremental });
    expect(capabilities.experimental).toEqual({
      chatLsp: { expectedType: true, relevantTypes: true, relevantHeaders: true },
      spackle: { holeContext: true, holes: true, document: true },
    });
    expect(serverInfo).toEqual({ name: 'spackle', version: PACKAGE_VERSION });
    expect(await client.stop()).toBe(0);
  });

  test('a client without code action literals is not offered code actions it could not read', async () => {
    const client = await LspClient.start({ capabilities: { textDocument: { codeAction: {} } } });
    expect(client.initializeResult.capabilities.codeActionProvider).toBeUndefined();
    expect(await client.stop()).toBe(0);
  });

  test('registers watchers and configuration dynamically, and re-reads the folders when they change', async () => {
    const served = await serveProject(SHOP);
    const { client } = served;
    const registered = await client.waitFor('two registrations', () => {
      const registrations = client.serverRequests
        .filter((r) => r.method === 'client/registerCapability')
        .flatMap((r) => r.params.registrations);
      return registrations.length >= 2 ? registrations : undefined;
    });
    const watchers = registered.find((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles');
    expect(watchers.registerOptions.watchers.map((w: { globPattern: string }) => w.globPattern)).toEqual(
      expect.arrayContaining([expect.stringContaining('ts'), expect.stringContaining('tsconfig')]),
    );
    expect(registered.map((r: { method: string }) => r.method)).toContain('workspace/didChangeConfiguration');

    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: served.uri('src'), name: 'src' }], removed: [] },
    });
    await client.waitForServerRequest('workspace/workspaceFolders');
    await served.dispose();
  });
});

describe.concurrent('shutdown and exit', () => {
  test('exit without shutdown ends the process with code 1, as LSP prescribes', async () => {
    const client = await LspClient.start();
    expect(await client.exit()).toBe(1);
  });

  test('the server exits when its client goes away (stdin closed)', async () => {
    const client = await LspClient.start();
    expect(await client.closeInput()).not.toBeNull();
  });
});
