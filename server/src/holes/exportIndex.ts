/**
 * A syntactic index of what each project module exports and which type names each export produces, cached per
 * SourceFile: SourceFiles of unchanged files are shared between programs, so the index survives edits elsewhere. It is
 * how relevant headers reach other modules' exports at a cost that follows the hole, not the project: only the exports
 * that may produce the expected type (typeNames.ts) are then typed by the checker.
 */
import ts from 'typescript';

/** "Cannot tell from the syntax": the checker must decide. */
export const ANY_NAME = '*';

/** A value a project module exports, read from syntax alone so it survives across programs. */
export interface ExportedValue {
  name: string;
  declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration;
  /**
   * Names of the types it produces (a function's annotated return type, a variable's type, a class itself):
   * `Observable`, `string`, `Array`, `=>` for function types, `{}` for type literals, ANY_NAME when unclear.
   * Empty when the type is inferred from code: asking the checker would mean inferring every export's body.
   */
  resultNames: readonly string[];
}

export interface ModuleIndex {
  exports: ExportedValue[];
  /** `[Sub, Super]` for every `class Sub extends Super` / `interface Sub extends Super` / `implements Super`. */
  heritage: Array<[string, string]>;
}

// SourceFiles of unchanged files are shared between successive programs, so this cache outlives an edit.
const cache = new WeakMap<ts.SourceFile, ModuleIndex>();

export function moduleIndex(sourceFile: ts.SourceFile): ModuleIndex {
  let index = cache.get(sourceFile);
  if (!index) {
    index = { exports: [], heritage: [] };
    for (const statement of sourceFile.statements) {
      collectExport(statement, index.exports);
      collectHeritage(statement, index.heritage);
    }
    cache.set(sourceFile, index);
  }
  return index;
}

function collectExport(statement: ts.Statement, out: ExportedValue[]): void {
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DefaultKeyword))
    return;
  if (ts.isFunctionDeclaration(statement) && statement.name) {
    // Overloads are separate declarations of one symbol; the checker merges them when one of them is asked.
    out.push({
      name: statement.name.text,
      declaration: statement,
      resultNames: statement.type ? typeNodeNames(statement.type, typeParameterNames(statement)) : [],
    });
  } else if (
    ts.isClassDeclaration(statement) &&
    statement.name &&
    !hasModifier(statement, ts.SyntaxKind.AbstractKeyword)
  ) {
    out.push({ name: statement.name.text, declaration: statement, resultNames: [statement.name.text] });
  } else if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name))
        out.push({ name: declaration.name.text, declaration, resultNames: variableNames(declaration) });
    }
  }
}

function variableNames(declaration: ts.VariableDeclaration): string[] {
  if (declaration.type) return typeNodeNames(declaration.type, new Set());
  const init = declaration.initializer;
  if (!init) return [];
  if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && init.type)
    return typeNodeNames(init.type, typeParameterNames(init));
  if (ts.isNewExpression(init)) return [rightmostName(init.expression)].filter((n): n is string => !!n);
  if (ts.isStringLiteralLike(init)) return ['string'];
  if (ts.isNumericLiteral(init)) return ['number'];
  return [];
}

function collectHeritage(statement: ts.Statement, out: Array<[string, string]>): void {
  if (!(ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) || !statement.name) return;
  for (const clause of statement.heritageClauses ?? []) {
    for (const type of clause.types) {
      const name = rightmostName(type.expression);
      if (name) out.push([statement.name.text, name]);
    }
  }
}

/** Names a type annotation produces, without the checker. */
export function typeNodeNames(node: ts.TypeNode, typeParameters: ReadonlySet<string>): string[] {
  if (ts.isParenthesizedTypeNode(node) || ts.isTypeOperatorNode(node)) return typeNodeNames(node.type, typeParameters);
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node))
    return node.types.flatMap((t) => typeNodeNames(t, typeParameters));
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    // A bare type parameter (`identity<T>(x: T): T`) may produce anything: the checker must say.
    return typeParameters.has(name) ? [ANY_NAME] : [name];
  }
  if (ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)) return ['Array'];
  if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) return ['=>'];
  if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node)) return ['{}'];
  if (ts.isTypePredicateNode(node)) return node.assertsModifier ? ['void'] : ['boolean'];
  if (ts.isLiteralTypeNode(node)) return [literalName(node.literal)];
  if (ts.isImportTypeNode(node) && node.qualifier)
    return [ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.right.text];
  const keyword = KEYWORD_NAMES[node.kind];
  if (keyword !== undefined) return keyword ? [keyword] : [];
  return [ANY_NAME];
}

const KEYWORD_NAMES: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.StringKeyword]: 'string',
  [ts.SyntaxKind.NumberKeyword]: 'number',
  [ts.SyntaxKind.BooleanKeyword]: 'boolean',
  [ts.SyntaxKind.BigIntKeyword]: 'bigint',
  [ts.SyntaxKind.SymbolKeyword]: 'symbol',
  [ts.SyntaxKind.ObjectKeyword]: '{}',
  [ts.SyntaxKind.VoidKeyword]: 'void',
  [ts.SyntaxKind.UndefinedKeyword]: 'undefined',
  // `any` and `unknown` results fit everything and tell nothing; `never` results never return.
  [ts.SyntaxKind.AnyKeyword]: '',
  [ts.SyntaxKind.UnknownKeyword]: '',
  [ts.SyntaxKind.NeverKeyword]: '',
};

function literalName(literal: ts.LiteralTypeNode['literal']): string {
  switch (literal.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return 'string';
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.PrefixUnaryExpression:
      return 'number';
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return 'boolean';
    case ts.SyntaxKind.NullKeyword:
      return 'null';
    default:
      return ANY_NAME;
  }
}

function rightmostName(expression: ts.Node): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function typeParameterNames(fn: ts.SignatureDeclarationBase): Set<string> {
  return new Set(fn.typeParameters?.map((t) => t.name.text));
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}
