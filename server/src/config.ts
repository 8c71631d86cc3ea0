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
}

export const DEFAULT_SETTINGS: Settings = {
  logLevel: 'info',
  context: { typeTokens: 1024, maxHeaders: 16 },
  holeDiagnostics: true,
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

  if (input.logLevel !== undefined) {
    if (LOG_LEVELS.includes(input.logLevel as LogLevel)) settings.logLevel = input.logLevel as LogLevel;
    else problems.push(`spackle.logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  if (input.holeDiagnostics !== undefined) {
    if (typeof input.holeDiagnostics === 'boolean') settings.holeDiagnostics = input.holeDiagnostics;
    else problems.push('spackle.holeDiagnostics must be true or false');
  }
  const context = input.context;
  if (context !== undefined) {
    if (typeof context !== 'object' || context === null) problems.push('spackle.context must be an object');
    else {
      const c = context as Record<string, unknown>;
      settings.context.typeTokens = integerIn(c.typeTokens, 0, 32768, 'spackle.context.typeTokens', settings.context.typeTokens, problems);
      settings.context.maxHeaders = integerIn(c.maxHeaders, 0, 200, 'spackle.context.maxHeaders', settings.context.maxHeaders, problems);
    }
  }
  return { settings, problems };
}

function integerIn(value: unknown, min: number, max: number, name: string, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name} must be an integer from ${min} to ${max}`);
  return fallback;
}
