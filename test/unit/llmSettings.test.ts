import { describe, expect, it } from 'vitest';
import { baseSettings, DEFAULT_SETTINGS, validateSettings } from '../../server/src/config.js';

const endpoint = { baseUrl: 'http://127.0.0.1:8080/v1/', model: 'qwen2.5-coder-1.5b' };

describe('LLM settings', () => {
  it('takes an engine, an endpoint and its options', () => {
    const options = {
      apiKey: 'sk-x',
      api: 'completions',
      template: 'qwen2.5-coder',
      contextTokens: 512,
      timeoutMs: 2000,
      deadlineMs: 6000,
      monitors: false,
      multiline: false,
      completionTokens: 128,
      debounceMs: 75,
      denyGlobs: ['**/secrets/**'],
      capabilities: { grammar: true },
    };
    const { settings, problems } = validateSettings({ engine: 'both', llm: { ...endpoint, ...options } });
    expect(problems).toEqual([]);
    expect(settings.engine).toBe('both');
    // The base URL loses its trailing slash; everything else is kept as given.
    expect(settings.llm).toEqual({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-coder-1.5b', ...options });
  });

  it('an LLM engine without an endpoint: the embedded engine, and a message saying what is missing', () => {
    const { settings, problems } = validateSettings({ engine: 'llm', llm: { model: 'm' } });
    expect(settings.engine).toBe('embedded');
    expect(problems).toEqual([
      'spackle.engine llm needs spackle.llm.baseUrl and spackle.llm.model; the embedded engine fills holes meanwhile',
    ]);
  });

  it('rejects bad values one by one, naming the setting and never its value', () => {
    const { settings, problems } = validateSettings({
      engine: 'gpt',
      llm: {
        baseUrl: 'ftp://sk-secret-value',
        model: '   ',
        apiKey: 42,
        api: 'edit',
        template: 'gpt',
        contextTokens: 10,
        timeoutMs: 'soon',
        monitors: 'on',
        multiline: 1,
        completionTokens: 8,
        debounceMs: -1,
        denyGlobs: 'x',
        capabilities: { grammar: 'yes', telepathy: true },
      },
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([
      'spackle.engine must be one of embedded, llm, both',
      'spackle.llm.baseUrl must be an http:// or https:// URL',
      'spackle.llm.model must be a non-empty string of at most 4096 characters',
      'spackle.llm.apiKey must be a non-empty string of at most 4096 characters',
      'spackle.llm.api must be one of chat, completions',
      'spackle.llm.template must be one of starcoder2, qwen2.5-coder, deepseek-coder, codellama, codestral',
      'spackle.llm.contextTokens must be an integer from 64 to 32768',
      'spackle.llm.timeoutMs must be an integer from 100 to 120000',
      'spackle.llm.monitors must be true or false',
      'spackle.llm.multiline must be true or false',
      'spackle.llm.completionTokens must be an integer from 16 to 4096',
      'spackle.llm.debounceMs must be an integer from 0 to 2000',
      'spackle.llm.denyGlobs must be a list of at most 256 glob patterns',
      'spackle.llm.capabilities.grammar must be one of logprobs, logitBias, grammar, guidedChoice, true or false',
      'spackle.llm.capabilities.telepathy must be one of logprobs, logitBias, grammar, guidedChoice, true or false',
    ]);
    expect(problems.join(' ')).not.toContain('sk-secret');
  });

  it('the environment: SPACKLE_ENGINE, SPACKLE_BASE_URL, SPACKLE_MODEL, OPENAI_API_KEY under user settings', () => {
    const env = {
      SPACKLE_ENGINE: 'llm',
      SPACKLE_BASE_URL: endpoint.baseUrl,
      SPACKLE_MODEL: 'env-model',
      OPENAI_API_KEY: 'sk-env',
    };
    const base = baseSettings(env);
    expect(base.problems).toEqual([]);
    expect(base.settings).toMatchObject({
      engine: 'llm',
      llm: { baseUrl: 'http://127.0.0.1:8080/v1', model: 'env-model', apiKey: 'sk-env' },
    });
    const { settings } = validateSettings({ llm: { model: 'user-model' } }, base.settings);
    expect(settings).toMatchObject({ engine: 'llm', llm: { model: 'user-model', apiKey: 'sk-env' } });
  });

  it('an environment that names the engine alone waits for the endpoint from a later layer', () => {
    const base = baseSettings({ SPACKLE_ENGINE: 'llm' });
    expect(base.problems).toEqual([]);
    const { settings, problems } = validateSettings({ llm: endpoint }, base.settings);
    expect(problems).toEqual([]);
    expect(settings.engine).toBe('llm');
    expect(validateSettings({}, base.settings).settings.engine).toBe('embedded');
  });

  it('a bad environment value is reported as coming from the environment', () => {
    expect(baseSettings({ SPACKLE_BASE_URL: 'localhost:8080' }).problems).toEqual([
      'spackle.llm.baseUrl must be an http:// or https:// URL (from the environment)',
    ]);
  });
});
