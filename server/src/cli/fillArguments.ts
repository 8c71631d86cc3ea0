/**
 * `spackle fill`'s arguments: `-n` (`fill.limit`), `--deadline` (`fill.deadlineMs`, 2 s by default: a budget meant for
 * one answer, not for a keystroke) and the engine's options, parsed over the environment's settings.
 */
import type { Settings } from '../config.js';
import { SpackleError } from '../errors.js';
import { ENGINE_OPTIONS, parseCommandLine } from './arguments.js';
import { FileLocation, parseFileLocation } from './location.js';

export const FILL_USAGE =
  'usage: spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--engine embedded|llm|both] [--base-url URL] ' +
  '[--model M] [--api chat|completions] [--template FAMILY] [--json]';

/**
 * A command line asks once and waits for the answer: its fill gets a budget meant for one answer, not a keystroke's
 * (`fill.deadlineMs`), in a process whose project and checker are always cold.
 */
export const CLI_FILL_DEADLINE_MS = 2000;

export interface FillArguments {
  location: FileLocation;
  settings: Settings;
  json: boolean;
}

/**
 * Parses `FILE:LINE:COL` and the options, in any order: `-n` is `fill.limit`, `--deadline` is `fill.deadlineMs`
 * (CLI_FILL_DEADLINE_MS when not given).
 */
export function parseFillArguments(args: string[], env: NodeJS.ProcessEnv = process.env): FillArguments {
  const line = parseCommandLine(
    args,
    {
      usage: FILL_USAGE,
      flags: ['--json'],
      settings: {
        '-n': { setting: 'fill.limit', number: true },
        '--deadline': { setting: 'fill.deadlineMs', number: true },
        ...ENGINE_OPTIONS,
      },
    },
    env,
  );
  if (line.positional.length !== 1) throw new SpackleError('invalidParams', FILL_USAGE);
  const settings = args.includes('--deadline') ? line.settings : withFillDeadline(line.settings, CLI_FILL_DEADLINE_MS);
  return { location: parseFileLocation(line.positional[0]), settings, json: line.flags.has('--json') };
}

export function withFillDeadline(settings: Settings, deadlineMs: number): Settings {
  return { ...settings, fill: { ...settings.fill, deadlineMs } };
}
