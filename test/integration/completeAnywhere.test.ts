import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, InlineCompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { ACCEPTED_UNVERIFIED_COMMAND } from '../../protocol/index.js';
import type { FakeOpenAI, FakeRequest, Reply } from '../helpers/fakeOpenAI.js';
import { CLIENT_CAPABILITIES } from '../helpers/lspClient.js';
import { scriptedModel } from '../helpers/scriptedModel.js';
import { WELCOME, WELCOME_ANSWER, WELCOME_BODY, WELCOME_FILE, welcomeModel } from '../helpers/anywhereProject.js';
import { errorsWith, FILL_PROJECT, openSpot, SPOTS } from '../helpers/fillProject.js';
import { Served, serveProject } from '../helpers/shop.js';

/** The real server over stdio with the LLM engine, a scripted model on a local OpenAI-compatible server. */
const model = scriptedModel();
let script: (request: FakeRequest) => Reply;
let fake: FakeOpenAI;
beforeAll(() => {
  fake = model();
  fake.script = (request) => script(request);
});

const PROJECT = { ...FILL_PROJECT, ...WELCOME };
const settings = (extra: Record<string, unknown> = {}) => ({
  engine: 'llm',
  fill: { deadlineMs: 1000 },
  ...extra,
  llm: { baseUrl: fake.baseUrl, model: 'fake-coder', timeoutMs: 4000, deadlineMs: 8000, ...(extra.llm as object) },
});

function inlineAt(
  served: Served,
  params: { textDocument: { uri: string }; position: unknown },
): Promise<InlineCompletionList> {
  return served.client.request<InlineCompletionList>('textDocument/inlineCompletion', {
    ...params,
    context: { triggerKind: 2 },
  });
}

describe('completion anywhere over stdio', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveProject(PROJECT, { initializationOptions: settings() });
  });
  afterAll(() => served.dispose());

  test('ghost text of a function body, verified in place: accepted, the file type-checks', async () => {
    script = welcomeModel;
    const params = await openSpot(served, WELCOME_BODY);
    const { items } = await inlineAt(served, params);
    expect(items).toEqual([{ insertText: WELCOME_ANSWER, range: { start: params.position, end: params.position } }]);
    expect(errorsWith(served, params.textDocument.uri, [{ range: items[0].range!, newText: WELCOME_ANSWER }])).toEqual(
      [],
    );
  });

  test('typing the first characters of the ghost text: the rest of it, without asking the model again', async () => {
    script = welcomeModel;
    const params = await openSpot(served, WELCOME_BODY);
    await inlineAt(served, params);
    const asked = fake.requests.length;
    const uri = params.textDocument.uri;
    await served.client.edit(uri, [{ range: { start: params.position, end: params.position }, newText: 'const na' }]);
    const typed = {
      textDocument: { uri },
      position: { line: params.position.line, character: params.position.character + 'const na'.length },
    };
    const { items } = await inlineAt(served, typed);
    expect(items.map((i) => i.insertText)).toEqual([WELCOME_ANSWER.slice('const na'.length)]);
    expect(fake.requests.length).toBe(asked);
    await served.client.edit(uri, [{ range: { start: params.position, end: typed.position }, newText: '' }]);
  });

  test('a newer request cancels the older one: at most one model request in flight for the document', async () => {
    const params = await openSpot(served, WELCOME_BODY);
    const first = fake.requests.length;
    // The older request's model is slow to answer; the newer one's is not.
    script = (r) =>
      r.index === first ? { text: 'return "";', fault: { kind: 'slowFirstByte', ms: 3000 } } : welcomeModel(r);
    fake.maxInFlight = fake.inFlight;
    const uri = params.textDocument.uri;
    await served.client.edit(uri, [{ range: { start: params.position, end: params.position }, newText: ' ' }]);
    const moved = {
      textDocument: { uri },
      position: { line: params.position.line, character: params.position.character + 1 },
    };
    const older = inlineAt(served, moved);
    await served.client.waitFor('the model asked', () => fake.requests.length > first || undefined);
    await served.client.edit(uri, [{ range: { start: params.position, end: moved.position }, newText: '' }]);
    const newer = await inlineAt(served, params);
    expect((await older).items).toEqual([]);
    expect(newer.items.map((i) => i.insertText)).toEqual([WELCOME_ANSWER]);
    // The older request's model request was dropped before its answer came (within the model's timeout, it would
    // have come), and the newer one was asked only then.
    expect(fake.requests[first].answered).toBe(false);
    expect(fake.maxInFlight).toBe(1);
  });

  test('code that adds an error is not shown; the cursor of a typed expression keeps its fills', async () => {
    script = (r) => (r.prefill ? { text: '' } : { text: 'return user.id;' });
    const params = await openSpot(served, WELCOME_BODY);
    expect((await inlineAt(served, params)).items).toEqual([]);
    script = () => ({ text: 'guest' });
    const explicit = await openSpot(served, SPOTS.explicit);
    expect((await inlineAt(served, explicit)).items.map((i) => i.insertText)).toEqual(['guest']);
  });

  test('no ghost text in a comment', async () => {
    script = welcomeModel;
    const asked = fake.requests.length;
    expect(
      (await inlineAt(served, await openSpot(served, { file: WELCOME_FILE, around: 'A /*|*/welcome line' }))).items,
    ).toEqual([]);
    expect(fake.requests.length).toBe(asked);
  });
});

describe('completion anywhere for a client without inline completion', () => {
  let served: Served;
  const { inlineCompletion: _, ...textDocument } = CLIENT_CAPABILITIES.textDocument!;
  beforeAll(async () => {
    served = await serveProject(PROJECT, {
      initializationOptions: settings(),
      capabilities: { ...CLIENT_CAPABILITIES, textDocument },
    });
  });
  afterAll(() => served.dispose());

  test('the code as one completion item: labelled by its first line, its whole edit at the cursor', async () => {
    script = welcomeModel;
    const params = await openSpot(served, WELCOME_BODY);
    const list = await served.client.request<CompletionList>('textDocument/completion', params);
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item).toMatchObject({
      label: 'const name = label(user); …',
      detail: 'type-checks in place',
      textEdit: { newText: WELCOME_ANSWER },
    });
    expect(errorsWith(served, params.textDocument.uri, [item.textEdit as TextEdit])).toEqual([]);
  });
});

describe('completion anywhere in lenient mode, with a server-side debounce', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveProject(PROJECT, {
      initializationOptions: settings({ fill: { mode: 'lenient' }, llm: { debounceMs: 300 } }),
    });
  });
  afterAll(() => served.dispose());

  test('a burst of requests while typing asks the model once, for the last', async () => {
    script = welcomeModel;
    const params = await openSpot(served, WELCOME_BODY);
    const asked = fake.requests.length;
    const uri = params.textDocument.uri;
    const burst = [];
    for (const typed of ['c', 'o']) {
      await served.client.edit(uri, [{ range: { start: params.position, end: params.position }, newText: typed }]);
      burst.push(inlineAt(served, params));
    }
    await served.client.edit(uri, [
      {
        range: { start: params.position, end: { ...params.position, character: params.position.character + 2 } },
        newText: '',
      },
    ]);
    const last = await inlineAt(served, params);
    expect((await Promise.all(burst)).map((l) => l.items)).toEqual([[], []]);
    expect(last.items.map((i) => i.insertText)).toEqual([WELCOME_ANSWER]);
    expect(fake.requests.length).toBe(asked + 1);
  });

  test('unverified code is shown with a command that, once it is accepted, says which errors it adds', async () => {
    script = (r) => (r.prefill ? { text: '' } : { text: 'return user.id;' });
    const params = await openSpot(served, WELCOME_BODY);
    const { items } = await inlineAt(served, params);
    expect(items).toMatchObject([
      {
        insertText: 'return user.id;',
        command: {
          command: ACCEPTED_UNVERIFIED_COMMAND,
          arguments: [{ errors: [expect.stringContaining("'number' is not assignable")] }],
        },
      },
    ]);
    await served.client.request('workspace/executeCommand', items[0].command);
    const shown = await served.client.waitForNotification('window/showMessage', (m: { message: string }) =>
      m.message.includes('you accepted'),
    );
    expect(shown.message).toMatch(
      /^Spackle: the completion you accepted does not type-check: Type 'number' is not assignable/,
    );
  });
});
