import { DEFAULT_SETTINGS, Settings, validateSettings } from '../config.js';
import { SpackleError } from '../errors.js';
import { FileLocation, parseFileLocation } from './location.js';

export const FILL_USAGE = 'usage: spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--json]';

export interface FillArguments {
  location: FileLocation;
  /** The engine's settings: `-n` is `fill.limit`, `--deadline` is `fill.deadlineMs`, checked as the settings are. */
  fill: Settings['fill'];
  json: boolean;
}

const VALUED: Record<string, 'limit' | 'deadlineMs'> = { '-n': 'limit', '--deadline': 'deadlineMs' };

/** Parses `FILE:LINE:COL [-n COUNT] [--deadline MS] [--json]`, options in any order. */
export function parseFillArguments(args: string[]): FillArguments {
  const positional: string[] = [];
  const fill: Record<string, number> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg in VALUED) fill[VALUED[arg]] = Number(args[++i]);
    else if (arg.startsWith('-')) throw new SpackleError('invalidParams', `unknown option ${arg}; ${FILL_USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new SpackleError('invalidParams', FILL_USAGE);
  const { settings, problems } = validateSettings({ fill }, DEFAULT_SETTINGS);
  if (problems.length) {
    // The settings' messages, in the words of the command line: "-n COUNT must be an integer from 1 to 50".
    const optionOf = (setting: string) => Object.keys(VALUED).find((option) => `spackle.fill.${VALUED[option]}` === setting) ?? setting;
    throw new SpackleError('invalidParams', `${problems.map((p) => p.replace(/^\S+/, optionOf)).join('; ')}; ${FILL_USAGE}`);
  }
  return { location: parseFileLocation(positional[0]), fill: settings.fill, json };
}
