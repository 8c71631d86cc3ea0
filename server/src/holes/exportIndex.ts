import ts from 'typescript';

/** A value a project module exports, read from syntax alone so it survives across programs. */
export interface ExportedValue {
  name: string;
  declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration;
  /** Annotated result type (return type of a function, type of a variable); absent when inferred. */
  resultTypeNode?: ts.TypeNode;
}

// SourceFiles of unchanged files are shared between successive programs, so this cache outlives an edit.
const cache = new WeakMap<ts.SourceFile, ExportedValue[]>();

/** Top-level exported functions, variables and classes of a module, by declaration (re-exports are skipped). */
export function exportedValues(sourceFile: ts.SourceFile): ExportedValue[] {
  let values = cache.get(sourceFile);
  if (!values) {
    values = [];
    for (const statement of sourceFile.statements) collect(statement, values);
    cache.set(sourceFile, values);
  }
  return values;
}

function collect(statement: ts.Statement, out: ExportedValue[]): void {
  if (!isExported(statement)) return;
  if (ts.isFunctionDeclaration(statement) && statement.name) {
    // With overloads, the implementation is not callable from outside: index the overload signatures' first.
    out.push({ name: statement.name.text, declaration: statement, resultTypeNode: statement.type });
  } else if (ts.isClassDeclaration(statement) && statement.name && !hasModifier(statement, ts.SyntaxKind.AbstractKeyword)) {
    out.push({ name: statement.name.text, declaration: statement });
  } else if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const init = declaration.initializer;
      const resultTypeNode = declaration.type ?? (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.type : undefined);
      out.push({ name: declaration.name.text, declaration, resultTypeNode });
    }
  }
}

function isExported(statement: ts.Statement): boolean {
  return hasModifier(statement, ts.SyntaxKind.ExportKeyword) && !hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}
