/**
 * Proposals that import an unknown name: the project's exports of that name (or close to it), with the import
 * declaration to add or extend, type-only where only a type is wanted.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { isProjectFile } from '../ts/ast.js';
import type { TextChange } from './repairData.js';

/** A name a project module exports, read from its syntax (cached per SourceFile, so it survives edits elsewhere). */
export interface ExportedName {
  name: string;
  file: string;
  /** A value, a type (interface, type alias), or both (class, enum). */
  meaning: 'value' | 'type' | 'both';
}

const exportsCache = new WeakMap<ts.SourceFile, ExportedName[]>();

/**
 * What a module declares and exports under its own name (re-exports left out: the declaring module is the one to
 * import).
 */
function exportsOf(sourceFile: ts.SourceFile): ExportedName[] {
  let names = exportsCache.get(sourceFile);
  if (!names) {
    names = [];
    const file = sourceFile.fileName;
    for (const statement of sourceFile.statements) {
      const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
      if (
        !modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ||
        modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
      )
        continue;
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations)
          if (ts.isIdentifier(d.name)) names.push({ name: d.name.text, file, meaning: 'value' });
      } else if (ts.isFunctionDeclaration(statement) && statement.name) {
        names.push({ name: statement.name.text, file, meaning: 'value' });
      } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        names.push({ name: statement.name.text, file, meaning: 'both' });
      } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        names.push({ name: statement.name.text, file, meaning: 'type' });
      }
    }
    exportsCache.set(sourceFile, names);
  }
  return names;
}

/** Exports of the project's other modules whose name passes `accept`. */
export function projectExports(
  program: ts.Program,
  here: ts.SourceFile,
  accept: (name: string) => boolean,
): ExportedName[] {
  return program
    .getSourceFiles()
    .filter((sf) => sf !== here && !sf.isDeclarationFile && isProjectFile(sf, program))
    .flatMap((sf) => exportsOf(sf).filter((e) => accept(e.name)));
}

/**
 * The change that imports `exported` into `sourceFile`: the name added to an import of the same module when there
 * is one, else a new import after the last one, written in the file's style (quotes, semicolons, `.js` endings).
 */
export function importChange(
  sourceFile: ts.SourceFile,
  exported: ExportedName,
  typeOnlyWanted: boolean,
): { change: TextChange; module: string } {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const module = moduleSpecifier(
    sourceFile.fileName,
    exported.file,
    imports.some((i) => /^\.\.?\/.*\.js$/.test(specifierOf(i))),
  );
  const isType = exported.meaning === 'type';
  const typeOnly = isType && typeOnlyWanted;
  const same = imports.find((i) => resolvesTo(sourceFile.fileName, specifierOf(i), exported.file));
  const named = same?.importClause?.namedBindings;
  if (same && named && ts.isNamedImports(named) && (!same.importClause!.isTypeOnly || isType)) {
    const last = named.elements[named.elements.length - 1];
    const name = typeOnly && !same.importClause!.isTypeOnly ? `type ${exported.name}` : exported.name;
    const change = last
      ? { start: last.end, end: last.end, text: `, ${name}` }
      : { start: named.getStart(sourceFile) + 1, end: named.getStart(sourceFile) + 1, text: ` ${name} ` };
    return { change, module: specifierOf(same) };
  }
  const quote = imports[0]?.moduleSpecifier.getText(sourceFile)[0] ?? "'";
  const semicolon = imports.length && !imports[imports.length - 1].getText(sourceFile).endsWith(';') ? '' : ';';
  const specifier = `${quote}${module}${quote}`;
  const declaration = `import ${typeOnly ? 'type ' : ''}{ ${exported.name} } from ${specifier}${semicolon}`;
  const after = imports[imports.length - 1];
  const change = after
    ? { start: after.end, end: after.end, text: `\n${declaration}` }
    : { start: firstStatementStart(sourceFile), end: firstStatementStart(sourceFile), text: `${declaration}\n` };
  return { change, module };
}

function specifierOf(declaration: ts.ImportDeclaration): string {
  return ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : '';
}

/** `./dir/file` (or `./dir/file.js` where the file's imports say `.js`) from one project file to another. */
function moduleSpecifier(from: string, to: string, jsEndings: boolean): string {
  const relative = path
    .relative(path.dirname(from), to)
    .split(path.sep)
    .join('/')
    .replace(/\.(d\.)?([mc]?)tsx?$/, (_m, _d, kind: string) => (jsEndings ? `.${kind}js` : ''));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function resolvesTo(from: string, specifier: string, target: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const strip = (p: string) => p.replace(/\.(d\.)?[mc]?[jt]sx?$/, '').replace(/\/index$/, '');
  return strip(path.resolve(path.dirname(from), specifier).split(path.sep).join('/')) === strip(target);
}

/** Where a first import goes: before the first statement, after the file's leading comments. */
function firstStatementStart(sourceFile: ts.SourceFile): number {
  const first = sourceFile.statements[0];
  return first ? first.getStart(sourceFile) : sourceFile.text.length;
}
