import { describe, expect, test } from 'vitest';
import { ErrorCodes, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import type { FillHoleResult, HoleItem } from '../../protocol/index.js';
import { CLIENT_CAPABILITIES } from '../helpers/lspClient.js';
import { FILL_PROJECT, openSpot, Spot, SPOTS, UNHURRIED } from '../helpers/fillProject.js';
import { serveProject, serverForBlock } from '../helpers/shop.js';

describe('the spackle.fillHole command', () => {
  const block = serverForBlock(FILL_PROJECT, 'src/visitor.ts', UNHURRIED);

  const run = (args: unknown[]) =>
    block.client.request<FillHoleResult>('workspace/executeCommand', { command: 'spackle.fillHole', arguments: args });
  const failure = (args: unknown[], command = 'spackle.fillHole') =>
    block.client.requestError('workspace/executeCommand', { command, arguments: args });
  const at = async (where: Spot) => {
    const params = await openSpot(block.served, where);
    return { uri: params.textDocument.uri, position: params.position };
  };

  test('is announced by the server', () => {
    expect(block.client.initializeResult.capabilities.executeCommandProvider?.commands).toContain('spackle.fillHole');
  });

  test('[{ uri, position }] at an explicit hole: the best fill applied by workspace/applyEdit, and said', async () => {
    const { uri, position } = await at(SPOTS.explicit);
    const range = { start: block.client.position(uri, '_()'), end: block.client.position(uri, '_()', 3) };
    const result = await run([{ uri, position }]);
    expect(result).toEqual({ uri, range, text: 'guest', type: 'User' });
    const request = await block.client.waitForServerRequest('workspace/applyEdit');
    expect(request.params.edit).toEqual({ changes: { [uri]: [{ range, newText: 'guest' }] } });
    expect(block.client.text(uri)).toContain('signedIn ?? guest;');
    expect(await block.client.request<HoleItem[]>('spackle/holes', { textDocument: { uri } })).toEqual([]);
  });

  test('[uri, position] at a cursor hole: the identifier typed so far is replaced', async () => {
    const { uri, position } = await at(SPOTS.prefix);
    expect(await run([uri, position])).toMatchObject({ text: 'guest' });
    expect(block.client.text(uri)).toContain('label(guest)');
  });

  test('inside a comment: an error saying there is no hole', async () => {
    const { uri, position } = await at(SPOTS.comment);
    const error = await failure([{ uri, position }]);
    expect(error.code).toBe(ErrorCodes.InvalidParams);
    expect(error.message).toMatch(/^no hole here/);
  });

  test('at a hole nothing fills: an error naming the expected type, and no edit', async () => {
    const { uri, position } = await at(SPOTS.unfillable);
    const before = block.client.text(uri);
    const error = await failure([{ uri, position }]);
    expect(error.code).toBe(LSPErrorCodes.RequestFailed);
    expect(error.message).toBe(
      `no fill of type Vault type-checks at the hole at ${position.line + 1}:${position.character + 1}`,
    );
    expect(block.client.text(uri)).toBe(before);
  });

  test('an editor that refuses the edit: an error with its reason', async () => {
    const { uri, position } = await at(SPOTS.member);
    block.client.appliesEdits = false;
    try {
      const error = await failure([uri, position]);
      expect(error.code).toBe(LSPErrorCodes.RequestFailed);
      expect(error.message).toMatch(/^the editor did not apply the fill (city|street): the test client refuses edits$/);
    } finally {
      block.client.appliesEdits = true;
    }
  });

  test.each([
    ['no arguments', [], /takes \[\{ uri, position \}\] or \[uri, position\]/],
    ['a position of strings', [{ uri: 'URI', position: { line: '1', character: 0 } }], /position must be/],
  ])('bad arguments (%s): InvalidParams', async (_name, args, message) => {
    const uri = block.served.uri(SPOTS.unfillable.file);
    const error = await failure(JSON.parse(JSON.stringify(args).replaceAll('"URI"', JSON.stringify(uri))));
    expect(error.code).toBe(ErrorCodes.InvalidParams);
    expect(error.message).toMatch(message);
  });

  test('an unknown command: InvalidParams', async () => {
    const error = await failure([], 'spackle.fillEverything');
    expect(error.code).toBe(ErrorCodes.InvalidParams);
    expect(error.message).toBe('unknown command "spackle.fillEverything"');
  });
});

test('spackle.fillHole from a client that cannot apply workspace edits: an error saying so', async () => {
  const served = await serveProject(FILL_PROJECT, {
    ...UNHURRIED,
    capabilities: { ...CLIENT_CAPABILITIES, workspace: { ...CLIENT_CAPABILITIES.workspace, applyEdit: false } },
  });
  const { textDocument, position } = await openSpot(served, SPOTS.explicit);
  const error = await served.client.requestError('workspace/executeCommand', {
    command: 'spackle.fillHole',
    arguments: [textDocument.uri, position],
  });
  expect(error).toMatchObject({
    code: LSPErrorCodes.RequestFailed,
    message: 'spackle.fillHole needs a client that applies workspace edits',
  });
  expect(served.client.serverRequests.map((r) => r.method)).not.toContain('workspace/applyEdit');
  await served.dispose();
});
