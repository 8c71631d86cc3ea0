/**
 * Code a model is writing, read by the TypeScript parser: what each name in it is.
 */
import ts from 'typescript';
import { forEachDescendant } from '../ts/ast.js';
import { lex, Tok } from './lexer.js';

/** A declaration the fragment makes: a variable, parameter, destructured name, function or class. */
export type FragmentDeclaration =
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.BindingElement
  | ts.FunctionLikeDeclaration
  | ts.ClassLikeDeclaration
  | ts.EnumDeclaration;

/**
 * The text so far — the user's code the generation continues (read, never judged) and the generated text after it —
 * parsed as TypeScript: the parser's recovery makes sense of unfinished code, and its tree says what each identifier
 * is (a value the scope must hold, a name being declared, a member or key, part of a type), which no scan of tokens
 * can tell in statements and class bodies. `from` is where the generated text starts.
 */
export class Fragment {
  readonly tree: ts.SourceFile;
  readonly tokens: Tok[];
  /** Names the fragment declares, with the first declaration of each. */
  readonly declarations = new Map<string, FragmentDeclaration>();
  /** Members the fragment declares in its outermost class (a class body the code is written in). */
  readonly classMembers = new Set<string>();

  /**
   * `wrapper` characters open the text, before the user's code: a `(` that makes the code an expression, or a class
   * whose body the code is written in. What they open is no code of the user's or the model's.
   */
  constructor(
    readonly text: string,
    readonly from: number,
    readonly final: boolean,
    private readonly wrapper = 0,
  ) {
    this.tree = ts.createSourceFile('generated.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    this.tokens = lex(text);
    forEachDescendant(this.tree, (node) => this.collect(node));
  }

  /** The code the model wrote: what ends after `from`. */
  isGenerated(node: ts.Node): boolean {
    return node.end > this.from;
  }

  /** A name or literal at the very end of an unfinished text may still grow: it is judged as a prefix. */
  isOpen(node: ts.Node): boolean {
    return !this.final && node.end === this.text.length;
  }

  /** The parenthesis or class the wrapper opens. */
  isWrapper(node: ts.Node): boolean {
    return this.wrapper > 0 && node.pos === 0 && (ts.isParenthesizedExpression(node) || ts.isClassLike(node));
  }

  /**
   * A name the scope must resolve as a value: not a declaration's name, a member or key name (`{ name }` is both a key
   * and a value), a label, or anything inside a type.
   */
  isValueReference(id: ts.Identifier): boolean {
    const parent = id.parent;
    if ((parent as { name?: ts.Node }).name === id) return ts.isShorthandPropertyAssignment(parent);
    if ((parent as { propertyName?: ts.Node }).propertyName === id || (parent as { label?: ts.Node }).label === id)
      return false;
    if (ts.isQualifiedName(parent) || ts.isMetaProperty(parent)) return false;
    return !inType(id);
  }

  /**
   * Code inside what may still become an arrow function's parameters: a group in parentheses (or `async(…)`) that the
   * text has not gone past. `(a, b` and `(a, b) ` may go on with `=>`: their names are not judged until they do not.
   */
  mayBecomeParameters(node: ts.Node): boolean {
    if (this.final) return false;
    const last = this.tokens[this.tokens.length - 1];
    for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isFunctionLike(n) || ts.isStatement(n)) return false;
      const group =
        ts.isParenthesizedExpression(n) ||
        (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'async');
      if (group && !this.isWrapper(n) && last && n.end >= last.end) return true;
    }
    return false;
  }

  /** The token that starts at `pos`, if one does. */
  tokenAt(pos: number): Tok | undefined {
    let low = 0;
    let high = this.tokens.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const start = this.tokens[middle].start;
      if (start === pos) return this.tokens[middle];
      if (start < pos) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** The last token before `pos`. */
  tokenBefore(pos: number): Tok | undefined {
    let found: Tok | undefined;
    for (const tok of this.tokens) {
      if (tok.end > pos) break;
      found = tok;
    }
    return found;
  }

  private collect(node: ts.Node): void {
    const declare = (name: ts.Node | undefined, declaration: FragmentDeclaration) => {
      if (name && ts.isIdentifier(name) && !this.declarations.has(name.text))
        this.declarations.set(name.text, declaration);
    };
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declare(node.name, node);
    else if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassLike(node) ||
      ts.isEnumDeclaration(node)
    ) {
      if (!this.isWrapper(node)) declare(node.name, node);
    }
    if (ts.isClassElement(node) && node.name && ts.isIdentifier(node.name) && this.isWrapper(node.parent))
      this.classMembers.add(node.name.text);
  }
}

/** Inside a type annotation, assertion, type argument or declaration: names there are types. */
export function inType(node: ts.Node): boolean {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isHeritageClause(n))
      return true;
  }
  return false;
}
