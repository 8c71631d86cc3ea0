import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FIM_FAMILIES } from '../../../server/src/config.js';
import type { HoleContext, SourceRef } from '../../../server/src/holes/holeData.js';
import { FIM_TEMPLATES } from '../../../server/src/prompt/fim.js';
import {
  excerpt,
  EXPRESSION,
  EXPRESSION_LINES,
  HOLE_MARK,
  HolePrompt,
  PromptOptions,
} from '../../../server/src/prompt/holePrompt.js';
import { promptable, refusal } from '../../../server/src/prompt/policy.js';
import { encodingOf, ESTIMATE, tokenizerFor } from '../../../server/src/prompt/tokens.js';
import { contextIn, sharedFixture } from '../../helpers/fixture.js';

const files = {
  'src/types.ts': `export interface Address { street: string; city: string }
export interface User { id: number; name: string; address: Address }
`,
  'src/main.ts': `import type { User } from './types';

// A long preamble the budget may leave out.
${Array.from({ length: 40 }, (_, i) => `export const filler${i} = ${i};`).join('\n')}

export function greet(user: User): string {
  const city = user.address.city;
  return _();
}
// after the hole
export const tail = 1;
`,
};
const project = sharedFixture(files);
const holeContext = () => contextIn(project(), { file: 'src/main.ts', at: '_()' });
const fileText = () => project().text('src/main.ts');
const options = (overrides: Partial<PromptOptions> = {}): PromptOptions => ({
  api: 'chat',
  budgetTokens: 1024,
  tokenizer: ESTIMATE,
  answer: EXPRESSION_LINES,
  fileLabel: 'src/main.ts',
  ...overrides,
});

describe('tokenizers', () => {
  test('OpenAI models get their exact tokenizer; others the calibrated estimate', async () => {
    expect(encodingOf('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingOf('openai/gpt-4.1')).toBe('o200k_base');
    expect(encodingOf('gpt-3.5-turbo')).toBe('cl100k_base');
    expect(encodingOf('qwen2.5-coder:7b')).toBeUndefined();
    const exact = await tokenizerFor('gpt-4o');
    expect(exact.name).toBe('o200k_base');
    expect(exact.count('const x = 1;')).toBe(exact.encode!('const x = 1;').length);
    expect(exact.decode!(exact.encode!('user.address'))).toBe('user.address');
    expect((await tokenizerFor('starcoder2-3b')).name).toBe('estimate');
  });

  test('the estimate is within 15% of o200k on real code (rxjs)', async () => {
    const exact = await tokenizerFor('gpt-4o');
    const code = ['Observable.ts', 'Subscriber.ts', 'operators/map.ts']
      .map((f) => readFileSync(`node_modules/rxjs/src/internal/${f}`, 'utf8'))
      .join('\n');
    const ratio = ESTIMATE.count(code) / exact.count(code);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });
});

describe('FIM templates', () => {
  test('every family puts prefix and suffix in its own markers', () => {
    for (const family of FIM_FAMILIES) {
      const prompt = FIM_TEMPLATES[family].render('PRE', 'SUF');
      expect(prompt, family).toMatch(/PRE/);
      expect(prompt, family).toMatch(/SUF/);
      expect(FIM_TEMPLATES[family].stop.length, family).toBeGreaterThan(0);
    }
    expect(FIM_TEMPLATES['qwen2.5-coder'].render('a', 'b')).toBe('<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>');
    expect(FIM_TEMPLATES.codestral.render('a', 'b')).toBe('[SUFFIX]b[PREFIX]a');
  });
});

describe('prompt policy', () => {
  const policy = { folders: ['/w'], denyGlobs: ['**/secrets/**', '*.private.ts'] };
  test('secret patterns, deny globs and files outside the workspace are refused', () => {
    expect(refusal('/w/src/a.ts', policy)).toBeUndefined();
    expect(refusal('/w/.env.local', policy)).toMatch(/secret pattern/);
    expect(refusal('/w/certs/server.pem', policy)).toMatch(/secret pattern/);
    expect(refusal('/w/deploy.key', policy)).toMatch(/secret pattern/);
    expect(refusal('/w/.ssh/id_ed25519', policy)).toMatch(/secret pattern/);
    expect(refusal('/w/src/secrets/db.ts', policy)).toMatch(/deny glob \*\*\/secrets\/\*\*/);
    expect(refusal('/w/src/deep/config.private.ts', policy)).toMatch(/deny glob/);
    expect(refusal('/elsewhere/a.ts', policy)).toMatch(/outside the workspace/);
  });

  test('declarations from refused files are named, not shown; their signatures are left out', () => {
    const ref = (file: string): SourceRef => ({ file, start: 0, end: 1 });
    const ctx: HoleContext = {
      hole: { file: '/w/a.ts', start: 0, end: 3, kind: 'explicit' },
      prefix: '',
      bindings: [],
      relevantTypes: [
        {
          name: 'Token',
          text: 'interface Token { secret: string }',
          ref: ref('/w/.env.ts'),
          reason: 'expected type',
          tokens: 9,
        },
        { name: 'User', text: 'interface User { id: number }', ref: ref('/w/user.ts'), reason: 'used', tokens: 9 },
      ],
      relevantHeaders: [
        {
          name: 'readKey',
          signature: 'function readKey(): Token',
          ref: ref('/w/secrets/keys.ts'),
          score: 1,
          reason: 'returns Token',
        },
        {
          name: 'makeUser',
          signature: 'function makeUser(): User',
          ref: ref('/w/user.ts'),
          score: 1,
          reason: 'returns User',
        },
      ],
    };
    const safe = promptable(ctx, { folders: ['/w'], denyGlobs: ['**/secrets/**'] });
    expect(safe.relevantTypes.map((t) => t.text)).toEqual(['Token', 'interface User { id: number }']);
    expect(safe.relevantHeaders.map((h) => h.name)).toEqual(['makeUser']);
  });
});

describe('HolePrompt', () => {
  test('chat: the context, then the code with the hole marked; within the budget', () => {
    const prompt = new HolePrompt(holeContext(), fileText(), options());
    const { input, maxTokens } = prompt.request();
    if (!('messages' in input)) throw new Error('chat wants messages');
    const [system, user] = input.messages;
    expect(system.role).toBe('system');
    expect(user.content).toContain('// Expected type: string');
    expect(user.content).toContain('interface User');
    expect(user.content).toContain(`  return ${HOLE_MARK};\n}`);
    expect(user.content).toContain('// src/main.ts');
    expect(prompt.tokens.context + prompt.tokens.code).toBeLessThanOrEqual(1024);
    expect(maxTokens).toBeGreaterThan(64);
  });

  test("a small budget keeps the expected type and the hole's line, and drops far code first", () => {
    const prompt = new HolePrompt(holeContext(), fileText(), options({ budgetTokens: 120 }));
    const { input } = prompt.request();
    if (!('messages' in input)) throw new Error('chat wants messages');
    const user = input.messages[1].content;
    expect(user).toContain('// Expected type: string');
    expect(user).toContain(`return ${HOLE_MARK};`);
    expect(user).not.toContain('A long preamble');
    expect(prompt.tokens.context + prompt.tokens.code).toBeLessThanOrEqual(120);
  });

  test('error rounds follow as assistant answer and compiler messages; a resumed answer as assistant prefill', () => {
    const prompt = new HolePrompt(holeContext(), fileText(), options());
    const { input } = prompt.request('user.', [
      { text: 'user.nam', errors: ["Property 'nam' does not exist on type 'User'. Did you mean 'name'?"] },
    ]);
    if (!('messages' in input)) throw new Error('chat wants messages');
    expect(input.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'user.nam' },
      {
        role: 'user',
        content: expect.stringContaining("- Property 'nam' does not exist on type 'User'. Did you mean 'name'?"),
      },
      { role: 'assistant', content: 'user.' },
    ]);
  });

  test('completions with a FIM template: context as comments, code after the hole as suffix, resumed text last', () => {
    const prompt = new HolePrompt(
      holeContext(),
      fileText(),
      options({ api: 'completions', template: 'qwen2.5-coder' }),
    );
    const { input, stop } = prompt.request('user.', [{ text: 'nope', errors: ["Cannot find name 'nope'."] }]);
    if (!('prompt' in input)) throw new Error('completions want a prompt');
    expect(input.prompt).toMatch(/^<\|fim_prefix\|>\/\/ Expected type: string\n/);
    expect(input.prompt).toContain("// Not `nope`: Cannot find name 'nope'.");
    expect(input.prompt).toContain('  return <|fim_suffix|>;\n}\n// after the hole');
    expect(input.prompt.endsWith('<|fim_middle|>user.')).toBe(true);
    expect(stop).toEqual(FIM_TEMPLATES['qwen2.5-coder'].stop);
  });

  test("completions without a template: the code before the hole, an expression stops at the line's end", () => {
    const prompt = new HolePrompt(holeContext(), fileText(), options({ api: 'completions', answer: EXPRESSION }));
    const { input, stop } = prompt.request();
    if (!('prompt' in input)) throw new Error('completions want a prompt');
    expect(input.prompt.endsWith('  return ')).toBe(true);
    expect(stop).toEqual(['\n']);
  });

  test('excerpt: two lines above for one below, nearest first', () => {
    const text = ['a1', 'a2', 'a3', 'a4', 'HOLE', 'b1', 'b2', 'b3'].join('\n');
    const start = text.indexOf('HOLE');
    const lineCost = () => 1;
    const { before, after } = excerpt(text, { start, end: start + 4 }, 5, lineCost);
    expect(before).toBe('a3\na4\n');
    expect(after).toBe('\nb1');
  });
});
