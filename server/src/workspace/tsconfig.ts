/**
 * Reading one tsconfig/jsconfig as the compiler does, and the path helpers every part of the workspace shares.
 * Nothing here decides which project a file belongs to (discovery.ts does) or keeps anything (configs.ts does).
 */
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

/** A parsed config: the compiler's own result, its JSON syntax errors among `errors`. */
export interface ParsedConfig extends ts.ParsedCommandLine {
  /** Every config file read for it: itself and the chain it extends, nearest first. */
  sources: string[];
}

/** What the compiler keeps of a config's include/exclude/files (internal, stable across TypeScript 6). */
interface ConfigFileSpecs {
  validatedFilesSpec?: readonly string[];
  validatedIncludeSpecs?: readonly string[];
  validatedExcludeSpecs?: readonly string[];
  isDefaultIncludeSpec: boolean;
}

/** The compiler's own matchers of include/exclude specs (internal, exported at run time). */
const internal = ts as unknown as {
  getPatternFromSpec(spec: string, basePath: string, usage: 'files' | 'directories' | 'exclude'): string | undefined;
  getRegexFromPattern(pattern: string, useCaseSensitiveFileNames: boolean): RegExp;
  isExcludedFile(file: string, specs: ConfigFileSpecs, basePath: string, caseSensitive: boolean, cwd: string): boolean;
};

/**
 * Parses a tsconfig/jsconfig. Real projects still use options TypeScript 6 deprecates (rxjs has `baseUrl` and
 * `moduleResolution: node`); tsc refuses them without `ignoreDeprecations`, but an editor must load them, so unless
 * the config says otherwise we parse with `ignoreDeprecations: "6.0"`. A jsconfig gets the compiler's jsconfig
 * defaults (allowJs and the rest) from the parser itself, as tsc and tsserver do.
 */
export function parseConfig(
  configPath: string,
  host: ts.ParseConfigHost = ts.sys,
  extendedCache?: Map<string, ts.ExtendedConfigCacheEntry>,
): ParsedConfig {
  // The JSON source file keeps what parsed around a syntax error, so a broken tsconfig still gives its options.
  const json = ts.readJsonConfigFile(configPath, host.readFile);
  const parsed = ts.parseJsonSourceFileConfigFileContent(
    json,
    host,
    path.dirname(configPath),
    { ignoreDeprecations: '6.0' },
    configPath,
    undefined,
    undefined,
    extendedCache,
  );
  // "No inputs were found" is not an error for an editor: open files join the project anyway.
  const syntaxErrors = (json as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const errors = [...syntaxErrors, ...parsed.errors.filter((d) => d.code !== 18003)];
  const sources = [configPath, ...(json.extendedSourceFiles ?? [])].map(normalizePath);
  return { ...parsed, fileNames: parsed.fileNames.map(normalizePath), errors, sources };
}

/** The config files at or above `dir`, nearest first, up to the file system's root: tsconfig before jsconfig. */
export function* configsAbove(dir: string): Generator<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(current, name);
      if (ts.sys.fileExists(candidate)) yield normalizePath(candidate);
    }
    if (path.dirname(current) === current) return;
  }
}

/**
 * Would the config take `file` if it were on disk? Its list is made from the disk; a document not saved yet, or one
 * created since, is judged by the config's own include, exclude and files, as the compiler would list it.
 */
export function matchesSpecs(config: ParsedConfig, file: string): boolean {
  return whyNotMatched(config, file) === undefined;
}

/** Why the config does not take `file`, in words for the user; undefined when it does. */
export function whyNotMatched(config: ParsedConfig, file: string): string | undefined {
  const specs = specsOf(config.options.configFile as ts.TsConfigSourceFile | undefined);
  const configPath = config.sources[0];
  const base = path.dirname(configPath);
  if (!hasSupportedExtension(config.options, file)) {
    return /\.(m|c)?jsx?$/.test(file)
      ? 'it does not allow JavaScript (allowJs or checkJs)'
      : 'its extension is not one it compiles';
  }
  if (!specs) return config.fileNames.includes(file) ? undefined : 'it does not list it';
  const caseSensitive = ts.sys.useCaseSensitiveFileNames;
  if (specs.validatedFilesSpec?.some((f) => normalizePath(path.resolve(base, f)) === file)) return undefined;
  const includes = specs.validatedIncludeSpecs ?? [];
  const included = includes.some((spec) => {
    const pattern = internal.getPatternFromSpec(spec, base, 'files');
    return pattern !== undefined && internal.getRegexFromPattern(`(?:${pattern})$`, caseSensitive).test(file);
  });
  if (!included) {
    if (specs.validatedFilesSpec && !includes.length) {
      return specs.validatedFilesSpec.length ? 'its "files" do not name it' : 'it is a solution: its "files" are empty';
    }
    return `its "include" (${includes.map((s) => JSON.stringify(s)).join(', ')}) does not match it`;
  }
  if (internal.isExcludedFile(file, specs, base, caseSensitive, base)) return 'its "exclude" leaves it out';
  return undefined;
}

function specsOf(configFile: ts.TsConfigSourceFile | undefined): ConfigFileSpecs | undefined {
  return (configFile as { configFileSpecs?: ConfigFileSpecs } | undefined)?.configFileSpecs;
}

function hasSupportedExtension(options: ts.CompilerOptions, file: string): boolean {
  const allowJs = options.allowJs ?? options.checkJs ?? false;
  if (/\.(m|c)?jsx?$/.test(file)) return allowJs;
  return /\.(m|c)?tsx?$/.test(file);
}

/**
 * An absolute POSIX path with nothing to resolve: what the compiler passes to a host, thousands of times per program.
 */
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
