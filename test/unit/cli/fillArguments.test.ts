import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_FILL_DEADLINE_MS, parseFillArguments } from '../../../server/src/cli/fillArguments.js';
import { DEFAULT_SETTINGS } from '../../../server/src/config.js';

describe('parseFillArguments', () => {
  it('takes FILE:LINE:COL with the default fill settings, but a budget meant for one answer', () => {
    expect(parseFillArguments(['src/a.ts:3:7'], {})).toEqual({
      location: { file: path.resolve('src/a.ts'), line: 3, column: 7 },
      settings: { ...DEFAULT_SETTINGS, fill: { ...DEFAULT_SETTINGS.fill, deadlineMs: CLI_FILL_DEADLINE_MS } },
      json: false,
    });
  });

  it('takes -n, --deadline and --json in any order', () => {
    const parsed = parseFillArguments(['--json', '-n', '2', 'a.ts:1:1', '--deadline', '900'], {});
    expect(parsed).toMatchObject({ settings: { fill: { limit: 2, deadlineMs: 900, mode: 'strict' } }, json: true });
  });

  it('takes the engine and the model endpoint, over the environment', () => {
    const env = { SPACKLE_MODEL: 'env-model', OPENAI_API_KEY: 'sk-env' };
    const parsed = parseFillArguments(
      [
        'a.ts:1:1',
        '--engine',
        'llm',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--api',
        'completions',
        '--template',
        'starcoder2',
      ],
      env,
    );
    expect(parsed.settings).toMatchObject({
      engine: 'llm',
      llm: {
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'env-model',
        apiKey: 'sk-env',
        api: 'completions',
        template: 'starcoder2',
      },
    });
  });

  it.each([
    [['a.ts:1:1', '-n', '1.5'], '-n must be an integer from 1 to 50'],
    [['a.ts:1:1', '--deadline', '5'], '--deadline must be an integer from 10 to 10000'],
    [['a.ts:1:1', '--limit', '3'], 'unknown option --limit'],
    [['a.ts:1:1', '--engine', 'llm'], '--engine llm needs --base-url and --model'],
    [['a.ts:1:1', '--engine', 'gpt'], '--engine must be one of embedded, llm, both'],
    [['a.ts:1:1', '--base-url', 'localhost'], '--base-url must be an http:// or https:// URL'],
    [['a.ts:1:1', 'b.ts:1:1'], 'usage: spackle fill'],
    [['a.ts'], 'expected FILE:LINE:COL, got a.ts'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseFillArguments(args, {})).toThrow(message);
  });
});
