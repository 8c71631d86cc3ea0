import * as path from 'node:path';
import ts from 'typescript';
import { FileStore } from './files.js';
import { INFERRED_OPTIONS, normalizePath, parseConfig } from './tsconfig.js';

/**
 * JSDoc is parsed only where it carries types (JS files); Spackle reads no doc comments, and skipping them makes
 * parsing a large project markedly faster, as tsc does.
 */
export const JSDOC_PARSING = ts.JSDocParsingMode.ParseForTypeErrors;

/**
 * One TypeScript project: a tsconfig (or an inferred project for loose files) and the LanguageService over it.
 * The host serves open documents from memory and everything else from disk, both through the FileStore.
 */
export class Project {
  readonly service: ts.LanguageService;
  private options: ts.CompilerOptions;
  private configFiles: string[];
  /** Files outside the config's include list that were opened in this project. */
  private readonly extraRoots = new Set<string>();
  private projectVersion = 0;
  private resolutions: { cache: ts.ModuleResolutionCache; layout: number } | undefined;
  configErrors: ts.Diagnostic[];
  /**
   * Module resolution through a cache kept across programs: the compiler otherwise starts each program with an empty
   * one, resolving the edited file's imports again and, for every file under node_modules (or every file, under
   * node16), looking up the package.json that scopes it. Speculative programs resolve through it too.
   */
  readonly resolution: Pick<ts.CompilerHost, 'resolveModuleNameLiterals' | 'getModuleResolutionCache'> = {
    resolveModuleNameLiterals: (literals, containingFile, redirected, options, containingSourceFile) => {
      const cache = this.resolutionCache();
      return literals.map((literal) => ts.resolveModuleName(literal.text, containingFile, options, this.moduleHost, cache, redirected,
        ts.getModeForUsageLocation(containingSourceFile, literal, options)));
    },
    getModuleResolutionCache: () => this.resolutionCache(),
  };

  constructor(
    readonly configPath: string | undefined,
    readonly directory: string,
    private readonly files: FileStore,
    registry: ts.DocumentRegistry,
  ) {
    const parsed = configPath ? parseConfig(configPath) : { fileNames: [], options: { ...INFERRED_OPTIONS }, errors: [] };
    this.options = parsed.options;
    this.configFiles = parsed.fileNames;
    this.configErrors = parsed.errors;
    this.service = ts.createLanguageService(this.createHost(), registry);
  }

  get name(): string {
    return this.configPath ?? `inferred project (${this.directory})`;
  }

  get compilerOptions(): ts.CompilerOptions {
    return this.options;
  }

  /** Re-read the tsconfig (it changed on disk). */
  reload(): void {
    if (!this.configPath) return;
    const parsed = parseConfig(this.configPath);
    this.options = parsed.options;
    this.configFiles = parsed.fileNames;
    this.configErrors = parsed.errors;
    this.resolutions = undefined;
    this.markDirty();
  }

  includesByConfig(fileName: string): boolean {
    return this.configFiles.includes(fileName);
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
    return this.extraRoots.size === 0 && this.configFiles.length === 0;
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

  /** The cache holds while no file appears, disappears or changes on disk (an open document's edits leave it). */
  private resolutionCache(): ts.ModuleResolutionCache {
    if (this.resolutions?.layout !== this.files.layout) {
      const cache = ts.createModuleResolutionCache(this.directory, (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()), this.options);
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
    return [...this.configFiles, ...this.extraRoots];
  }

  private createHost(): ts.LanguageServiceHost {
    const files = this.files;
    return {
      getProjectVersion: () => `${files.generation}:${this.projectVersion}`,
      getScriptFileNames: () => this.rootNames(),
      getScriptVersion: (f) => files.version(normalizePath(f)),
      getScriptSnapshot: (f) => files.snapshot(normalizePath(f)),
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      readDirectory: ts.sys.readDirectory,
      ...this.moduleHost,
      jsDocParsingMode: JSDOC_PARSING,
      ...this.resolution,
    };
  }
}

export function projectDirectory(configPath: string | undefined, fallback: string): string {
  return configPath ? normalizePath(path.dirname(configPath)) : normalizePath(fallback);
}
