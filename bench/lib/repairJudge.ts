/**
 * The repair bench's judge, in fresh programs: a code action fixes a mutation when the error is gone, no error is
 * added, and the file is the original again or has its shape (its syntax tree, names and literal values aside).
 */
import ts from 'typescript';
import type { CompilerError, TextChange } from '../../server/src/repair/repairData.js';
import { errorsChanged } from '../../server/src/repair/verify.js';
import { applyChanges } from '../../server/src/workspace/textChanges.js';
import type { FileError, FreshChecker } from './freshCheck.js';

/** A code action as the benchmark judges it. */
export interface ActionVerdict {
  description: string;
  /** The targeted error is gone from the file. */
  removesTarget: boolean;
  /** Errors it adds to those of the mutated file, as `TS<code> <message>`. */
  added: string[];
  /** The file is the original again. */
  exact: boolean;
  /** The file has the original's syntax tree, names and literal values aside. */
  sameShape: boolean;
  /** BENCHMARKS.md §4: the error gone, no new error, and the original text or its shape. */
  fixed: boolean;
  /** TypeScript's fix edits other files (not applied; not fixed). */
  otherFiles?: boolean;
}

/** Judges actions at one mutation in fresh programs, against the original and the mutated file's own errors. */
export class MutationJudge {
  private readonly mutatedErrors: FileError[];
  private readonly originalShape: string;

  constructor(
    private readonly fresh: FreshChecker,
    private readonly file: string,
    private readonly original: string,
    private readonly mutated: string,
    private readonly target: CompilerError,
  ) {
    this.mutatedErrors = fresh.errors(file, mutated);
    this.originalShape = shapeOf(original);
  }

  judge(action: { description: string; changes: TextChange[]; otherFiles?: boolean }): ActionVerdict {
    if (action.otherFiles)
      return {
        description: action.description,
        removesTarget: false,
        added: [],
        exact: false,
        sameShape: false,
        fixed: false,
        otherFiles: true,
      };
    const text = applyChanges(this.mutated, action.changes);
    const { added, kept } = errorsChanged(this.mutatedErrors, this.fresh.errors(this.file, text), action.changes, [
      this.target,
    ]);
    const exact = text === this.original;
    const sameShape = exact || shapeOf(text) === this.originalShape;
    const removesTarget = kept.length === 0;
    return {
      description: action.description,
      removesTarget,
      added: added.map((e) => `TS${e.code} ${e.message}`),
      exact,
      sameShape,
      fixed: removesTarget && added.length === 0 && sameShape,
    };
  }
}

/**
 * The kinds of a file's syntax tree in order: what stays when names and literal values are set aside. Imports are
 * a set: where an import stands among them changes nothing.
 */
function shapeOf(text: string): string {
  const kinds = (node: ts.Node): string => {
    const out: number[] = [];
    const visit = (n: ts.Node): void => {
      out.push(n.kind);
      ts.forEachChild(n, visit);
    };
    visit(node);
    return out.join(',');
  };
  const { statements } = ts.createSourceFile('shape.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports = statements.filter(ts.isImportDeclaration).map(kinds).sort();
  return [...imports, ...statements.filter((s) => !ts.isImportDeclaration(s)).map(kinds)].join(';');
}
