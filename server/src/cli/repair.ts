import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SpackleError } from '../errors.js';
import { repairFile } from '../repair/file.js';
import type { CompilerError, FileRepair } from '../repair/types.js';
import { applyChanges } from '../repair/verify.js';
import { normalizePath } from '../workspace/tsconfig.js';
import { Workspace } from '../workspace/workspace.js';
import { lineColumnOf } from './location.js';

export const REPAIR_USAGE = 'usage: spackle repair FILE [--write] [--json] [--deadline MS]';
/** Not interactive: each error may take its time (its candidates are bounded), so that the result does not depend on
 * the machine's speed or load. */
const DEFAULT_DEADLINE_MS = 10_000;

interface RepairArguments {
  file: string;
  write: boolean;
  json: boolean;
  deadlineMs: number;
}

/**
 * `spackle repair FILE [--write] [--json] [--deadline MS]`: the best verified repair of each compiler error, proven
 * together on the whole file; `--write` applies them. Exits 0 when no error is left unrepaired, 1 otherwise, as
 * `eslint --fix` does, so that a script or CI can tell.
 */
export async function repairCommand(args: string[], io: { out(text: string): void }): Promise<number> {
  const { file, write, json, deadlineMs } = parseRepairArguments(args);
  const workspace = new Workspace([path.dirname(file)]);
  const text = workspace.files.text(file);
  if (text === undefined) throw new SpackleError('unknownFile', `cannot read ${file}`);
  workspace.snapshot(file);
  const result = await repairFile(workspace, file, { deadlineMs });
  if (write && result.changes.length) writeFileSync(file, applyChanges(text, result.changes));
  io.out(json ? JSON.stringify({ ...result, written: write && result.changes.length > 0 }, null, 2) : formatRepair(result, text, write));
  return result.unfixed.length ? 1 : 0;
}

function parseRepairArguments(args: string[]): RepairArguments {
  const files: string[] = [];
  const parsed = { write: false, json: false, deadlineMs: DEFAULT_DEADLINE_MS };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--write') parsed.write = true;
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--deadline') {
      const ms = Number(args[++i]);
      if (!Number.isInteger(ms) || ms < 10 || ms > 60_000) throw new SpackleError('invalidParams', `--deadline must be an integer from 10 to 60000; ${REPAIR_USAGE}`);
      parsed.deadlineMs = ms;
    } else if (arg.startsWith('-')) throw new SpackleError('invalidParams', `unknown option ${arg}; ${REPAIR_USAGE}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new SpackleError('invalidParams', REPAIR_USAGE);
  return { file: normalizePath(path.resolve(files[0])), ...parsed };
}

/** One line per error, in file order: its repair, or why it has none; then what was done. */
export function formatRepair(result: FileRepair, text: string, written: boolean, cwd = process.cwd()): string {
  const where = (e: CompilerError) => {
    const { line, column } = lineColumnOf(text, e.start);
    return `${path.relative(cwd, result.file) || result.file}:${line}:${column}`;
  };
  const firstLine = (message: string) => message.split('\n')[0];
  const lines = [
    ...result.fixed.map((r) => ({ at: r.target.start, line: `${where(r.target)}  TS${r.target.code} ${firstLine(r.target.message)}\n    fix: ${r.description}` })),
    ...result.unfixed.map((u) => ({ at: u.target.start, line: `${where(u.target)}  TS${u.target.code} ${firstLine(u.target.message)}\n    not fixed: ${u.reason}` })),
  ].sort((a, b) => a.at - b.at).map((l) => l.line);
  const total = result.fixed.length + result.unfixed.length;
  if (!total) return `${path.relative(cwd, result.file) || result.file}: no errors`;
  const done = !result.fixed.length ? '' : written ? ', applied' : ' (--write applies them)';
  return [...lines, `${result.fixed.length} of ${total} errors have a verified repair${done}`].join('\n');
}
