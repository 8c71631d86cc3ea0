import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../config.js';
import { fillWithEngine } from '../engines.js';
import { SpackleError } from '../errors.js';
import { holeContextAt, holesIn } from '../holes/context.js';
import { stderrLogger } from '../log.js';
import { fillHole } from '../synth/fill.js';
import type { FillResult } from '../synth/fillData.js';
import { isScriptFile, normalizePath } from '../workspace/tsconfig.js';
import { Workspace } from '../workspace/workspace.js';
import { CLI_FILL_DEADLINE_MS, parseFillArguments, withFillDeadline } from './fillArguments.js';
import { fillLines, formatContext, formatFill, formatHoles, TextOf } from './format.js';
import { offsetOf, parseFileLocation } from './location.js';

export interface Output {
  out(text: string): void;
}

function textOf(workspace: Workspace): TextOf {
  return (file) => workspace.files.text(file) ?? '';
}

function readable(workspace: Workspace, file: string): string {
  const text = workspace.files.text(normalizePath(file));
  if (text === undefined) throw new SpackleError('unknownFile', `cannot read ${file}`);
  return text;
}

/** `spackle context FILE:LINE:COL [--json]` */
export function contextCommand(args: string[], io: Output): number {
  const location = parseFileLocation(args.find((a) => !a.startsWith('--')));
  const workspace = new Workspace();
  const offset = offsetOf(readable(workspace, location.file), location.line, location.column);
  const ctx = holeContextAt(workspace, location.file, offset);
  io.out(args.includes('--json') ? JSON.stringify(ctx, null, 2) : formatContext(ctx, textOf(workspace)));
  return 0;
}

/** `spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--engine E --base-url URL --model M] [--json]` */
export async function fillCommand(args: string[], io: Output): Promise<number> {
  const { location, settings, json } = parseFillArguments(args);
  const workspace = new Workspace();
  const offset = offsetOf(readable(workspace, location.file), location.line, location.column);
  // As fillWarm: the deadline budgets filling, not loading the project.
  workspace.snapshot(location.file);
  const logger = stderrLogger(settings.logLevel);
  const result = await fillWithEngine({ workspace, file: location.file, offset, settings, limit: settings.fill.limit, isCancelled: () => false, logger });
  io.out(json ? JSON.stringify(result, null, 2) : formatFill(result, textOf(workspace)));
  return 0;
}

/**
 * The embedded engine, with the default settings but the command line's budget. The project is loaded first: the
 * deadline budgets filling, and a cold start would spend it all on loading.
 */
function fillWarm(workspace: Workspace, file: string, offset: number): FillResult {
  workspace.snapshot(file);
  return fillHole(workspace, file, offset, withFillDeadline(DEFAULT_SETTINGS, CLI_FILL_DEADLINE_MS).fill);
}

/** `spackle holes FILE [--json]` */
export function holesCommand(args: string[], io: Output): number {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new SpackleError('invalidParams', 'usage: spackle holes FILE [--json]');
  const workspace = new Workspace();
  const full = normalizePath(file);
  readable(workspace, full);
  const holes = holesIn(workspace, full);
  io.out(args.includes('--json') ? JSON.stringify(holes, null, 2) : formatHoles(full, holes, textOf(workspace)));
  return 0;
}

/** `spackle demo [DIR]`: every hole of every file of a project, with its context and its fills. */
export function demoCommand(args: string[], io: Output, defaultDir: string): number {
  const dir = normalizePath(args.find((a) => !a.startsWith('--')) ?? defaultDir);
  const workspace = new Workspace([dir]);
  const files = scriptFilesUnder(dir);
  let count = 0;
  for (const file of files) {
    for (const { hole } of holesIn(workspace, file)) {
      const started = performance.now();
      const ctx = holeContextAt(workspace, file, hole.start);
      const ms = performance.now() - started;
      const fills = fillLines(fillWarm(workspace, file, hole.start));
      io.out(`${formatContext(ctx, textOf(workspace), dir)}\n  (context in ${ms.toFixed(1)} ms)\n${fills.join('\n')}\n`);
      count++;
    }
  }
  io.out(`${count} holes in ${files.length} files of ${path.relative(process.cwd(), dir) || dir}`);
  return 0;
}

function scriptFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...scriptFilesUnder(full));
    else if (isScriptFile(name) && !name.endsWith('.d.ts')) out.push(normalizePath(full));
  }
  return out;
}
