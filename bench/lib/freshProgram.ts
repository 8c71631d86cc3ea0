/**
 * Every verdict of the benches comes from here: one file type-checked in a ts.Program built from scratch for each text,
 * nothing of the server's (no LanguageService, no old program); only the parse of unchanged files is shared, as tsc's
 * watch mode shares it.
 */
import ts from 'typescript';

/** An error of the checked file; position-free key below makes errors comparable across texts. */
export interface FileError {
  code: number;
  start: number;
  message: string;
}

/** What a fresh program is built from: plain data, so that it can be sent to a worker. */
export interface ProgramInit {
  rootNames: readonly string[];
  options: ts.CompilerOptions;
  projectReferences: readonly ts.ProjectReference[] | undefined;
}

/**
 * Type-checks one file of a project in a fresh ts.Program and checker built from scratch for each text: no
 * LanguageService, no old program, nothing of the server's. Only the parse of the other (unchanged) files is shared
 * between checks, as tsc's own watch mode and tsserver's document registry share it. Runs inside the worker of
 * `FreshChecker`.
 */
export class FreshProgram {
  private readonly parsed = new Map<string, ts.SourceFile | undefined>();
  private readonly host: ts.CompilerHost;
  private readonly rootNames: readonly string[];
  private readonly options: ts.CompilerOptions;
  private readonly projectReferences: readonly ts.ProjectReference[] | undefined;
  private edited?: { fileName: string; text: string };

  constructor(init: ProgramInit) {
    this.rootNames = init.rootNames;
    this.options = init.options;
    this.projectReferences = init.projectReferences;
    const host = ts.createCompilerHost(this.options, true);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (name) => (name === this.edited?.fileName ? this.edited.text : readFile(name));
    host.getSourceFile = (name, language, onError) => {
      if (name === this.edited?.fileName) return ts.createSourceFile(name, this.edited.text, language, true);
      if (!this.parsed.has(name)) this.parsed.set(name, getSourceFile(name, language, onError));
      return this.parsed.get(name);
    };
    this.host = host;
  }

  /** The errors (syntactic and semantic) of `fileName` when it holds `text`. */
  errors(fileName: string, text: string): FileError[] {
    this.edited = { fileName, text };
    try {
      const program = ts.createProgram({
        rootNames: this.rootNames,
        options: this.options,
        host: this.host,
        projectReferences: this.projectReferences,
      });
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile) throw new Error(`${fileName} is not part of the fresh program`);
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => ({
          code: d.code,
          start: d.start ?? 0,
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        }));
    } finally {
      this.edited = undefined;
    }
  }
}
