import * as path from 'node:path';
import ts from 'typescript';

export const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** Options of a project that has no tsconfig: strict, modern, JS allowed. */
export const INFERRED_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: true,
  checkJs: false,
  skipLibCheck: true,
  noEmit: true,
  allowNonTsExtensions: true,
};

export interface ParsedConfig {
  fileNames: string[];
  options: ts.CompilerOptions;
  errors: ts.Diagnostic[];
}

/**
 * Parses a tsconfig/jsconfig. Real projects still use options TypeScript 6 deprecates (rxjs has `baseUrl` and
 * `moduleResolution: node`); tsc refuses them without `ignoreDeprecations`, but an editor must load them, so unless
 * the config says otherwise we parse with `ignoreDeprecations: "6.0"`.
 */
export function parseConfig(configPath: string, host: ts.ParseConfigHost = ts.sys): ParsedConfig {
  // The JSON source file keeps what parsed around a syntax error, so a broken tsconfig still gives its options.
  const json = ts.readJsonConfigFile(configPath, host.readFile);
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, host, path.dirname(configPath), { ignoreDeprecations: '6.0' }, configPath);
  // "No inputs were found" is not an error for an editor: open files join the project anyway.
  const syntaxErrors = (json as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const errors = [...syntaxErrors, ...parsed.errors.filter((d) => d.code !== 18003)];
  const options = { ...parsed.options, noEmit: true };
  return { fileNames: parsed.fileNames.map(normalizePath), options, errors };
}

/** The nearest tsconfig.json/jsconfig.json at or above `dir`, not above `ceiling` (when given). */
export function* configsAbove(dir: string, ceiling?: string): Generator<string> {
  let current = dir;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(current, name);
      if (ts.sys.fileExists(candidate)) yield normalizePath(candidate);
    }
    if (ceiling && normalizePath(current) === normalizePath(ceiling)) return;
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** An absolute POSIX path with nothing to resolve: what the compiler passes to a host, thousands of times per program. */
const NORMAL_POSIX = /^\/(?!.*\/\.{1,2}(\/|$))(?!.*\/\/)(?!.*\/$)/;

export function normalizePath(p: string): string {
  if (path.sep === '/' && NORMAL_POSIX.test(p)) return p;
  return path.resolve(p).split(path.sep).join('/');
}

export function isScriptFile(fileName: string): boolean {
  return /\.(m|c)?(t|j)sx?$/.test(fileName) && !fileName.endsWith('.d.ts.map');
}

/** A diagnostic as one line, with its line and column when it has a place. */
export function flattenMessage(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `(${line + 1},${character + 1}) ${text}`;
}
