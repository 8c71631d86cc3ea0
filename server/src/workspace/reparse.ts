/**
 * A file's text parsed again as its program parses the file: the same module detection, node format, JSDoc parsing and
 * script kind. What a speculative program and the warm checker put in a file's place.
 */
import ts from 'typescript';
import { JSDOC_PARSING } from './project.js';

/** `text` parsed as `program` parses `file`, under `fileName` (the file's own unless given). */
export function parsedAs(
  program: ts.Program,
  file: ts.SourceFile,
  text: string,
  fileName = file.fileName,
): ts.SourceFile {
  const options = program.getCompilerOptions();
  return ts.createSourceFile(
    fileName,
    text,
    {
      languageVersion: options.target ?? ts.ScriptTarget.Latest,
      impliedNodeFormat: file.impliedNodeFormat,
      setExternalModuleIndicator: (ts as unknown as ModuleDetection).getSetExternalModuleIndicator(options),
      jsDocParsingMode: JSDOC_PARSING,
    },
    true,
    scriptKindOf(fileName),
  );
}

/** Internal to the compiler: how the program tells a module (`moduleDetection`). */
interface ModuleDetection {
  getSetExternalModuleIndicator(options: ts.CompilerOptions): (file: ts.SourceFile) => void;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
