/**
 * The command line of the subcommands that take settings: the options that stand for settings (`--engine`,
 * `--base-url`, `--model`, …), parsed and validated through `config.ts` over the environment's settings, so that the
 * CLI and the LSP accept the same values.
 */
import { baseSettings, Settings, validateSettings } from '../config.js';
import { SpackleError } from '../errors.js';

/** An option that gives a setting: `--base-url URL` is `llm.baseUrl`. */
export interface SettingOption {
  setting: string;
  number?: boolean;
}

/** The options that choose the engine and the model, in every command that asks one. */
export const ENGINE_OPTIONS: Record<string, SettingOption> = {
  '--engine': { setting: 'engine' },
  '--base-url': { setting: 'llm.baseUrl' },
  '--model': { setting: 'llm.model' },
  '--api': { setting: 'llm.api' },
  '--template': { setting: 'llm.template' },
};

export interface CommandSpec {
  usage: string;
  /** Options without a value: `--json`. */
  flags: readonly string[];
  settings: Record<string, SettingOption>;
  /** Options with an integer value that is not a setting, and its range. */
  integers?: Record<string, { min: number; max: number }>;
}

export interface CommandLine {
  positional: string[];
  flags: Set<string>;
  integers: Record<string, number>;
  /**
   * The environment's settings (SPACKLE_ENGINE, SPACKLE_BASE_URL, SPACKLE_MODEL, OPENAI_API_KEY) with the options over
   * them, checked as the settings are.
   */
  settings: Settings;
}

/** Parses a command's arguments, options in any order; every problem in the words of the command line. */
export function parseCommandLine(args: string[], spec: CommandSpec, env: NodeJS.ProcessEnv = process.env): CommandLine {
  const line: Omit<CommandLine, 'settings'> = { positional: [], flags: new Set(), integers: {} };
  const raw: Record<string, Record<string, unknown> | unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = spec.settings[arg];
    const integer = spec.integers?.[arg];
    if (spec.flags.includes(arg)) line.flags.add(arg);
    else if (option) {
      const value = option.number ? Number(args[++i]) : args[++i];
      const [group, name] = option.setting.split('.');
      if (name) raw[group] = { ...(raw[group] as object | undefined), [name]: value };
      else raw[group] = value;
    } else if (integer) {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < integer.min || value > integer.max)
        throw new SpackleError(
          'invalidParams',
          `${arg} must be an integer from ${integer.min} to ${integer.max}; ${spec.usage}`,
        );
      line.integers[arg] = value;
    } else if (arg.startsWith('-')) throw new SpackleError('invalidParams', `unknown option ${arg}; ${spec.usage}`);
    else line.positional.push(arg);
  }
  const base = baseSettings(env);
  const { settings, problems } = validateSettings(raw, base.settings);
  const all = [...base.problems, ...problems];
  if (all.length) {
    // The settings' messages, in the words of the command line: "-n must be an integer from 1 to 50".
    const optionOf = (setting: string) =>
      Object.keys(spec.settings).find((o) => `spackle.${spec.settings[o].setting}` === setting) ?? setting;
    throw new SpackleError(
      'invalidParams',
      `${all.map((p) => p.replace(/spackle\.[\w.]+/g, optionOf)).join('; ')}; ${spec.usage}`,
    );
  }
  return { ...line, settings };
}
