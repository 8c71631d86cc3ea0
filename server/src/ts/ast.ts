/** Generic helpers over TypeScript syntax trees and types: walks without recursion, nodes at a position, printing. */
import ts from 'typescript';

/** What a walk does after a node: go on into its children (nothing returned), `skip` them, or `stop` the walk. */
export type Walk = void | 'skip' | 'stop';

/**
 * Visits the descendants of `root` in source order (`root` itself left out) without recursion: generated code nests
 * thousands of levels deep (`"s" + "s" + …` is a chain as deep as it is long), past what the stack holds.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => Walk): void {
  const stack: ts.Node[] = [];
  // Children go on the stack last first, so that they come off in source order.
  const pushChildren = (node: ts.Node) => {
    const from = stack.length;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
    for (let i = from, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  };
  pushChildren(root);
  while (stack.length) {
    const node = stack.pop()!;
    const next = visit(node);
    if (next === 'stop') return;
    if (next !== 'skip') pushChildren(node);
  }
}

/** The deepest node whose span holds `pos`, ends included; of two touching siblings, the first. */
export function nodeAt(sourceFile: ts.SourceFile, pos: number): ts.Node {
  const holding = (node: ts.Node) =>
    ts.forEachChild(node, (child) =>
      child.kind !== ts.SyntaxKind.EndOfFileToken && child.getStart(sourceFile) <= pos && pos <= child.end
        ? child
        : undefined,
    );
  let found: ts.Node = sourceFile;
  for (let inner = holding(found); inner; inner = holding(found)) found = inner;
  return found;
}

/**
 * The innermost node that holds `pos` (ends included) and passes `test`; of two touching siblings, both are searched.
 */
export function innermostAt<T extends ts.Node>(
  sourceFile: ts.SourceFile,
  pos: number,
  test: (node: ts.Node) => node is T,
): T | undefined {
  let found: T | undefined;
  forEachDescendant(sourceFile, (node) => {
    const holds = node.getStart(sourceFile) <= pos && pos <= node.end;
    if (holds && test(node)) found = node;
    return holds ? undefined : 'skip';
  });
  return found;
}

export function isFromLibrary(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  return (
    sourceFile.isDeclarationFile &&
    (program.isSourceFileDefaultLibrary(sourceFile) ||
      program.isSourceFileFromExternalLibrary(sourceFile) ||
      sourceFile.fileName.includes('/node_modules/'))
  );
}

/** A project's own code: not a lib, not a package, not a declaration file from node_modules. */
export function isProjectFile(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  return (
    !program.isSourceFileDefaultLibrary(sourceFile) &&
    !program.isSourceFileFromExternalLibrary(sourceFile) &&
    !sourceFile.fileName.includes('/node_modules/typescript/lib/')
  );
}

/**
 * The type a declaration writes: its annotation, or in a JavaScript file the JSDoc that types it (`@type` on a
 * variable or property, `@param` on a parameter, `@returns` or `@type` on a function). The checker takes either as
 * fixed; code that asks whether a type is written must take either too.
 */
export function declaredType(node: ts.Node): ts.TypeNode | undefined {
  const annotation = (node as { type?: ts.TypeNode }).type;
  if (annotation || !(node.flags & ts.NodeFlags.JavaScriptFile)) return annotation;
  if (ts.isFunctionLike(node)) return ts.getJSDocReturnType(node) ?? ts.getJSDocType(node);
  return ts.getJSDocType(node);
}

/** Does `outer` hold `node`: in the same file, spanning it? */
export function encloses(outer: ts.Node | undefined, node: ts.Node): boolean {
  return !!outer && outer.getSourceFile() === node.getSourceFile() && outer.pos <= node.pos && node.end <= outer.end;
}

/** The function (method, accessor, constructor) whose body holds `node`; none past a class or at the top level. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunctionLikeWithBody(n)) return n;
    if (ts.isClassDeclaration(n) || ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

/** A function, method, accessor or constructor: what may have a body of statements. */
export function isFunctionLikeWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node) ||
    ts.isConstructorDeclaration(node)
  );
}

const TYPE_FORMAT =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope |
  ts.TypeFormatFlags.WriteArrowStyleSignature;

/** A type as the user would write it, capped so that a giant inferred type cannot flood a response. */
export function typeText(checker: ts.TypeChecker, type: ts.Type, at?: ts.Node, max = 300): string {
  const text = checker.typeToString(type, at, TYPE_FORMAT);
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
