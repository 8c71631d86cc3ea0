/**
 * The settings schema, its defaults and its validation: one for every entry point (LSP initializationOptions and
 * didChangeConfiguration, the CLI's options, the environment's `SPACKLE_*` and `OPENAI_API_KEY`). Invariant: a value of
 * the wrong type or range keeps the value below it, with a message naming the setting, and the others still apply; the
 * VS Code extension's settings mirror this schema (a test checks).
 */
import { LOG_LEVELS, LogLevel } from './log.js';

/**
 * Spackle's settings: one schema for initializationOptions, `workspace/configuration` (section `spackle`) and the CLI.
 */
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
  /** Once a document settles, repair the errors the last edit left, so that code actions on them answer at once. */
  repairAhead: boolean;
  /** The embedded engine, for completion, inline completion, code actions and `spackle.fillHole`. */
  fill: {
    /** Wall-clock budget of one fill in ms: the best fills found by then are served. */
    deadlineMs: number;
    /** Most fills per hole. */
    limit: number;
    /** `strict` serves only fills that type-check in place; `lenient` also serves the others, ranked last. */
    mode: FillMode;
  };
  /**
   * Which engine fills holes: `embedded` (offline synthesis), `llm` (a model, the embedded engine as fallback) or
   * `both`.
   */
  engine: EngineChoice;
  /** The LLM engine: any OpenAI-compatible endpoint. */
  llm: LlmSettings;
}

export type FillMode = 'strict' | 'lenient';
const FILL_MODES: readonly FillMode[] = ['strict', 'lenient'];

export type EngineChoice = 'embedded' | 'llm' | 'both';
const ENGINES: readonly EngineChoice[] = ['embedded', 'llm', 'both'];
export type LlmApi = 'chat' | 'completions';
const LLM_APIS: readonly LlmApi[] = ['chat', 'completions'];
/** Model families whose fill-in-the-middle template the completions API is given. */
export const FIM_FAMILIES = ['starcoder2', 'qwen2.5-coder', 'deepseek-coder', 'codellama', 'codestral'] as const;
export type FimFamily = (typeof FIM_FAMILIES)[number];
/** What a server may do beyond plain sampling; declared in the settings, otherwise learned on first use. */
export const CAPABILITIES = ['logprobs', 'logitBias', 'grammar', 'guidedChoice'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface LlmSettings {
  /** The OpenAI-compatible endpoint, e.g. `http://localhost:8080/v1`. */
  baseUrl?: string;
  model?: string;
  /** Sent as the bearer token; never logged. */
  apiKey?: string;
  /** `chat` for chat models; `completions` for base and FIM models. */
  api: LlmApi;
  /**
   * With `api: completions`: the model's fill-in-the-middle template; without, the code before the hole is the prompt.
   */
  template?: FimFamily;
  /** Token budget of the hole's context in a prompt (types, headers, bindings, nearby code). */
  contextTokens: number;
  /** Longest wait for one request's first byte, or between two streamed chunks, in ms. */
  timeoutMs: number;
  /** Wall-clock budget of a whole LLM fill (requests, retries, error rounds and the embedded fallback), in ms. */
  deadlineMs: number;
  /** Type monitors guide decoding (identifiers the types do not allow are replaced while the model streams). */
  monitors: boolean;
  /** Completions anywhere may span lines (statements, a body); otherwise they end with the cursor's line. */
  multiline: boolean;
  /** Most tokens a completion anywhere may take. */
  completionTokens: number;
  /** Wait this long for typing to pause before asking the model (for editors that ask at every keystroke), in ms. */
  debounceMs: number;
  /** Files never put into a prompt, besides `.env*`, `*.pem`, `*.key`, `id_*`: globs such as `**\/secrets/**`. */
  denyGlobs: string[];
  /** What the server supports, when known: true or false spares the probe on first use. */
  capabilities: Partial<Record<Capability, boolean>>;
}

export const DEFAULT_SETTINGS: Settings = {
  logLevel: 'info',
  context: { typeTokens: 1024, maxHeaders: 16 },
  holeDiagnostics: true,
  repairAhead: true,
  fill: { deadlineMs: 150, limit: 5, mode: 'strict' },
  engine: 'embedded',
  llm: {
    api: 'chat',
    contextTokens: 1024,
    timeoutMs: 8000,
    deadlineMs: 15_000,
    monitors: true,
    multiline: true,
    completionTokens: 256,
    debounceMs: 0,
    denyGlobs: [],
    capabilities: {},
  },
};

/**
 * A client can send any JSON as settings. Spackle's are two groups deep and small: nothing deeper is walked, a
 * snapshot with more values than this is refused whole, and text and lists are capped (a prompt or a glob matcher
 * would otherwise take them as they come).
 */
const MAX_VALUES = 1000;
const MAX_TEXT = 4096;
const MAX_GLOBS = 256;
/** More problems than this are summed up in one line: the user reads them in a single message. */
const MAX_PROBLEMS = 20;

export interface ValidatedSettings {
  settings: Settings;
  /** One message per rejected value; the default is kept for it. */
  problems: string[];
}

/**
 * Merge user values over `base`, keeping `base` for any value of the wrong type or range. `partial` values (the
 * environment) may name an LLM engine whose endpoint a later layer gives; otherwise such an engine falls back to
 * the embedded one, with a message.
 */
export function validateSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS, partial = false): ValidatedSettings {
  const problems: string[] = [];
  const settings: Settings = structuredClone(base);
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['settings must be an object'] };
  const input = withoutUnset(raw as Record<string, unknown>);
  if (!input) return { settings, problems: [`settings hold more than ${MAX_VALUES} values; they are ignored`] };

  settings.logLevel = oneOf(input.logLevel, LOG_LEVELS, 'spackle.logLevel', settings.logLevel, problems);
  for (const key of ['holeDiagnostics', 'repairAhead'] as const) {
    if (input[key] === undefined) continue;
    if (typeof input[key] === 'boolean') settings[key] = input[key];
    else problems.push(`spackle.${key} must be true or false`);
  }
  const context = section(input, 'context', problems);
  if (context) {
    settings.context.typeTokens = integerIn(
      context.typeTokens,
      [0, 32768],
      'spackle.context.typeTokens',
      settings.context.typeTokens,
      problems,
    );
    settings.context.maxHeaders = integerIn(
      context.maxHeaders,
      [0, 200],
      'spackle.context.maxHeaders',
      settings.context.maxHeaders,
      problems,
    );
  }
  const fill = section(input, 'fill', problems);
  if (fill) {
    settings.fill.deadlineMs = integerIn(
      fill.deadlineMs,
      [10, 10_000],
      'spackle.fill.deadlineMs',
      settings.fill.deadlineMs,
      problems,
    );
    settings.fill.limit = integerIn(fill.limit, [1, 50], 'spackle.fill.limit', settings.fill.limit, problems);
    settings.fill.mode = oneOf(fill.mode, FILL_MODES, 'spackle.fill.mode', settings.fill.mode, problems);
  }
  settings.engine = oneOf(input.engine, ENGINES, 'spackle.engine', settings.engine, problems);
  const llm = section(input, 'llm', problems);
  if (llm) validateLlm(llm, settings.llm, problems);
  if (!partial && settings.engine !== 'embedded' && (!settings.llm.baseUrl || !settings.llm.model)) {
    problems.push(
      `spackle.engine ${settings.engine} needs spackle.llm.baseUrl and spackle.llm.model; ` +
        'the embedded engine fills holes meanwhile',
    );
    settings.engine = 'embedded';
  }
  return { settings, problems: summed(problems) };
}

function summed(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `${problems.length - MAX_PROBLEMS} more problems`];
}

/** Messages name the setting, never its value: the API key must not reach a log. */
function validateLlm(input: Record<string, unknown>, llm: LlmSettings, problems: string[]): void {
  if (input.baseUrl !== undefined) {
    if (isHttpUrl(input.baseUrl)) llm.baseUrl = input.baseUrl.replace(/\/+$/, '');
    else problems.push('spackle.llm.baseUrl must be an http:// or https:// URL');
  }
  for (const name of ['model', 'apiKey'] as const) {
    if (input[name] === undefined) continue;
    if (isText(input[name]) && input[name].trim()) llm[name] = input[name].trim();
    else problems.push(`spackle.llm.${name} must be a non-empty string of at most ${MAX_TEXT} characters`);
  }
  llm.api = oneOf(input.api, LLM_APIS, 'spackle.llm.api', llm.api, problems);
  if (input.template !== undefined) {
    if (FIM_FAMILIES.includes(input.template as FimFamily)) llm.template = input.template as FimFamily;
    else problems.push(`spackle.llm.template must be one of ${FIM_FAMILIES.join(', ')}`);
  }
  llm.contextTokens = integerIn(
    input.contextTokens,
    [64, 32768],
    'spackle.llm.contextTokens',
    llm.contextTokens,
    problems,
  );
  llm.timeoutMs = integerIn(input.timeoutMs, [100, 120_000], 'spackle.llm.timeoutMs', llm.timeoutMs, problems);
  llm.deadlineMs = integerIn(input.deadlineMs, [200, 300_000], 'spackle.llm.deadlineMs', llm.deadlineMs, problems);
  for (const name of ['monitors', 'multiline'] as const) {
    if (input[name] === undefined) continue;
    if (typeof input[name] === 'boolean') llm[name] = input[name];
    else problems.push(`spackle.llm.${name} must be true or false`);
  }
  const tokens = llm.completionTokens;
  llm.completionTokens = integerIn(
    input.completionTokens,
    [16, 4096],
    'spackle.llm.completionTokens',
    tokens,
    problems,
  );
  llm.debounceMs = integerIn(input.debounceMs, [0, 2000], 'spackle.llm.debounceMs', llm.debounceMs, problems);
  if (input.denyGlobs !== undefined) {
    const globs = input.denyGlobs;
    if (Array.isArray(globs) && globs.length <= MAX_GLOBS && globs.every((g) => isText(g) && g))
      llm.denyGlobs = [...globs];
    else problems.push(`spackle.llm.denyGlobs must be a list of at most ${MAX_GLOBS} glob patterns`);
  }
  const capabilities = section(input, 'capabilities', problems, 'llm.');
  for (const [name, value] of Object.entries(capabilities ?? {})) {
    if (CAPABILITIES.includes(name as Capability) && typeof value === 'boolean')
      llm.capabilities[name as Capability] = value;
    else problems.push(`spackle.llm.capabilities.${name} must be one of ${CAPABILITIES.join(', ')}, true or false`);
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isHttpUrl(value: unknown): value is string {
  if (!isText(value)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Settings from the environment, as raw values the schema validates: SPACKLE_ENGINE, SPACKLE_BASE_URL, SPACKLE_MODEL,
 * OPENAI_API_KEY.
 */
export function environmentSettings(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const llm: Record<string, unknown> = {};
  if (env.SPACKLE_BASE_URL) llm.baseUrl = env.SPACKLE_BASE_URL;
  if (env.SPACKLE_MODEL) llm.model = env.SPACKLE_MODEL;
  if (env.OPENAI_API_KEY) llm.apiKey = env.OPENAI_API_KEY;
  return { ...(env.SPACKLE_ENGINE ? { engine: env.SPACKLE_ENGINE } : {}), llm };
}

/** The defaults with the environment over them: what initializationOptions and the CLI's flags apply over. */
export function baseSettings(env: NodeJS.ProcessEnv = process.env): ValidatedSettings {
  const { settings, problems } = validateSettings(environmentSettings(env), DEFAULT_SETTINGS, true);
  return { settings, problems: problems.map((p) => `${p} (from the environment)`) };
}

/** The settings with `null` and `""` left out: editors send them for a setting the user cleared (VS Code's empty
 * text box), which means "not set", not a bad value. Only the schema's depth is walked (root, group, subgroup);
 * undefined when the snapshot holds more than MAX_VALUES values. */
function withoutUnset(input: Record<string, unknown>): Record<string, unknown> | undefined {
  let values = 0;
  const kept = (group: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const name in group) {
      if (!Object.hasOwn(group, name) || ++values > MAX_VALUES) continue;
      const value = group[name];
      if (value === null || value === '') continue;
      const walked = depth < 2 && typeof value === 'object' && !Array.isArray(value);
      out[name] = walked ? kept(value as Record<string, unknown>, depth + 1) : value;
    }
    return out;
  };
  const out = kept(input, 0);
  return values > MAX_VALUES ? undefined : out;
}

/** A nested group of settings (`context`, `fill`), if given as an object. */
function section(
  input: Record<string, unknown>,
  name: string,
  problems: string[],
  parent = '',
): Record<string, unknown> | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`spackle.${parent}${name} must be an object`);
  return undefined;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  fallback: T,
  problems: string[],
): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}`);
  return fallback;
}

function integerIn(
  value: unknown,
  [min, max]: readonly [number, number],
  name: string,
  fallback: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name} must be an integer from ${min} to ${max}`);
  return fallback;
}
