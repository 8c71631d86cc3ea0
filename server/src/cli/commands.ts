/**
 * The CLI's subcommands over the core: `context`, `fill`, `holes`, `demo` (`repair` and `doctor` have files of their
 * own), each writing human-readable text or `--json` to its `Output` and returning the exit code; a refused request
 * (unknown file, bad position) is thrown as the core's `SpackleError` for main.ts to report.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Analysis, FillResult, isScriptFile, normalizePath } from '../analysis.js';
import { Budget } from '../budget.js';
import { DEFAULT_SETTINGS } from '../config.js';
import { SpackleError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { CLI_FILL_DEADLINE_MS, parseFillArguments, withFillDeadline } from './fillArguments.js';
import { fillLines, formatContext, formatFill, formatHoles, TextOf } from './format.js';
import { offsetOf, parseFileLocation } from './location.js';

/** The demo fills with the embedded engine and the default settings, but the command line's budget. */
const DEMO_SETTINGS = withFillDeadline(DEFAULT_SETTINGS, CLI_FILL_DEADLINE_MS);

export interface Output {
  out(text: string): void;
}

function textOf(analysis: Analysis): TextOf {
  return (file) => analysis.files.text(file) ?? '';
}

function readable(analysis: Analysis, file: string): string {
  const text = analysis.files.text(normalizePath(file));
  if (text === undefined) throw new SpackleError('unknownFile', `cannot read ${file}`);
  return text;
}

/** `spackle context FILE:LINE:COL [--json]` */
export function contextCommand(args: string[], io: Output): number {
  const location = parseFileLocation(args.find((a) => !a.startsWith('--')));
  const analysis = new Analysis();
  const offset = offsetOf(readable(analysis, location.file), location.line, location.column);
  const ctx = analysis.holeContext(location.file, offset, {});
  io.out(args.includes('--json') ? JSON.stringify(ctx, null, 2) : formatContext(ctx, textOf(analysis)));
  return 0;
}

/** `spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--engine E --base-url URL --model M] [--json]` */
export async function fillCommand(args: string[], io: Output): Promise<number> {
  const { location, settings, json } = parseFillArguments(args);
  const analysis = new Analysis([], { settings: () => settings, logger: stderrLogger(settings.logLevel) });
  const offset = offsetOf(readable(analysis, location.file), location.line, location.column);
  // The deadline budgets filling, not loading the project.
  analysis.load(location.file);
  const result = await analysis.fill(location.file, offset, settings.fill.limit, Budget.unlimited);
  io.out(json ? JSON.stringify(result, null, 2) : formatFill(result, textOf(analysis)));
  return 0;
}

/**
 * The embedded engine, with the default settings but the command line's budget. The project is loaded first: the
 * deadline budgets filling, and a cold start would spend it all on loading.
 */
function fillWarm(analysis: Analysis, file: string, offset: number): Promise<FillResult> {
  analysis.load(file);
  return analysis.fill(file, offset, DEMO_SETTINGS.fill.limit, Budget.unlimited);
}

/** `spackle holes FILE [--json]` */
export function holesCommand(args: string[], io: Output): number {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new SpackleError('invalidParams', 'usage: spackle holes FILE [--json]');
  const analysis = new Analysis();
  const full = normalizePath(file);
  readable(analysis, full);
  const holes = analysis.holes(full);
  io.out(args.includes('--json') ? JSON.stringify(holes, null, 2) : formatHoles(full, holes, textOf(analysis)));
  return 0;
}

/** `spackle demo [DIR]`: every hole of every file of a project, with its context and its fills. */
export async function demoCommand(args: string[], io: Output, defaultDir: string): Promise<number> {
  const dir = normalizePath(args.find((a) => !a.startsWith('--')) ?? defaultDir);
  const analysis = new Analysis([dir], { settings: () => DEMO_SETTINGS });
  const files = scriptFilesUnder(dir);
  let count = 0;
  for (const file of files) {
    for (const { hole } of analysis.holes(file)) {
      const started = performance.now();
      const ctx = analysis.holeContext(file, hole.start, {});
      const ms = performance.now() - started;
      const fills = fillLines(await fillWarm(analysis, file, hole.start));
      io.out(`${formatContext(ctx, textOf(analysis), dir)}\n  (context in ${ms.toFixed(1)} ms)\n${fills.join('\n')}\n`);
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
