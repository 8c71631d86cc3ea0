/**
 * Files TypeScript would take minutes to bind. Its binder adds each declaration of a name to the name's list only if
 * not already there (a linear search), so a scope declaring one name thousands of times (generated or fuzzed code:
 * `export const big = 1;` 60,000 times binds in 11 s) costs time quadratic in the repeats, inside the language
 * service's `getProgram`, which nothing interrupts. Such a file is left out of its project before any program holds
 * it. Invariant: linear in the text, and parsed only when some name is declared that often.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { SpackleError } from '../errors.js';

/** Declarations of one name in one scope past which binding is refused (2,000 bind in ~40 ms, 10,000 in ~0.8 s). */
export const MAX_REPEATS = 2000;

/** A declaration as text: the keyword and the name (a regular expression over the text, linear and fast). */
const DECLARATION = /\b(?:var|let|const|function|class|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/g;

/**
 * Why binding the file would stall the analysis, if it would. The text is scanned first (no name declared that often
 * anywhere: nothing to parse); only then is it parsed to count per scope, as the binder does.
 */
export function slowToBind(fileName: string, text: string): SpackleError | undefined {
  const counts = new Map<string, number>();
  let suspect = false;
  for (const match of text.matchAll(DECLARATION)) {
    const count = (counts.get(match[1]) ?? 0) + 1;
    counts.set(match[1], count);
    if (count > MAX_REPEATS) {
      suspect = true;
      break;
    }
  }
  if (!suspect) return undefined;
  const name = mostRepeated(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest));
  return name === undefined
    ? undefined
    : new SpackleError(
        'tooLarge',
        `${path.basename(fileName)} declares \`${name}\` over ${MAX_REPEATS} times in one scope, ` +
          'which TypeScript takes minutes to bind',
      );
}

/** A name some scope declares over MAX_REPEATS times: statement lists walked (not expressions), names counted. */
function mostRepeated(sourceFile: ts.SourceFile): string | undefined {
  const scopes: ts.Node[] = [sourceFile];
  while (scopes.length) {
    const scope = scopes.pop()!;
    const counts = new Map<string, number>();
    for (const statement of statementsOf(scope)) {
      for (const name of declaredNames(statement)) {
        const count = (counts.get(name) ?? 0) + 1;
        if (count > MAX_REPEATS) return name;
        counts.set(name, count);
      }
      ts.forEachChild(statement, (child) => {
        if (statementsOf(child).length) scopes.push(child);
      });
    }
  }
  return undefined;
}

function statementsOf(node: ts.Node): readonly ts.Statement[] {
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) return node.statements;
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)) return node.body.statements;
  if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) return node.body.statements;
  if (ts.isCaseBlock(node)) return node.clauses.flatMap((clause) => clause.statements);
  return [];
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const name = (statement as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}
