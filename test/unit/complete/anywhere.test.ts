import { describe, expect, test } from 'vitest';
import { CodeCompletion, completeAt, cursorTakes } from '../../../server/src/complete/anywhere.js';
import { Budget } from '../../../server/src/budget.js';
import { Settings, validateSettings } from '../../../server/src/config.js';
import { SpackleError } from '../../../server/src/errors.js';
import { silentLogger } from '../../../server/src/log.js';
import type { FakeRequest, Reply } from '../../helpers/fakeOpenAI.js';
import { scriptedModel } from '../../helpers/scriptedModel.js';
import { alternativesAt } from '../../../bench/lib/scriptedAnswer.js';
import { Fixture, sharedFixture } from '../../helpers/fixture.js';

const MAIN = `import { loadUser, pair, User } from './types';

export async function title(id: number): Promise<string> {
  
}

export function greet(user: User): string {
  const text = pair(user.name, user.email);
  
  return text;
}

export const answer: number = _();
// a comment: no code here
let unfinished =
`;

const project = sharedFixture({
  'src/types.ts': `export interface User { id: number; name: string; email: string }
export declare function loadUser(id: number): Promise<User>;
export declare function pair(a: string, b: string): string;
`,
  'src/main.ts': MAIN,
});

/** Where the cursor goes: the empty line of `title`'s body, the empty line among `greet`'s statements. */
const BODY = 'Promise<string> {\n  ';
const STATEMENT = 'user.email);\n  ';

const model = scriptedModel();

let models = 0;
function settingsFor(llm: Record<string, unknown> = {}, mode: 'strict' | 'lenient' = 'strict'): Settings {
  const { settings, problems } = validateSettings({
    engine: 'llm',
    fill: { mode },
    llm: { baseUrl: model().baseUrl, model: `fake-${++models}`, timeoutMs: 2000, deadlineMs: 8000, ...llm },
  });
  expect(problems).toEqual([]);
  return settings;
}

/** A server that honours no constraint and gives no logprobs: corrections come from the ranking. */
const BLACK_BOX = { capabilities: { guidedChoice: false, grammar: false, logprobs: false, logitBias: false } };

/** The fake answers `replies` in turn (the last one again after them). */
function answering(...replies: Array<Reply | ((request: FakeRequest) => Reply)>): void {
  const fake = model();
  fake.options = {};
  fake.requests.length = 0;
  fake.script = (request) => {
    const reply = replies[Math.min(request.index, replies.length - 1)];
    return typeof reply === 'function' ? reply(request) : reply;
  };
}

function offsetAfter(f: Fixture, text: string): number {
  return f.offsetOf('src/main.ts', `${text}/*|*/`);
}

async function complete(after: string, settings: Settings): Promise<CodeCompletion> {
  return completeIn(project(), 'src/main.ts', `${after}/*|*/`, settings);
}

/** The completion at the cursor `marked` places (its `|` mark) in the fixture's file `name`. */
async function completeIn(f: Fixture, name: string, marked: string, settings = settingsFor()): Promise<CodeCompletion> {
  const file = f.file(name);
  const offset = f.offsetOf(name, marked);
  const takes = cursorTakes(f.workspace.snapshot(file), offset);
  if (takes?.kind !== 'code') throw new Error(`no code completes the cursor at ${marked}`);
  return completeAt(
    { workspace: f.workspace, file, offset, settings, logger: silentLogger },
    takes.hole,
    takes.site,
    Budget.unlimited,
  );
}

describe('what the cursor takes', () => {
  test('a hole, or an expression of a known type, takes fills; elsewhere in code, code; nothing in a comment', () => {
    const f = project();
    const snapshot = f.workspace.snapshot(f.file('src/main.ts'));
    expect(cursorTakes(snapshot, f.offsetOf('src/main.ts', '_(/*|*/)'))).toEqual({ kind: 'fill' });
    expect(cursorTakes(snapshot, offsetAfter(f, '  return '))).toEqual({ kind: 'fill' });
    expect(cursorTakes(snapshot, offsetAfter(f, BODY))).toMatchObject({ kind: 'code', site: { shape: 'body' } });
    expect(cursorTakes(snapshot, offsetAfter(f, STATEMENT))).toMatchObject({
      kind: 'code',
      site: { shape: 'statement' },
    });
    expect(cursorTakes(snapshot, offsetAfter(f, 'const text = '))).toMatchObject({
      kind: 'code',
      site: { shape: 'line' },
    });
    expect(() => cursorTakes(snapshot, offsetAfter(f, '// a comment'))).toThrow(SpackleError);
  });
});

describe('completion anywhere', () => {
  test("a body that type-checks is shown as the model wrote it, the place's context in the prompt", async () => {
    answering({ text: 'const user = await loadUser(id);\n  return user.name;\n}' });
    const completion = await complete(BODY, settingsFor());
    expect(completion).toMatchObject({
      text: 'const user = await loadUser(id);\n  return user.name;',
      verified: true,
      report: { shape: 'body', rounds: 0, cut: false },
    });
    const prompt = model().requests[0].prompt;
    expect(prompt).toContain('Enclosing: export async function title(id: number): Promise<string>');
    expect(prompt).toContain('interface User');
    expect(prompt).toContain('Promise<string> {\n  <HOLE>\n}');
    expect(model().requests[0].body.max_tokens).toBe(256);
  });

  test('the lines the model has written are checked while it writes on, each text once', async () => {
    answering({ text: 'const user = await loadUser(id);\n  const name = user.name;\n  return name;\n}' });
    const completion = await complete(BODY, settingsFor());
    expect(completion).toMatchObject({ verified: true, report: { rounds: 0, checkedAhead: 3 } });
  });

  test('the monitors correct a member of a name the completion declares, while the model streams', async () => {
    answering((r) =>
      r.prefill
        ? { text: ';\n  return user.name;\n}' }
        : { text: 'const user = await loadUser(id);\n  const n = user.nmae;\n  return n;\n}' },
    );
    const completion = await complete(BODY, settingsFor(BLACK_BOX));
    expect(completion.text).toBe('const user = await loadUser(id);\n  const n = user.name;\n  return user.name;');
    expect(completion.report.interventions).toMatchObject([
      { monitor: 'dereference', trigger: 'user.', chosen: 'name', strategy: 'ranker' },
    ]);
  });

  test('a model that goes on spelling the name it meant after a correction: the chosen name stands', async () => {
    answering((r) =>
      r.prefill ? { text: 'ae;\n}' } : { text: 'const user = await loadUser(id);\n  return user.nmae;\n}' },
    );
    const completion = await complete(BODY, settingsFor(BLACK_BOX));
    expect(completion.text).toBe('const user = await loadUser(id);\n  return user.name;');
    expect(completion.report.interventions).toMatchObject([{ monitor: 'dereference', chosen: 'name' }]);
  });

  test('a model that writes again what was just corrected is left to the checks and error rounds', async () => {
    answering((r) =>
      r.prefill ? { text: ');' } : { text: r.index === 0 ? 'const u = loadUser();' : 'const u = loadUser(user.id);' },
    );
    const completion = await complete(STATEMENT, settingsFor(BLACK_BOX));
    expect(completion.text).toBe('const u = loadUser(user.id);');
    expect(completion.report).toMatchObject({ rounds: 1, interventions: [{ monitor: 'arity', rejected: ')' }] });
  });

  test('a call closed before its argument takes the argument the model weighed there (top logprobs)', async () => {
    const raw = 'const u = loadUser();';
    const truth = 'const u = loadUser(user.id);';
    answering((r) =>
      r.prefill
        ? { text: (raw.startsWith(r.prefill) ? raw : truth).slice(r.prefill.length) }
        : { text: raw, alternatives: alternativesAt(raw, truth, raw.indexOf(')')) },
    );
    model().options = { supports: { logprobs: true } };
    const completion = await complete(STATEMENT, settingsFor());
    expect(completion.text).toBe(truth);
    expect(completion.report).toMatchObject({
      rounds: 0,
      interventions: [{ monitor: 'arity', rejected: ')', strategy: 'logprobs' }],
    });
  });

  test('the arity monitor closes a call at the argument too many', async () => {
    answering((r) => (r.prefill ? { text: ';' } : { text: 'const label = pair(user.name, user.email, user.name);' }));
    const completion = await complete(STATEMENT, settingsFor(BLACK_BOX));
    expect(completion.text).toBe('const label = pair(user.name, user.email);');
    expect(completion.report.interventions).toMatchObject([
      { monitor: 'arity', rejected: ',', chosen: ')', strategy: 'only' },
    ]);
  });

  test("an answer adding an error goes back with the compiler's message and its line; the next is shown", async () => {
    answering(
      { text: 'const user = await loadUser(id);\n  return user.id;' },
      { text: 'const user = await loadUser(id);\n  return String(user.id);' },
    );
    const completion = await complete(BODY, settingsFor());
    expect(completion).toMatchObject({
      text: 'const user = await loadUser(id);\n  return String(user.id);',
      verified: true,
      report: { rounds: 1, requests: 2 },
    });
    expect(completion.report.answers[0].errors).toEqual([
      expect.stringContaining("Type 'number' is not assignable to type 'string'"),
    ]);
    const feedback = model().requests[1].body.messages.at(-1).content;
    expect(feedback).toMatch(/not assignable to type 'string'.*\(line 2 of the completion\)/);
  });

  test('when no answer type-checks, the longest prefix of whole lines that adds no error', async () => {
    answering({ text: 'const user = await loadUser(id);\n  console.log(user.name);\n  return user.id;' });
    const completion = await complete(BODY, settingsFor());
    expect(completion).toMatchObject({
      text: 'const user = await loadUser(id);\n  console.log(user.name);',
      verified: true,
      report: { rounds: 2, cut: true },
    });
  });

  test('nothing when not even the first line holds; in lenient mode the answer, marked unverified', async () => {
    answering({ text: 'return id;' });
    expect(await complete(BODY, settingsFor())).toMatchObject({
      text: '',
      verified: false,
      report: { failure: expect.stringContaining('no answer type-checks') },
    });
    answering({ text: 'return id;' });
    const lenient = await complete(BODY, settingsFor({}, 'lenient'));
    expect(lenient).toMatchObject({
      text: 'return id;',
      verified: false,
      errors: [expect.stringContaining("'number' is not assignable")],
    });
  });

  test("the document's own errors (its unfinished last line) are not the completion's", async () => {
    answering({ text: 'console.log(text.length);' });
    expect(await complete(STATEMENT, settingsFor())).toMatchObject({
      text: 'console.log(text.length);',
      verified: true,
    });
  });

  test('the rest of a line', async () => {
    answering({ text: 'user.name.toUpperCase();\n  return text;' });
    const completion = await complete('const text = ', settingsFor());
    expect(completion).toMatchObject({ text: 'user.name.toUpperCase();', verified: true, report: { shape: 'line' } });
  });

  test('with llm.multiline off, one line only', async () => {
    answering({ text: 'const user = await loadUser(id);\n  return user.name;' });
    const completion = await complete(BODY, settingsFor({ multiline: false, api: 'completions' }));
    expect(completion).toMatchObject({ text: 'const user = await loadUser(id);', verified: true });
    expect(model().requests[0].body.stop).toEqual(['\n']);
  });

  test('a model that never answers: nothing, within the deadline', async () => {
    answering({ text: 'return "";', fault: { kind: 'slowFirstByte', ms: 5000 } });
    const started = performance.now();
    const completion = await complete(BODY, settingsFor({ deadlineMs: 1000, timeoutMs: 4000 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(completion).toMatchObject({ text: '', report: { failure: expect.stringMatching(/deadline/) } });
  });
});

describe('completion anywhere in a project that forbids unused names', () => {
  const strictest = sharedFixture({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        noEmit: true,
      },
    }),
    'src/main.ts': 'export function total(xs: number[]): number {\n  \n}\n',
  });

  test('a name the completion declares and never reads is an error it adds', async () => {
    answering(
      { text: 'const unused = xs.length;\n  return xs.reduce((a, b) => a + b, 0);' },
      { text: 'return xs.reduce((a, b) => a + b, 0);' },
    );
    const completion = await completeIn(strictest(), 'src/main.ts', '{\n  /*|*/');
    expect(completion.report.answers[0].errors).toEqual(["'unused' is declared but its value is never read."]);
    expect(completion).toMatchObject({ text: 'return xs.reduce((a, b) => a + b, 0);', verified: true });
  });
});

describe('completion anywhere in a file on an import cycle, or one another file augments', () => {
  const files = sharedFixture({
    'src/a.ts': `import { b } from './b';\nexport const a = 1;\nexport function f(): number {\n  \n}\n`,
    'src/b.ts': `import { a } from './a';\nexport const b = a + 1;\n`,
    'src/boxed.ts': `export interface Box { size: number }\nexport function g(): number {\n  \n}\n`,
    'src/augments.ts': `export {};\ndeclare module './boxed' {\n  interface Box { label: string }\n}\n`,
  });
  const answer = 'const c = a + b;\n  const d = c * 2;\n  return d;\n}';

  test('on a cycle, its lines are checked ahead: the cycle is copied beside each text', async () => {
    answering({ text: answer });
    const completion = await completeIn(files(), 'src/a.ts', 'number {\n  /*|*/');
    expect(completion).toMatchObject({ verified: true, report: { checkedAhead: 3 } });
    expect(completion.text).toBe('const c = a + b;\n  const d = c * 2;\n  return d;');
  });

  test('augmented, its lines are not checked ahead: each check there is a program of its own', async () => {
    answering({ text: 'const c = 2;\n  const d = c * 2;\n  return d;\n}' });
    const completion = await completeIn(files(), 'src/boxed.ts', 'number {\n  /*|*/');
    expect(completion).toMatchObject({ verified: true, report: { checkedAhead: 0 } });
    expect(completion.text).toBe('const c = 2;\n  const d = c * 2;\n  return d;');
  });
});
