import { baseSettings, Settings, validateSettings } from '../config.js';
import { SpackleError } from '../errors.js';
import { FileLocation, parseFileLocation } from './location.js';

export const FILL_USAGE = 'usage: spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--engine embedded|llm|both] [--base-url URL] [--model M] [--api chat|completions] [--template FAMILY] [--json]';

export interface FillArguments {
  location: FileLocation;
  /** The settings: the environment's (SPACKLE_ENGINE, SPACKLE_BASE_URL, SPACKLE_MODEL, OPENAI_API_KEY) with the options over them, checked as the settings are. */
  settings: Settings;
  json: boolean;
}

/** Each option and the setting it gives: `-n` is `fill.limit`, `--base-url` is `llm.baseUrl`… */
const OPTIONS: Record<string, { setting: string; number?: boolean }> = {
  '-n': { setting: 'fill.limit', number: true },
  '--deadline': { setting: 'fill.deadlineMs', number: true },
  '--engine': { setting: 'engine' },
  '--base-url': { setting: 'llm.baseUrl' },
  '--model': { setting: 'llm.model' },
  '--api': { setting: 'llm.api' },
  '--template': { setting: 'llm.template' },
};

/** Parses `FILE:LINE:COL` and the options, in any order. */
export function parseFillArguments(args: string[], env: NodeJS.ProcessEnv = process.env): FillArguments {
  const positional: string[] = [];
  const raw: Record<string, Record<string, unknown> | unknown> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = OPTIONS[arg];
    if (arg === '--json') json = true;
    else if (option) {
      const value = option.number ? Number(args[++i]) : args[++i];
      const [group, name] = option.setting.split('.');
      if (name) raw[group] = { ...(raw[group] as object | undefined), [name]: value };
      else raw[group] = value;
    } else if (arg.startsWith('-')) throw new SpackleError('invalidParams', `unknown option ${arg}; ${FILL_USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new SpackleError('invalidParams', FILL_USAGE);
  const base = baseSettings(env);
  const { settings, problems } = validateSettings(raw, base.settings);
  const all = [...base.problems, ...problems];
  if (all.length) {
    // The settings' messages, in the words of the command line: "-n must be an integer from 1 to 50".
    const optionOf = (setting: string) => Object.keys(OPTIONS).find((o) => `spackle.${OPTIONS[o].setting}` === setting) ?? setting;
    throw new SpackleError('invalidParams', `${all.map((p) => p.replace(/spackle\.[\w.]+/g, optionOf)).join('; ')}; ${FILL_USAGE}`);
  }
  return { location: parseFileLocation(positional[0]), settings, json };
}
