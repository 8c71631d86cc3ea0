import { LOG_LEVELS, LogLevel } from './log.js';

/** Spackle's settings: one schema for initializationOptions, `workspace/configuration` (section `spackle`) and the CLI. */
export interface Settings {
  logLevel: LogLevel;
  context: {
    /** Token budget of the relevant-types section of a hole context. */
    typeTokens: number;
    /** Most relevant headers returned per hole. */
    maxHeaders: number;
  };
  /** Publish each explicit hole as an Information diagnostic "hole: expected T". */
  holeDiagnostics: boolean;
  /** The embedded engine, for completion, inline completion, code actions and `spackle.fillHole`. */
  fill: {
    /** Wall-clock budget of one fill in ms: the best fills found by then are served. */
    deadlineMs: number;
    /** Most fills per hole. */
    limit: number;
    /** `strict` serves only fills that type-check in place; `lenient` also serves the others, ranked last. */
    mode: FillMode;
  };
}

export type FillMode = 'strict' | 'lenient';
const FILL_MODES: readonly FillMode[] = ['strict', 'lenient'];

export const DEFAULT_SETTINGS: Settings = {
  logLevel: 'info',
  context: { typeTokens: 1024, maxHeaders: 16 },
  holeDiagnostics: true,
  fill: { deadlineMs: 150, limit: 5, mode: 'strict' },
};

export interface ValidatedSettings {
  settings: Settings;
  /** One message per rejected value; the default is kept for it. */
  problems: string[];
}

/** Merge user values over `base`, keeping `base` for any value of the wrong type or range. */
export function validateSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): ValidatedSettings {
  const problems: string[] = [];
  const settings: Settings = structuredClone(base);
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['settings must be an object'] };
  const input = raw as Record<string, unknown>;

  settings.logLevel = oneOf(input.logLevel, LOG_LEVELS, 'spackle.logLevel', settings.logLevel, problems);
  if (input.holeDiagnostics !== undefined) {
    if (typeof input.holeDiagnostics === 'boolean') settings.holeDiagnostics = input.holeDiagnostics;
    else problems.push('spackle.holeDiagnostics must be true or false');
  }
  const context = section(input, 'context', problems);
  if (context) {
    settings.context.typeTokens = integerIn(context.typeTokens, 0, 32768, 'spackle.context.typeTokens', settings.context.typeTokens, problems);
    settings.context.maxHeaders = integerIn(context.maxHeaders, 0, 200, 'spackle.context.maxHeaders', settings.context.maxHeaders, problems);
  }
  const fill = section(input, 'fill', problems);
  if (fill) {
    settings.fill.deadlineMs = integerIn(fill.deadlineMs, 10, 10_000, 'spackle.fill.deadlineMs', settings.fill.deadlineMs, problems);
    settings.fill.limit = integerIn(fill.limit, 1, 50, 'spackle.fill.limit', settings.fill.limit, problems);
    settings.fill.mode = oneOf(fill.mode, FILL_MODES, 'spackle.fill.mode', settings.fill.mode, problems);
  }
  return { settings, problems };
}

/** A nested group of settings (`context`, `fill`), if given as an object. */
function section(input: Record<string, unknown>, name: string, problems: string[]): Record<string, unknown> | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`spackle.${name} must be an object`);
  return undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fallback: T, problems: string[]): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}`);
  return fallback;
}

function integerIn(value: unknown, min: number, max: number, name: string, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name} must be an integer from ${min} to ${max}`);
  return fallback;
}
