/**
 * `spackle repair FILE [--write] [--json]`: the best verified repair of each compiler error of the file
 * (repair/file.ts: proven together on the whole file), printed or applied as `eslint --fix` does; the exit code is 1
 * while errors are left unrepaired.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analysis, applyChanges, CompilerError, FileRepair, normalizePath } from '../analysis.js';
import { Budget } from '../budget.js';
import type { Settings } from '../config.js';
import { SpackleError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { ENGINE_OPTIONS, parseCommandLine } from './arguments.js';
import { lineColumnOf } from './location.js';

export const REPAIR_USAGE =
  'usage: spackle repair FILE [--write] [--json] [--deadline MS] [--engine embedded|llm|both] [--base-url URL] ' +
  '[--model M] [--api chat|completions] [--template FAMILY]';
/** Not interactive: each error may take its time (its candidates are bounded), so that the result does not depend on
 * the machine's speed or load. */
const DEFAULT_DEADLINE_MS = 10_000;

interface RepairArguments {
  file: string;
  write: boolean;
  json: boolean;
  deadlineMs: number;
  settings: Settings;
}

/**
 * `spackle repair FILE [--write] [--json] [--deadline MS] [--engine E --base-url URL --model M]`: the best verified
 * repair of each compiler error, proven together on the whole file, the model's first when one is configured;
 * `--write` applies them. Exits 0 when no error is left unrepaired, 1 otherwise, as `eslint --fix` does, so that a
 * script or CI can tell.
 */
export async function repairCommand(args: string[], io: { out(text: string): void }): Promise<number> {
  const { file, write, json, deadlineMs, settings } = parseRepairArguments(args);
  const logger = stderrLogger(settings.logLevel);
  const analysis = new Analysis([path.dirname(file)], { settings: () => settings, logger });
  const text = analysis.files.text(file);
  if (text === undefined) throw new SpackleError('unknownFile', `cannot read ${file}`);
  analysis.load(file);
  // Each error has the whole deadline.
  const result = await analysis.repairFile(file, Budget.of(deadlineMs));
  if (write && result.changes.length) writeFileSync(file, applyChanges(text, result.changes));
  io.out(
    json
      ? JSON.stringify({ ...result, written: write && result.changes.length > 0 }, null, 2)
      : formatRepair(result, text, write),
  );
  return result.unfixed.length ? 1 : 0;
}

function parseRepairArguments(args: string[]): RepairArguments {
  const line = parseCommandLine(args, {
    usage: REPAIR_USAGE,
    flags: ['--write', '--json'],
    settings: ENGINE_OPTIONS,
    integers: { '--deadline': { min: 10, max: 60_000 } },
  });
  if (line.positional.length !== 1) throw new SpackleError('invalidParams', REPAIR_USAGE);
  return {
    file: normalizePath(path.resolve(line.positional[0])),
    write: line.flags.has('--write'),
    json: line.flags.has('--json'),
    deadlineMs: line.integers['--deadline'] ?? DEFAULT_DEADLINE_MS,
    settings: line.settings,
  };
}

/** One line per error, in file order: its repair, or why it has none; then what was done. */
export function formatRepair(result: FileRepair, text: string, written: boolean, cwd = process.cwd()): string {
  const where = (e: CompilerError) => {
    const { line, column } = lineColumnOf(text, e.start);
    return `${path.relative(cwd, result.file) || result.file}:${line}:${column}`;
  };
  const firstLine = (message: string) => message.split('\n')[0];
  const lines = [
    ...result.fixed.map((r) => ({
      at: r.target.start,
      line: `${where(r.target)}  TS${r.target.code} ${firstLine(r.target.message)}\n    fix: ${r.description}`,
    })),
    ...result.unfixed.map((u) => ({
      at: u.target.start,
      line: `${where(u.target)}  TS${u.target.code} ${firstLine(u.target.message)}\n    not fixed: ${u.reason}`,
    })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((l) => l.line);
  const total = result.fixed.length + result.unfixed.length;
  if (!total) return `${path.relative(cwd, result.file) || result.file}: no errors`;
  const done = !result.fixed.length ? '' : written ? ', applied' : ' (--write applies them)';
  return [...lines, `${result.fixed.length} of ${total} errors have a verified repair${done}`].join('\n');
}
