/**
 * Speculative programs: a file's program with another text for that one file, every other SourceFile shared with the
 * real program. Invariant: a speculative program never touches the project's real one (editors keep its checker
 * warm), and none is made for a file over 1M characters.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { SpackleError } from '../errors.js';
import { parsedAs } from './reparse.js';
import { warmSnapshot } from './warmChecker.js';
import type { FileSnapshot } from './workspace.js';

/**
 * The largest file a speculative program is built for: it parses the whole file again (a copy cannot reuse the
 * real tree), which takes a second or more for a few megabytes and would hold up every other request meanwhile.
 */
export const MAX_SPECULATIVE_CHARS = 1024 * 1024;

export interface SpeculativeOptions {
  /** Check with the file's warm checker where it may. */
  warm?: boolean;
  /** The blanks among the changes that made the text (`textChanges.ts`): code removed, no text added. */
  blanks?: ReadonlyArray<{ start: number; end: number; text: string }>;
}

/**
 * A throw-away program in which one file has other text: the way to ask the checker "what if the code said this".
 * Every other SourceFile is shared with the base program, so only the edited file is parsed and bound again, and
 * the project's real program (and the checker editors keep) stays untouched. With `warm`, the project's warm
 * checker checks the text where it judges as a fresh program would (`warmChecker.ts`).
 */
export function speculativeSnapshot(
  base: FileSnapshot,
  text: string,
  { warm = false, blanks = [] }: SpeculativeOptions = {},
): FileSnapshot {
  const fileName = base.sourceFile.fileName;
  if (text.length > MAX_SPECULATIVE_CHARS) {
    throw new SpackleError(
      'tooLarge',
      `${path.basename(fileName)} is too large for fills, repairs and holes at the cursor ` +
        `(${text.length} characters; each parses it again, up to ${MAX_SPECULATIVE_CHARS} are taken): ` +
        'explicit holes _() still have their context',
    );
  }
  const edited = parsedAs(base.program, base.sourceFile, text);
  const fresh = () => freshSnapshot(base, edited);
  return (warm && warmSnapshot(base, edited, fresh, blanks)) || fresh();
}

/** The speculative program itself. */
function freshSnapshot(base: FileSnapshot, edited: ts.SourceFile): FileSnapshot {
  const options = base.program.getCompilerOptions();
  const { fileName, text } = edited;
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion) =>
    name === fileName ? edited : (base.program.getSourceFile(name) ?? sourceFromDisk(name, languageVersion, readFile));
  host.readFile = (name) => (name === fileName ? text : readFile(name));
  host.fileExists = (name) =>
    name === fileName || base.program.getSourceFile(name) !== undefined || ts.sys.fileExists(name);
  Object.assign(host, base.project.programHostPart(host));
  const program = ts.createProgram({
    rootNames: base.program.getRootFileNames(),
    options,
    host,
    oldProgram: base.program,
    projectReferences: base.program.getProjectReferences(),
  });
  return {
    project: base.project,
    program,
    checker: program.getTypeChecker(),
    sourceFile: program.getSourceFile(fileName) ?? edited,
  };
}

function sourceFromDisk(
  name: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
  read: (f: string) => string | undefined,
) {
  const text = read(name);
  return text === undefined ? undefined : ts.createSourceFile(name, text, languageVersion, true);
}
