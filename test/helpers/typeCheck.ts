import * as path from 'node:path';
import ts from 'typescript';

/** The ChatLSP declaration of holes: the `_()` a fill leaves inside it type-checks as whatever it must be. */
const HOLE_DECLARATION = { name: '__spackle_holes__.d.ts', text: 'declare function _<T>(): T;' };

/** Parsed files shared by every check: the libraries are parsed once, not per check. */
const parsed = new Map<string, ts.SourceFile>();

/**
 * The compiler's errors in `file` when it reads `text`, in a fresh program of the project at `dir` (its tsconfig),
 * independent of the server under test. Formatted `line:col message`.
 */
export function typeErrors(dir: string, file: string, text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(dir, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error(`cannot read ${dir}/tsconfig.json`);
  const host = ts.createCompilerHost(config.options);
  const target = path.resolve(file);
  const holes = path.join(dir, HOLE_DECLARATION.name);
  host.getSourceFile = (name, languageVersion) => {
    const full = path.resolve(name);
    const content = full === target ? text : full === holes ? HOLE_DECLARATION.text : ts.sys.readFile(full);
    if (content === undefined) return undefined;
    const key = `${full}\0${content}`;
    let sourceFile = parsed.get(key);
    if (!sourceFile) parsed.set(key, (sourceFile = ts.createSourceFile(name, content, languageVersion)));
    return sourceFile;
  };
  const program = ts.createProgram([...config.fileNames, holes], config.options, host);
  const sourceFile = program.getSourceFile(target)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((d) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
