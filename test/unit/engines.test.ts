import { Budget } from '../../server/src/budget.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Settings, validateSettings } from '../../server/src/config.js';
import { EngineResult, fillWithEngine } from '../../server/src/engines.js';
import { SpackleError } from '../../server/src/errors.js';
import { silentLogger } from '../../server/src/log.js';
import { FakeOpenAI, FakeOptions, FakeRequest, Reply } from '../helpers/fakeOpenAI.js';
import { sharedFixture } from '../helpers/fixture.js';

const project = sharedFixture({
  'src/types.ts': `export interface User { id: number; name: string; email: string }
export type Role = 'admin' | 'guest';
`,
  'src/main.ts': `import type { Role, User } from './types';

export function display(user: User): string {
  return _();
}
export function mail(user: User): string {
  return user.;
}
export const role: Role = _();
`,
  'src/secret/vault.ts': `export const token: string = _();
`,
});

let fake: FakeOpenAI;
let script: (request: FakeRequest) => Reply;
beforeAll(async () => {
  fake = await FakeOpenAI.start((request) => script(request));
});
afterAll(() => fake.stop());

let models = 0;
/** Settings for the fake server, a fresh model name each (capabilities are learned per endpoint and model). */
function settingsFor(llm: Record<string, unknown> = {}, engine: Settings['engine'] = 'llm'): Settings {
  const { settings, problems } = validateSettings({
    engine,
    fill: { deadlineMs: 2000 },
    llm: { baseUrl: fake.baseUrl, model: `fake-${++models}`, timeoutMs: 1000, deadlineMs: 8000, ...llm },
  });
  expect(problems).toEqual([]);
  return settings;
}

/** The fake answers `replies` in turn (the last one again after them), with the server options given. */
function answering(options: FakeOptions, ...replies: Array<Reply | ((request: FakeRequest) => Reply)>): void {
  fake.options = options;
  fake.requests.length = 0;
  script = (request) => {
    const reply = replies[Math.min(request.index, replies.length - 1)];
    return typeof reply === 'function' ? reply(request) : reply;
  };
}

function fill(at: string, settings: Settings, file = 'src/main.ts', isCancelled = () => false): Promise<EngineResult> {
  const f = project();
  const offset = f.offsetOf(file, at);
  const request = { workspace: f.workspace, file: f.file(file), offset, settings, limit: 5, logger: silentLogger };
  return fillWithEngine(request, Budget.cancellable(isCancelled));
}

describe('LLM engine', () => {
  test('a fill that type-checks is served as the model gave it', async () => {
    answering({}, { text: 'user.name' });
    const result = await fill('return /*|*/_()', settingsFor());
    expect(result.fills).toEqual([
      expect.objectContaining({ text: 'user.name', type: 'string', source: 'llm', verified: true, form: 'member' }),
    ]);
    expect(result.llm).toMatchObject({ requests: 1, rounds: 0, interventions: [] });
    expect(fake.requests[0].body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    expect(fake.requests[0].prompt).toContain('return <HOLE>;');
  });

  test("a fill that does not type-check: the compiler's message goes back to the model (an error round)", async () => {
    answering({}, { text: 'user.id' }, { text: 'String(user.id)' });
    const result = await fill('return /*|*/_()', settingsFor({ monitors: false }));
    expect(result.fills[0]).toMatchObject({
      text: 'String(user.id)',
      source: 'llm',
      rationale: expect.stringContaining('after 1 error round'),
    });
    expect(result.llm).toMatchObject({
      rounds: 1,
      requests: 2,
      answers: [
        { text: 'user.id', errors: [expect.stringContaining("'number' is not assignable to type 'string'")] },
        { text: 'String(user.id)', errors: [] },
      ],
    });
    const feedback = fake.requests[1].body.messages;
    expect(feedback[feedback.length - 1].content).toContain("Type 'number' is not assignable to type 'string'");
  });

  test("after two failed error rounds, the embedded engine's fills, each saying why", async () => {
    answering({}, { text: 'user.id' });
    const result = await fill('return /*|*/_()', settingsFor({ monitors: false }));
    expect(fake.requests).toHaveLength(3);
    expect(result.fills.length).toBeGreaterThan(0);
    for (const f of result.fills) {
      expect(f.source).toBe('embedded');
      expect(f.rationale).toMatch(/embedded engine; LLM: the model's answers did not type-check after 2 error rounds/);
    }
    expect(result.llm?.fallback).toMatch(/did not type-check/);
  });

  test("engine both: the model's fill first, then the embedded engine's", async () => {
    answering({}, { text: '`${user.name} <${user.email}>`' });
    const result = await fill('return /*|*/_()', settingsFor({}, 'both'));
    expect(result.fills[0]).toMatchObject({ text: '`${user.name} <${user.email}>`', source: 'llm' });
    expect(result.fills.slice(1).map((f) => f.source)).toContain('embedded');
  });

  test('a file matching a deny glob never reaches the model', async () => {
    answering({}, { text: '"leaked"' });
    const result = await fill('_()', settingsFor({ denyGlobs: ['src/secret/**'] }), 'src/secret/vault.ts');
    expect(fake.requests).toHaveLength(0);
    expect(result.llm).toMatchObject({
      requests: 0,
      fallback: 'nothing was sent to the model: src/secret/vault.ts matches the deny glob src/secret/**',
    });
    for (const f of result.fills) expect(f.rationale).toContain('LLM: nothing was sent to the model');
  });

  test('a server that keeps failing: the embedded fills within the deadline', async () => {
    answering({}, { fault: { kind: 'status', status: 500 } });
    const started = performance.now();
    const result = await fill('return /*|*/_()', settingsFor({ deadlineMs: 3000 }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.fills[0].rationale).toMatch(/LLM: the model server answered 500/);
  });

  test('cancelled while the model is slow: the request ends as cancelled, at once', async () => {
    answering({}, { text: 'user.name', fault: { kind: 'slowFirstByte', ms: 3000 } });
    let cancelled = false;
    setTimeout(() => {
      cancelled = true;
    }, 150);
    const started = performance.now();
    const filling = fill('return /*|*/_()', settingsFor({ timeoutMs: 5000 }), 'src/main.ts', () => cancelled);
    await expect(filling).rejects.toBeInstanceOf(SpackleError);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('guided decoding in the engine', () => {
  test('monitors off: a hallucinated member costs an error round', async () => {
    answering({}, { text: 'nmae' }, { text: 'name' });
    const result = await fill('return user./*|*/;', settingsFor({ monitors: false }));
    expect(result.fills[0].text).toBe('name');
    expect(result.llm).toMatchObject({ rounds: 1, requests: 2 });
  });

  // The monitor rejects the member as soon as no member starts so; the ranking picks the closest legal one.
  test('monitors on, a server known to have no constraints: the closest legal member, decoding resumes', async () => {
    answering({}, (r) => ({ text: r.prefill ? '' : 'nmae' }));
    const blackBox = { guidedChoice: false, grammar: false, logprobs: false, logitBias: false };
    const result = await fill('return user./*|*/;', settingsFor({ capabilities: blackBox }));
    expect(result.fills[0]).toMatchObject({
      text: 'name',
      rationale: expect.stringMatching(/corrected by the type monitors \(nm\w* → name\)/),
    });
    expect(result.llm).toMatchObject({
      rounds: 0,
      requests: 2,
      interventions: [
        { monitor: 'dereference', trigger: 'user.', chosen: 'name', strategy: 'ranker', extraRequests: 1 },
      ],
    });
    expect(fake.requests[1].body.messages.at(-1)).toEqual({ role: 'assistant', content: 'name' });
  });

  test('a server that ignores constraints: tried once each, then the ranking', async () => {
    answering({}, (r) => ({ text: r.prefill ? '' : 'nmae' }));
    const result = await fill('return user./*|*/;', settingsFor());
    expect(result.fills[0].text).toBe('name');
    expect(result.llm?.interventions[0]).toMatchObject({ strategy: 'ranker', extraRequests: 3 });
    expect(
      fake.requests.map((r) =>
        r.body.guided_choice ? 'choice' : r.body.grammar ? 'grammar' : r.prefill ? 'resume' : 'stream',
      ),
    ).toEqual(['stream', 'choice', 'grammar', 'resume']);
  });

  test("the server's guided choice picks among the legal members; decoding resumes after it", async () => {
    answering({ supports: { guidedChoice: true } }, (r) =>
      r.body.guided_choice
        ? { preferences: ['mail', 'email'] }
        : r.index === 0
          ? { text: 'mail.trim()' }
          : { text: '.trim()' },
    );
    const result = await fill('return user./*|*/;', settingsFor());
    expect(result.fills[0].text).toBe('email.trim()');
    expect(fake.requests[1].body.guided_choice).toEqual(expect.arrayContaining(['id', 'name', 'email']));
    expect(result.llm?.interventions[0]).toMatchObject({
      rejected: 'mail',
      chosen: 'email',
      strategy: 'guidedChoice',
      extraRequests: 2,
    });
  });

  test('a llama.cpp grammar of the legal members', async () => {
    answering({ supports: { grammar: true }, unsupported: 'ignore' }, (r) =>
      r.body.grammar ? { preferences: ['mail', 'email'] } : r.index === 0 ? { text: 'mail' } : { text: '' },
    );
    const result = await fill('return user./*|*/;', settingsFor({ capabilities: { guidedChoice: false } }));
    expect(result.fills[0].text).toBe('email');
    expect(fake.requests[1].body.grammar).toMatch(/^root ::= .*"email"/);
    expect(result.llm?.interventions[0].strategy).toBe('grammar');
  });

  test('top logprobs: the best alternative the model weighed that the types allow', async () => {
    answering({ supports: { logprobs: true } }, (r) =>
      r.prefill ? { text: '' } : { text: 'mail', alternatives: { 0: ['mail', 'email', 'name'] } },
    );
    const capabilities = { guidedChoice: false, grammar: false };
    const settings = settingsFor({ api: 'completions', template: 'qwen2.5-coder', capabilities });
    const result = await fill('return user./*|*/;', settings);
    expect(result.fills[0].text).toBe('email');
    expect(result.llm?.interventions[0]).toMatchObject(
      { strategy: 'logprobs', extraRequests: 1 },
      'the resumption only',
    );
  });

  test("logit_bias with the model's own token ids (an OpenAI model)", async () => {
    answering({ supports: { logitBias: true } }, (r) =>
      r.body.logit_bias ? { preferences: ['mail', 'email'] } : { text: r.prefill ? '' : 'mail' },
    );
    const settings = settingsFor({ capabilities: { guidedChoice: false, grammar: false, logprobs: false } });
    settings.llm.model = `gpt-4o-mini-${models}`;
    const result = await fill('return user./*|*/;', settings);
    expect(result.fills[0].text).toBe('email');
    expect(result.llm?.interventions[0]).toMatchObject({ strategy: 'logitBias' });
  });

  test('a literal of the expected union', async () => {
    answering({}, (r) => ({ text: r.prefill ? '' : "'root'" }));
    const result = await fill('role: Role = /*|*/_()', settingsFor());
    expect(result.fills[0].text).toMatch(/^'(admin|guest)'$/);
    expect(result.llm?.interventions[0]).toMatchObject({
      monitor: 'literalUnion',
      rejected: expect.stringMatching(/^'r/),
    });
  });

  test('a server without these features refusing unknown parameters: learned once, then not asked again', async () => {
    answering({ unsupported: 'reject' }, (r) => ({ text: r.prefill ? '.trim()' : 'nmae.trim()' }));
    const settings = settingsFor();
    await fill('return user./*|*/;', settings);
    const first = fake.requests.length;
    fake.requests.length = 0;
    const again = await fill('return user./*|*/;', settings);
    expect(again.fills[0].text).toBe('name.trim()');
    expect(fake.requests.length).toBeLessThan(first);
    expect(fake.requests.some((r) => r.body.guided_choice || r.body.grammar)).toBe(false);
  });
});
