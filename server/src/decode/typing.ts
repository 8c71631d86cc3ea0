/**
 * The types of generated code, told from the place it goes and from the code itself, without a program.
 */
import ts from 'typescript';
import { boundProperty, propertyName } from '../check/region.js';
import { declaredType, enclosingFunction } from '../ts/ast.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import type { Fragment, FragmentDeclaration } from './fragment.js';

/** The name that stands for a member hole's receiver in the parsed text: `user.|` is read as `RECEIVER.…`. */
export const RECEIVER = '__spackleReceiver';

/** What the types at the place where code goes say: the same for every check of a generation, so cached. */
export class PlaceTypes {
  readonly checker: ts.TypeChecker;
  private readonly values = new Map<string, ts.Type | null>();
  private readonly names = new Map<ts.Type, Set<string>>();
  private returns?: { type?: ts.Type };

  constructor(
    readonly snapshot: FileSnapshot,
    readonly at: ts.Node,
    readonly receiver?: ts.Type,
    readonly expected?: ts.Type,
  ) {
    this.checker = snapshot.checker;
  }

  /** Does a value of this name resolve in scope? */
  resolves(name: string): boolean {
    return this.value(name) !== null;
  }

  /** The type of the value `name` in scope. */
  valueType(name: string): ts.Type | undefined {
    return this.value(name) ?? undefined;
  }

  /** Is `name` in scope a function of this file that `name.member = …` may give members (an expando)? */
  isExpandoFunction(name: string): boolean {
    const symbol = this.checker.resolveName(name, this.at, ts.SymbolFlags.Value, false);
    const declaration = symbol?.valueDeclaration;
    return (
      !!declaration && declaration.getSourceFile() === this.snapshot.sourceFile && isExpandoDeclaration(declaration)
    );
  }

  /** A type in scope by its name. */
  typeNamed(name: string): ts.Type | undefined {
    let symbol = this.checker.resolveName(name, this.at, ts.SymbolFlags.Type | ts.SymbolFlags.Alias, false);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Type)) return undefined;
    return this.checker.getDeclaredTypeOfSymbol(symbol);
  }

  /** The instance type `this` is at the place: the nearest class, unless a function of its own rebinds `this`. */
  thisType(): ts.Type | undefined {
    const owner = thisOwner(this.at);
    return owner && this.checker.getTypeAtLocation(owner);
  }

  /** What the enclosing function declares it returns (awaited, for an async one); none for a generator. */
  returnType(): ts.Type | undefined {
    if (!this.returns) {
      const fn = enclosingFunction(this.at);
      const written = fn && !fn.asteriskToken ? declaredType(fn) : undefined;
      let type = written && this.checker.getTypeFromTypeNode(written);
      if (type && fn && ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)
        type = this.checker.getAwaitedType(type);
      this.returns = { type };
    }
    return this.returns.type;
  }

  /**
   * Member names of a type (of a type parameter, `this` included, those of its constraint); of a union, those of any
   * member (narrowing may have picked one). None to check when it takes any name (a string index signature).
   */
  memberNames(type: ts.Type): Set<string> | undefined {
    if (!isKnown(type)) return undefined;
    let names = this.names.get(type);
    if (!names) {
      const apparent = constituents(type).map((t) => this.checker.getApparentType(t));
      const open = apparent.some((t) => this.checker.getIndexInfoOfType(t, ts.IndexKind.String));
      names = open
        ? new Set()
        : new Set(apparent.flatMap((t) => this.checker.getPropertiesOfType(t).map((p) => p.name)));
      this.names.set(type, names);
    }
    return names.size ? names : undefined;
  }

  /**
   * Keys an object literal of `type` may have (of an intersection of object types, its members' keys); none to check
   * when it takes any (an index signature).
   */
  keyNames(type: ts.Type): Set<string> | undefined {
    const isObject = (t: ts.Type) => !!(t.flags & ts.TypeFlags.Object);
    const objects = constituents(type).filter((t) => isObject(t) || (t.isIntersection() && t.types.every(isObject)));
    if (!objects.length || objects.some((t) => this.checker.getIndexInfosOfType(t).length)) return undefined;
    return this.memberNames(type);
  }

  memberType(type: ts.Type, name: string): ts.Type | undefined {
    const property = this.propertyOf(type, name);
    return property && this.checker.getTypeOfSymbolAtLocation(property, this.at);
  }

  /** The type a property of an object literal of `type` takes (undefined aside). */
  propertyType(type: ts.Type, name: string): ts.Type | undefined {
    const property = this.propertyOf(type, name);
    return property && this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(property, this.at));
  }

  /**
   * A property of `type` (null and undefined aside). Of a union, the checker's union of its constituents' properties,
   * typed with all their types (`kind: 'a' | 'b'` of a discriminated union); none when a constituent lacks it.
   */
  private propertyOf(type: ts.Type, name: string): ts.Symbol | undefined {
    const parts = constituents(type);
    if (parts.length === 1) return this.checker.getApparentType(parts[0]).getProperty(name);
    return parts.length ? this.checker.getNonNullableType(type).getProperty(name) : undefined;
  }

  /** The type of parameter `index` of a signature; of a rest parameter, its element's. */
  parameterType(signature: ts.Signature, index: number): ts.Type | undefined {
    const parameters = signature.getParameters();
    const last = parameters[parameters.length - 1]?.valueDeclaration;
    const rest = !!last && ts.isParameter(last) && !!last.dotDotDotToken;
    if (index < parameters.length - (rest ? 1 : 0))
      return this.checker.getTypeOfSymbolAtLocation(parameters[index], this.at);
    if (!rest) return undefined;
    const array = this.checker.getTypeOfSymbolAtLocation(parameters[parameters.length - 1], this.at);
    return this.checker.getIndexTypeOfType(array, ts.IndexKind.Number);
  }

  private value(name: string): ts.Type | null {
    let known = this.values.get(name);
    if (known === undefined) {
      let symbol = this.checker.resolveName(name, this.at, ts.SymbolFlags.Value | ts.SymbolFlags.Alias, false);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
      known =
        symbol && symbol.flags & ts.SymbolFlags.Value
          ? this.checker.getTypeOfSymbolAtLocation(symbol, this.at)
          : symbol
            ? this.checker.getAnyType()
            : null;
      this.values.set(name, known);
    }
    return known;
  }
}

/**
 * The types of one fragment's expressions: its names from the place's scope or from the fragment's own declarations
 * (a `const` typed by its annotation or initializer, an arrow's parameter by the call it is passed to, a `for…of`
 * variable by what it iterates), then through members, calls, indexing, `await`, `!` and `as`. What it cannot tell
 * is undefined: a monitor is silent there.
 */
export class FragmentTypes {
  private readonly typed = new Map<ts.Node, ts.Type | undefined>();

  constructor(
    readonly place: PlaceTypes,
    readonly fragment: Fragment,
  ) {}

  typeOf(node: ts.Expression): ts.Type | undefined {
    if (this.typed.has(node)) return this.typed.get(node);
    // A declaration typed by itself (`const a = a.b`) meets its own node again: unknown.
    this.typed.set(node, undefined);
    const type = this.compute(node);
    const known = type && isKnown(type) ? type : undefined;
    this.typed.set(node, known);
    return known;
  }

  /** The type the code around an expression expects of it, where the fragment shows it (overloads agreeing). */
  expectedTypeOf(node: ts.Expression): ts.Type | undefined {
    return agreed(this.expectedTypesOf(node));
  }

  /** What the code around an expression may expect of it: one type, or one per overload of the call it is passed to. */
  private expectedTypesOf(node: ts.Expression): Array<ts.Type | undefined> {
    const parent = node.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node)) {
      const index = parent.arguments.indexOf(node);
      return this.signaturesOf(parent).map((s) => this.place.parameterType(s, index));
    }
    if (ts.isParenthesizedExpression(parent) && !this.fragment.isWrapper(parent)) return this.expectedTypesOf(parent);
    return [this.contextualType(node)];
  }

  private contextualType(node: ts.Expression): ts.Type | undefined {
    const { checker } = this.place;
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent)) return this.place.expected;
    if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent)) {
      const object = this.expectedTypeOf(parent.parent);
      const key = propertyName(parent.name);
      return object && key !== undefined ? this.place.propertyType(object, key) : undefined;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === node)
      return parent.type && this.typeOfTypeNode(parent.type);
    if (ts.isReturnStatement(parent)) return this.returnTypeAt(parent);
    // Only what is assigned, passed or returned must be of the type: a comparison (`===`, `case`) asks merely that
    // the two sides be comparable, which the checker judges with narrowing the fragment cannot see.
    if (ts.isBinaryExpression(parent))
      return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node
        ? this.typeOf(parent.left)
        : undefined;
    if (ts.isConditionalExpression(parent) && parent.condition !== node) return this.expectedTypeOf(parent);
    if (ts.isArrayLiteralExpression(parent)) {
      const array = this.expectedTypeOf(parent);
      return array && checker.getIndexTypeOfType(array, ts.IndexKind.Number);
    }
    return undefined;
  }

  /** The signatures a call or `new` can take: of its callee's type, as the fragment types it. */
  signaturesOf(call: ts.CallExpression | ts.NewExpression): readonly ts.Signature[] {
    if (call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword)
      return [];
    const callee = this.typeOf(call.expression);
    if (!callee) return [];
    const type = this.place.checker.getNonNullableType(callee);
    return ts.isNewExpression(call) ? type.getConstructSignatures() : type.getCallSignatures();
  }

  private compute(node: ts.Expression): ts.Type | undefined {
    const { checker } = this.place;
    if (ts.isIdentifier(node)) return this.typeOfName(node);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return this.thisTypeAt(node);
    if (ts.isPropertyAccessExpression(node)) {
      const object = this.typeOf(node.expression);
      return object && ts.isIdentifier(node.name) ? this.place.memberType(object, node.name.text) : undefined;
    }
    if (ts.isElementAccessExpression(node)) {
      const object = this.typeOf(node.expression);
      if (!object) return undefined;
      const key = node.argumentExpression;
      if (ts.isStringLiteral(key)) return this.place.memberType(object, key.text);
      return (
        checker.getIndexTypeOfType(object, ts.IndexKind.Number) ??
        checker.getIndexTypeOfType(object, ts.IndexKind.String)
      );
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const signatures = this.signaturesOf(node);
      // Without the call's node the checker cannot pick the overload: a non-generic one says most.
      return (signatures.find((s) => !s.typeParameters?.length) ?? signatures[0])?.getReturnType();
    }
    if (ts.isNonNullExpression(node)) {
      const inner = this.typeOf(node.expression);
      return inner && checker.getNonNullableType(inner);
    }
    if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) return this.typeOf(node.expression);
    if (ts.isAwaitExpression(node)) {
      const inner = this.typeOf(node.expression);
      return inner && checker.getAwaitedType(inner);
    }
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) return this.typeOfTypeNode(node.type);
    return undefined;
  }

  private typeOfName(id: ts.Identifier): ts.Type | undefined {
    if (id.text === RECEIVER) return this.place.receiver;
    const declaration = this.fragment.declarations.get(id.text);
    if (declaration) return this.typeOfDeclaration(declaration);
    return this.place.valueType(id.text);
  }

  private typeOfDeclaration(declaration: FragmentDeclaration): ts.Type | undefined {
    if (ts.isVariableDeclaration(declaration)) {
      if (declaration.type) return this.typeOfTypeNode(declaration.type);
      const loop = declaration.parent.parent;
      if (ts.isForOfStatement(loop) && loop.initializer === declaration.parent) {
        const iterated = this.typeOf(loop.expression);
        return iterated && this.place.checker.getIndexTypeOfType(iterated, ts.IndexKind.Number);
      }
      return declaration.initializer && this.typeOf(declaration.initializer);
    }
    if (ts.isParameter(declaration))
      return declaration.type ? this.typeOfTypeNode(declaration.type) : this.contextualParameterType(declaration);
    if (ts.isBindingElement(declaration)) {
      const pattern = declaration.parent;
      const name = boundProperty(declaration);
      const holder = pattern.parent;
      if (!ts.isObjectBindingPattern(pattern) || declaration.dotDotDotToken || name === undefined) return undefined;
      const object =
        ts.isVariableDeclaration(holder) || ts.isParameter(holder) ? this.typeOfDeclaration(holder) : undefined;
      return object && this.place.memberType(object, name);
    }
    return undefined;
  }

  /**
   * An arrow's or function expression's parameter, typed by the function types the code around may expect (the
   * callbacks of a call's overloads agreeing on it: `filter`'s two give its element type).
   */
  private contextualParameterType(parameter: ts.ParameterDeclaration): ts.Type | undefined {
    const fn = parameter.parent;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    const index = fn.parameters.indexOf(parameter);
    return agreed(
      this.expectedTypesOf(fn).map((expected) => {
        const signature = expected && this.place.checker.getNonNullableType(expected).getCallSignatures()[0];
        return signature && this.place.parameterType(signature, index);
      }),
    );
  }

  /** `this` at a node: the place's class, unless a function or class of the fragment's own holds it. */
  private thisTypeAt(node: ts.Node): ts.Type | undefined {
    for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
      if (ts.isClassLike(n)) return this.fragment.isWrapper(n) ? this.place.thisType() : undefined;
    }
    return this.place.thisType();
  }

  /** What a `return` must give: what its function in the fragment declares, else what the place's function does. */
  private returnTypeAt(statement: ts.ReturnStatement): ts.Type | undefined {
    for (let n = statement.parent; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isFunctionLike(n))
        return n.type && !(ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Async)
          ? this.typeOfTypeNode(n.type)
          : undefined;
    }
    return this.place.returnType();
  }

  /** A type written in the fragment, when it is a name of the scope taking no type arguments. */
  private typeOfTypeNode(node: ts.TypeNode): ts.Type | undefined {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments)
      return this.place.typeNamed(node.typeName.text);
    return undefined;
  }
}

/** The one type all candidates agree on. */
function agreed(types: Array<ts.Type | undefined>): ts.Type | undefined {
  return types.length && types.every((t) => t === types[0]) ? types[0] : undefined;
}

export function constituents(type: ts.Type): ts.Type[] {
  return (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
  );
}

/** A type a monitor can speak of: not `any`/`unknown`/an error (a type parameter speaks through its constraint). */
export function isKnown(type: ts.Type): boolean {
  return !constituents(type).some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never));
}

/** The values of a union of string literals (null and undefined aside); undefined if it admits other strings. */
export function literalValues(type: ts.Type): string[] | undefined {
  const members = constituents(type);
  if (!members.length || !members.every((t) => t.isStringLiteral())) return undefined;
  return members.map((t) => (t as ts.StringLiteralType).value);
}

/** The class whose instance `this` is at `node`: the nearest one, unless a function of its own rebinds `this`. */
function thisOwner(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

/** A function declaration, or a `const` holding a function or arrow: what TypeScript lets `f.member = …` extend. */
export function isExpandoDeclaration(declaration: ts.Node): boolean {
  if (ts.isFunctionDeclaration(declaration)) return true;
  return (
    ts.isVariableDeclaration(declaration) &&
    !!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) &&
    !!declaration.initializer &&
    (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
  );
}
