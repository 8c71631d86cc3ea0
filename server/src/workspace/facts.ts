/**
 * What Spackle sees of a project, as a user needs it when something is off (`spackle doctor`, the debug log): which
 * config holds a file and the chain that led there, or why no config takes it; what the config extends; how many
 * files the program has and how long it took to load; and what may make answers differ from the user's tsc:
 * options TypeScript 6 deprecates, config errors, files over the size limit. Plain data.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { referencedConfig } from './discovery.js';
import { configsAbove, flattenMessage, normalizePath, parseConfig } from './tsconfig.js';
import { MAX_FILE_CHARS } from './files.js';
import { Workspace } from './workspace.js';

export interface ProjectFacts {
  /** The file asked about. */
  file: string;
  /** The config whose project holds the file; absent for an inferred project. */
  config?: string;
  /** From the nearest config to `config`, through `references`. */
  chain: string[];
  /** The configs `config` extends, nearest first. */
  extends: string[];
  /** No config takes the file: the nearest one, and why it does not. */
  inferred?: { nearest?: string; why: string };
  /** Source files in the program (libraries and packages included), and its first build, ms. */
  programFiles: number;
  loadMs: number;
  options: Record<string, string>;
  /** The config's own errors (the project loads with what could be read). */
  configProblems: string[];
  /** Options TypeScript 6 deprecates, which Spackle reads as they are (`ignoreDeprecations`). */
  deprecated: string[];
  /** Files of the project too large to analyse. */
  tooLarge: string[];
}

/** Options that decide how files are read and checked. */
const SHOWN_OPTIONS = [
  'target',
  'module',
  'moduleResolution',
  'jsx',
  'strict',
  'allowJs',
  'checkJs',
  'composite',
] as const;

/** The facts of the project holding `file`, loading it (the first build is timed). */
export function projectFacts(workspace: Workspace, file: string): ProjectFacts {
  const choice = workspace.projectChoice(file);
  const project = workspace.projectFor(file);
  const started = performance.now();
  const { program } = workspace.snapshot(file);
  const loadMs = performance.now() - started;
  const config = choice.config;
  return {
    file: normalizePath(file),
    config,
    chain: config !== undefined ? choice.chain : [],
    extends: project.configSources.slice(1),
    inferred: config === undefined ? { nearest: choice.nearest, why: choice.why } : undefined,
    programFiles: program.getSourceFiles().length,
    loadMs,
    options: shownOptions(project.compilerOptions),
    configProblems: project.configErrors.map(flattenMessage),
    deprecated: config ? deprecatedOptions(config) : [],
    tooLarge: program
      .getRootFileNames()
      .filter((f) => (statSync(f, { throwIfNoEntry: false })?.size ?? 0) > MAX_FILE_CHARS),
  };
}

export function shownOptions(options: ts.CompilerOptions): Record<string, string> {
  const shown: Record<string, string> = {};
  const names: Partial<Record<(typeof SHOWN_OPTIONS)[number], Map<number, string>>> = {
    target: namesOf(ts.ScriptTarget),
    module: namesOf(ts.ModuleKind),
    moduleResolution: namesOf(ts.ModuleResolutionKind),
    jsx: namesOf(ts.JsxEmit),
  };
  for (const option of SHOWN_OPTIONS) {
    const value = options[option];
    if (value === undefined) continue;
    const named = typeof value === 'number' ? names[option]?.get(value) : undefined;
    shown[option] = named ?? String(value);
  }
  return shown;
}

/** Names TypeScript's enums keep for other names' values. */
const ALIASES = new Set(['Latest', 'NodeJs']);

/** An enum's value names, aliases aside (`ESNext`, not `Latest`). */
function namesOf(values: object): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(values))
    if (typeof value === 'number' && !ALIASES.has(name)) names.set(value, name);
  return names;
}

/**
 * The options of a config TypeScript 6 deprecates: what tsc 6 refuses unless `ignoreDeprecations` is set, and
 * TypeScript 7 will not read.
 */
export function deprecatedOptions(configPath: string): string[] {
  const raw = ts.readJsonConfigFile(configPath, ts.sys.readFile);
  if (/"ignoreDeprecations"/.test(raw.text)) return [];
  const parsed = ts.parseJsonSourceFileConfigFileContent(raw, ts.sys, path.dirname(configPath), undefined, configPath);
  const diagnostics = ts.createProgram({ rootNames: [], options: parsed.options }).getOptionsDiagnostics();
  const names = diagnostics.map(
    (d) => /Option '([^']+)' is deprecated/.exec(ts.flattenDiagnosticMessageText(d.messageText, ' '))?.[1],
  );
  return [...new Set(names.filter((n): n is string => !!n))];
}

/**
 * The configs a folder's project is made of: the nearest config at or above it, and what it references, recursively.
 */
export function configsOfFolder(folder: string): string[] {
  const found: string[] = [];
  const visit = (configPath: string) => {
    if (found.includes(configPath) || !ts.sys.fileExists(configPath)) return;
    found.push(configPath);
    for (const reference of parseConfig(configPath).projectReferences ?? []) visit(referencedConfig(reference.path));
  };
  const nearest = configsAbove(normalizePath(folder)).next();
  if (!nearest.done) visit(nearest.value);
  return found;
}
