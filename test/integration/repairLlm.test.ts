import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CancellationTokenSource,
  CodeAction,
  CodeActionTriggerKind,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import type { RepairFileResult } from '../../protocol/index.js';
import { FakeOpenAI, FakeRequest, Reply } from '../helpers/fakeOpenAI.js';
import { fixture } from '../helpers/fixture.js';
import { lineCol, spackle } from '../helpers/cliRun.js';
import { Served, serveProject } from '../helpers/shop.js';
import { typeErrors } from '../helpers/typeCheck.js';

/**
 * The LLM engine as a repair source, over stdio and from the shell: the real `openai` client inside the server, a
 * local OpenAI-compatible server with a scripted model. The model's first answer does not type-check; the error
 * round gives it the compiler's message and the second does.
 */
const PROJECT: Record<string, string> = {
  'src/order.ts': `export interface Order {
  id: string;
  total: number;
}

export function receipt(order: Order): string {
  const amount: string = order.total;
  return order.id + ': ' + amount;
}
`,
};
const WRONG = 'order.total.toFixed';
const RIGHT = 'order.total.toFixed(2)';

let fake: FakeOpenAI;
let script: (request: FakeRequest) => Reply;
beforeAll(async () => {
  fake = await FakeOpenAI.start((request) => script(request));
});
afterAll(() => fake.stop());

/** The scripted model: the method without its call first, the call once told why that is wrong. */
const repairingModel = (r: FakeRequest): Reply => {
  if (r.prefill) return { text: '' };
  const told =
    `${WRONG}\nThat does not type-check:\n- TS2322: ` +
    "Type '(fractionDigits?: number | undefined) => string' is not assignable to type 'string'.";
  return { text: r.prompt.includes(told) ? RIGHT : WRONG };
};

describe('repairs with the LLM engine over stdio', () => {
  let served: Served;
  let uri: string;
  beforeAll(async () => {
    served = await serveProject(PROJECT, {
      initializationOptions: {
        engine: 'llm',
        fill: { deadlineMs: 5000 },
        llm: { baseUrl: fake.baseUrl, model: 'fake-coder', apiKey: 'sk-test', timeoutMs: 2000, deadlineMs: 8000 },
      },
    });
    uri = await served.open('src/order.ts');
  });
  afterAll(() => served.dispose());

  const actionsAt = (needle: string, triggerKind?: CodeActionTriggerKind) => {
    const range = {
      start: served.client.position(uri, needle),
      end: served.client.position(uri, needle, needle.length),
    };
    return served.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], triggerKind },
    });
  };

  test("code actions: the model's repair leads, verified after a round told it the compiler's message", async () => {
    script = repairingModel;
    const before = fake.requests.length;
    const actions = await actionsAt('amount: string', CodeActionTriggerKind.Invoked);
    expect(actions[0]).toMatchObject({
      title: `Spackle: replace \`order.total\` with \`${RIGHT}\``,
      isPreferred: true,
    });
    const edits = actions[0].edit!.changes![uri];
    expect(edits.map((e) => e.newText)).toEqual(['.toFixed(2)']);
    const asked = fake.requests.slice(before);
    expect(asked).toHaveLength(2);
    // The conversation starts from the erroneous text and the target error, with the hole's context.
    expect(asked[0].prompt).toContain(
      "order.total\nThat does not type-check:\n- TS2322: Type 'number' is not assignable to type 'string'.",
    );
    expect(asked[0].prompt).toContain('<HOLE>');
    expect(asked[0].prompt).toContain('interface Order');
    // The embedded engine's repairs follow.
    expect(actions.length).toBeGreaterThan(1);
  });

  test('code actions the editor asks for on its own (a light bulb) do not ask the model', async () => {
    script = repairingModel;
    const before = fake.requests.length;
    const actions = await actionsAt('amount: string', CodeActionTriggerKind.Automatic);
    expect(fake.requests.length).toBe(before);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((a) => a.title)).not.toContain(`Spackle: replace \`order.total\` with \`${RIGHT}\``);
  });

  test('a model that fails: the embedded repairs, and the server keeps serving', async () => {
    script = () => ({ fault: { kind: 'status', status: 500 } });
    const actions = await actionsAt('amount: string', CodeActionTriggerKind.Invoked);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((a) => a.title)).not.toContain(`Spackle: replace \`order.total\` with \`${RIGHT}\``);
    script = repairingModel;
    expect((await actionsAt('amount: string'))[0].title).toContain(RIGHT);
  });

  test('$/cancelRequest while the model is slow: RequestCancelled at once, and the server still serves', async () => {
    script = () => ({ text: RIGHT, fault: { kind: 'slowFirstByte', ms: 5000 } });
    const cancel = new CancellationTokenSource();
    const range = { start: served.client.position(uri, 'amount'), end: served.client.position(uri, 'amount') };
    const pending = served.client.connection.sendRequest(
      'textDocument/codeAction',
      { textDocument: { uri }, range, context: { diagnostics: [] } },
      cancel.token,
    );
    setTimeout(() => cancel.cancel(), 300);
    const started = performance.now();
    const outcome = await pending.then(
      () => undefined,
      (error: ResponseError<unknown>) => error,
    );
    expect(outcome?.code).toBe(LSPErrorCodes.RequestCancelled);
    expect(performance.now() - started).toBeLessThan(2000);
    script = repairingModel;
    expect((await actionsAt('amount: string'))[0].title).toContain(RIGHT);
  });

  test('answers that never type-check are not offered', async () => {
    // Names the monitors allow, a type they cannot judge: each round is rejected by the checker.
    script = (r) => ({ text: r.prefill ? '' : 'order.total * 2' });
    const before = fake.requests.length;
    const actions = await actionsAt('amount: string');
    expect(fake.requests.length - before).toBe(3);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((a) => a.title).join('\n')).not.toContain('* 2');
  });

  test("spackle.repairFile applies the model's repair", async () => {
    script = repairingModel;
    const result = await served.client.request<RepairFileResult>('workspace/executeCommand', {
      command: 'spackle.repairFile',
      arguments: [{ uri }],
    });
    expect(result.fixed.map((f) => f.description)).toEqual([`replace \`order.total\` with \`${RIGHT}\``]);
    expect(served.client.text(uri)).toContain(`const amount: string = ${RIGHT};`);
    expect(typeErrors(served.project.dir, fileURLToPath(uri), served.client.text(uri))).toEqual([]);
  });
});

describe('spackle repair with the LLM engine', () => {
  test("--engine llm --base-url --model: the model's repair, in JSON with its source", async () => {
    const project = fixture(PROJECT);
    try {
      script = repairingModel;
      const run = await spackle(
        ['repair', 'src/order.ts', '--engine', 'llm', '--base-url', fake.baseUrl, '--model', 'cli-coder', '--json'],
        project.dir,
      );
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const result = JSON.parse(run.stdout);
      expect(result.fixed).toEqual([
        expect.objectContaining({
          text: RIGHT,
          source: 'cli-coder',
          rationale: 'proposed by cli-coder, verified after 1 error round',
        }),
      ]);
      const down = await spackle(
        ['repair', 'src/order.ts', '--engine', 'llm', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm'],
        project.dir,
      );
      expect(down.code).toBe(0);
      expect(down.stdout).toContain(
        `${'src/order.ts'}:${lineCol(project.text('src/order.ts'), project.offsetOf('src/order.ts', 'amount'))}`,
      );
    } finally {
      project.dispose();
    }
  });
});
