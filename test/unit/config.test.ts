import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings } from '../../server/src/config.js';

describe('validateSettings', () => {
  it('keeps the defaults when nothing is given', () => {
    expect(validateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('takes valid values over the base', () => {
    const { settings, problems } = validateSettings({
      logLevel: 'debug',
      context: { maxHeaders: 3 },
      holeDiagnostics: false,
      repairAhead: false,
      fill: { mode: 'lenient', limit: 2 },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      logLevel: 'debug',
      context: { typeTokens: 1024, maxHeaders: 3 },
      holeDiagnostics: false,
      repairAhead: false,
      fill: { deadlineMs: 150, limit: 2, mode: 'lenient' },
    });
  });

  it('rejects each bad value with a message and keeps its default', () => {
    const { settings, problems } = validateSettings({
      logLevel: 'loud',
      context: { typeTokens: -5, maxHeaders: 2.5 },
      holeDiagnostics: 'yes',
      repairAhead: 1,
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([
      'spackle.logLevel must be one of error, warn, info, debug',
      'spackle.holeDiagnostics must be true or false',
      'spackle.repairAhead must be true or false',
      'spackle.context.typeTokens must be an integer from 0 to 32768',
      'spackle.context.maxHeaders must be an integer from 0 to 200',
    ]);
  });

  it('reads null and empty text as not set, as editors send a cleared setting', () => {
    const { settings, problems } = validateSettings({
      logLevel: null,
      llm: { baseUrl: '', model: '', apiKey: null },
      fill: { mode: null },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('rejects bad fill settings one by one', () => {
    const { settings, problems } = validateSettings({ fill: { deadlineMs: 0, limit: 51, mode: 'loose' } });
    expect(settings.fill).toEqual({ deadlineMs: 150, limit: 5, mode: 'strict' });
    expect(problems).toEqual([
      'spackle.fill.deadlineMs must be an integer from 10 to 10000',
      'spackle.fill.limit must be an integer from 1 to 50',
      'spackle.fill.mode must be one of strict, lenient',
    ]);
  });

  it('refuses a group of settings that is not an object', () => {
    expect(validateSettings({ fill: 5, context: [] }).problems).toEqual([
      'spackle.context must be an object',
      'spackle.fill must be an object',
    ]);
  });

  it('refuses a non-object', () => {
    expect(validateSettings('fast').problems).toEqual(['settings must be an object']);
  });

  it('does not mutate the base it merges over', () => {
    const base = structuredClone(DEFAULT_SETTINGS);
    validateSettings({ context: { maxHeaders: 1 } }, base);
    expect(base).toEqual(DEFAULT_SETTINGS);
  });

  describe('any JSON a client sends', () => {
    /** `{ x: { x: … { x: leaf } } }`, built without recursion. */
    const nested = (depth: number, leaf: unknown = 1) => {
      let value: unknown = leaf;
      for (let i = 0; i < depth; i++) value = { x: value };
      return value as Record<string, unknown>;
    };

    it('settings nested thousands of levels deep are validated without walking them', () => {
      const { settings, problems } = validateSettings({
        logLevel: 'debug',
        deep: nested(100_000),
        llm: nested(100_000),
        fill: { limit: nested(50_000) },
      });
      expect(settings.logLevel).toBe('debug');
      expect(settings.fill.limit).toBe(5);
      expect(problems).toEqual(['spackle.fill.limit must be an integer from 1 to 50']);
    });

    it('a snapshot with more values than settings ever hold is refused whole', () => {
      const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}`, i]));
      const { settings, problems } = validateSettings({ logLevel: 'debug', llm: { capabilities: wide } });
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(problems).toEqual(['settings hold more than 1000 values; they are ignored']);
    });

    it('many bad values are reported as the first twenty and a count', () => {
      const unknown = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`power${i}`, true]));
      const { problems } = validateSettings({ llm: { capabilities: unknown } });
      expect(problems).toHaveLength(21);
      expect(problems[20]).toBe('20 more problems');
    });

    it('caps text and glob lists', () => {
      const { settings, problems } = validateSettings({
        llm: {
          model: 'm'.repeat(5000),
          denyGlobs: Array(300).fill('**/x/**'),
          baseUrl: `http://h/${'p'.repeat(5000)}`,
        },
      });
      expect(settings.llm).toEqual(DEFAULT_SETTINGS.llm);
      expect(problems).toEqual([
        'spackle.llm.baseUrl must be an http:// or https:// URL',
        'spackle.llm.model must be a non-empty string of at most 4096 characters',
        'spackle.llm.denyGlobs must be a list of at most 256 glob patterns',
      ]);
    });
  });
});
