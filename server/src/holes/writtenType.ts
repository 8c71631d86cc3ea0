/**
 * A declaration's type read from its text where it is fully written (an annotation naming no inferred part): the
 * bindings of a hole are described without asking the checker to type and print them.
 */
import ts from 'typescript';

/**
 * A declaration's type as its author wrote it, when every part of it is annotated: `(a: A, b?: B) => R` for a
 * function, the annotation of a variable or parameter, `typeof C` for a class. Reading the text costs nothing,
 * while printing a type through a fresh checker resolves every type it mentions (most of a binding's cost).
 * Undefined when some part is inferred: the checker must say then.
 */
export function writtenType(declaration: ts.Declaration): string | undefined {
  if (ts.isClassDeclaration(declaration) && declaration.name) return `typeof ${declaration.name.text}`;
  if (ts.isFunctionDeclaration(declaration)) return functionText(declaration);
  if (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration)) {
    if (declaration.type) return squash(declaration.type.getText());
    const init = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return functionText(init);
  }
  return undefined;
}

function functionText(fn: ts.SignatureDeclarationBase): string | undefined {
  if (!fn.type || ts.isTypePredicateNode(fn.type)) return undefined;
  // An overloaded function's implementation is not what callers see.
  if (ts.isFunctionDeclaration(fn) && fn.body && fn.name && hasOverloads(fn)) return undefined;
  const parameters: string[] = [];
  for (const p of fn.parameters) {
    if (!p.type) return undefined;
    const optional = p.questionToken || p.initializer ? '?' : '';
    parameters.push(`${p.dotDotDotToken ? '...' : ''}${p.name.getText()}${optional}: ${p.type.getText()}`);
  }
  const typeParameters = fn.typeParameters?.length ? `<${fn.typeParameters.map((t) => t.getText()).join(', ')}>` : '';
  return squash(`${typeParameters}(${parameters.join(', ')}) => ${fn.type.getText()}`);
}

function hasOverloads(fn: ts.FunctionDeclaration): boolean {
  const container = fn.parent;
  return ts.isSourceFile(container) || ts.isModuleBlock(container) || ts.isBlock(container)
    ? container.statements.some((s) => s !== fn && ts.isFunctionDeclaration(s) && s.name?.text === fn.name?.text)
    : false;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}
