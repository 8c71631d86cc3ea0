/**
 * One TypeScript project, configured by a tsconfig or inferred for loose files, and the LanguageService over it.
 * The host serves open documents from memory and everything else from disk, both through the FileStore. A project
 * with `references` reads the referenced projects' sources, never their build output (tsserver's
 * useSourceOfProjectReferenceRedirect): nothing need be built, and an edit in one package is seen at once in the
 * others.
 */
import * as path from 'node:path';
import ts from 'typescript';
import type { ConfigCache } from './configs.js';
import { FileStore } from './files.js';
import { INFERRED_OPTIONS, normalizePath, ParsedConfig } from './tsconfig.js';

/**
 * JSDoc is parsed only where it carries types (JS files); Spackle reads no doc comments, and skipping them makes
 * parsing a large project markedly faster, as tsc does.
 */
export const JSDOC_PARSING = ts.JSDocParsingMode.ParseForTypeErrors;

/** What a project without a config is made of. */
const INFERRED_CONFIG: ParsedConfig = { options: INFERRED_OPTIONS, fileNames: [], errors: [], sources: [] };

/** What the compiler host of every program of a project (its own and speculative ones) takes from the project. */
export type ProgramHostPart = Pick<
  ts.CompilerHost,
  'resolveModuleNameLiterals' | 'getModuleResolutionCache' | 'getParsedCommandLine'
> & {
  /** Internal to the compiler host, public on the language service host. */
  useSourceOfProjectReferenceRedirect(): boolean;
};

export class Project {
  readonly service: ts.LanguageService;
  private config: ParsedConfig;
  /** Files outside the config's include list that were opened in this project. */
  private readonly extraRoots = new Set<string>();
  private projectVersion = 0;
  private resolutions: { cache: ts.ModuleResolutionCache; layout: number } | undefined;
  /**
   * The compiler host of the program being made. During that, its `fileExists` also answers for the build output
   * of referenced projects (which need not exist): module resolution asks through it, as tsserver's does.
   */
  private programHost: ts.ModuleResolutionHost | undefined;

  constructor(
    readonly configPath: string | undefined,
    readonly directory: string,
    private readonly files: FileStore,
    private readonly configs: ConfigCache,
    registry: ts.DocumentRegistry,
  ) {
    this.config = configPath ? configs.get(configPath) : INFERRED_CONFIG;
    this.service = ts.createLanguageService(this.createHost(), registry);
  }

  get name(): string {
    return this.configPath ?? `inferred project (${this.directory})`;
  }

  get compilerOptions(): ts.CompilerOptions {
    return this.config.options;
  }

  get configErrors(): readonly ts.Diagnostic[] {
    return this.config.errors;
  }

  /** The configs read for this project: its own and those it extends, nearest first. */
  get configSources(): readonly string[] {
    return this.config.sources;
  }

  /**
   * Takes the config as the cache now has it (parsed again after a config or the file list changed). Returns
   * whether anything changed.
   */
  refresh(): boolean {
    if (!this.configPath) return false;
    const config = this.configs.get(this.configPath);
    if (config === this.config) return false;
    const optionsChanged = config.options !== this.config.options;
    this.config = config;
    if (optionsChanged) this.resolutions = undefined;
    this.markDirty();
    return true;
  }

  includesByConfig(fileName: string): boolean {
    return this.configPath !== undefined && this.configs.lists(this.config, fileName);
  }

  contains(fileName: string): boolean {
    return this.extraRoots.has(fileName) || this.includesByConfig(fileName);
  }

  addRoot(fileName: string): void {
    if (this.contains(fileName)) return;
    this.extraRoots.add(fileName);
    this.markDirty();
  }

  removeRoot(fileName: string): void {
    if (this.extraRoots.delete(fileName)) this.markDirty();
  }

  get isEmpty(): boolean {
    return this.extraRoots.size === 0 && this.config.fileNames.length === 0;
  }

  /** Something the program depends on changed (a document, a file on disk, the root set). */
  markDirty(): void {
    this.projectVersion++;
  }

  /** The up-to-date program; building it is the expensive step after an edit. */
  program(): ts.Program {
    const program = this.service.getProgram();
    if (!program) throw new Error(`TypeScript could not build ${this.name}`);
    return program;
  }

  sourceFile(fileName: string): ts.SourceFile | undefined {
    return this.program().getSourceFile(fileName);
  }

  dispose(): void {
    this.service.dispose();
  }

  /**
   * What every program of the project needs of its compiler host, a speculative program's too (`host` is that
   * program's own). Module resolution goes through a cache kept across programs: the compiler otherwise starts each
   * program with an empty one, resolving the edited file's imports again and, for every file under node_modules (or
   * every file, under node16), looking up the package.json that scopes it.
   */
  programHostPart(host?: ts.ModuleResolutionHost): ProgramHostPart {
    return {
      resolveModuleNameLiterals: (literals, containingFile, redirected, options, containingSourceFile) => {
        const cache = this.resolutionCache();
        const through = host ?? this.programHost ?? this.moduleHost;
        return literals.map((literal) =>
          ts.resolveModuleName(
            literal.text,
            containingFile,
            options,
            through,
            cache,
            redirected,
            ts.getModeForUsageLocation(containingSourceFile, literal, options),
          ),
        );
      },
      getModuleResolutionCache: () => this.resolutionCache(),
      useSourceOfProjectReferenceRedirect: () => true,
      // Referenced configs are read as the project's own is: deprecated options tolerated.
      getParsedCommandLine: (configFile) => this.configs.get(configFile),
    };
  }

  /** The cache holds while no file appears, disappears or changes on disk (an open document's edits leave it). */
  private resolutionCache(): ts.ModuleResolutionCache {
    if (this.resolutions?.layout !== this.files.layout) {
      const caseFold = (f: string) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase());
      const cache = ts.createModuleResolutionCache(this.directory, caseFold, this.config.options);
      this.resolutions = { cache, layout: this.files.layout };
    }
    return this.resolutions.cache;
  }

  /** The files as the project sees them: open documents from memory, the rest from disk. */
  private readonly moduleHost = {
    fileExists: (f: string) => this.files.exists(normalizePath(f)),
    readFile: (f: string) => this.files.text(normalizePath(f)),
    directoryExists: ts.sys.directoryExists,
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => this.directory,
    getDirectories: ts.sys.getDirectories,
    useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
  } satisfies ts.ModuleResolutionHost;

  private rootNames(): string[] {
    return [...this.config.fileNames, ...this.extraRoots];
  }

  private createHost(): ts.LanguageServiceHost {
    const files = this.files;
    const host: ts.LanguageServiceHost & { setCompilerHost(host: ts.CompilerHost): void } = {
      getProjectVersion: () => `${files.generation}:${this.projectVersion}`,
      getScriptFileNames: () => this.rootNames(),
      getScriptVersion: (f) => files.version(normalizePath(f)),
      getScriptSnapshot: (f) => files.snapshot(normalizePath(f)),
      getCompilationSettings: () => this.config.options,
      getProjectReferences: () => this.config.projectReferences,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      readDirectory: ts.sys.readDirectory,
      ...this.moduleHost,
      jsDocParsingMode: JSDOC_PARSING,
      ...this.programHostPart(),
      // Internal: the language service hands over the compiler host of each program it makes.
      setCompilerHost: (compilerHost) => {
        this.programHost = compilerHost;
      },
    };
    return host;
  }
}

export function projectDirectory(configPath: string | undefined, fallback: string): string {
  return configPath ? normalizePath(path.dirname(configPath)) : normalizePath(fallback);
}
