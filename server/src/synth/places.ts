/**
 * What a hole's place asks of a value beyond its type: text that prints it, JSX that renders it, a prop that calls it.
 * A template literal's `${…}` is filled towards what prints as text and takes only that, JSX children only what
 * renders, an event-handler prop ranks handlers first; and where the value is used (printed or rendered too), no
 * member that changes its receiver is offered (`holes/mutators.ts`).
 */
import ts from 'typescript';
import type { Built } from './enumerate.js';

/**
 * - `template`: the `${…}` of an untagged template literal, which prints its value with `String()`. (A tag
 *   receives the values as they are: its parameters' types say what it takes.)
 * - `jsxChild`: a `{…}` between tags, which React renders.
 * - `eventHandler`: the value of a JSX attribute `onX={…}`, which is called with an event.
 */
export type Place = 'template' | 'jsxChild' | 'eventHandler';

export function placeOf(hole: ts.Expression): Place | undefined {
  let node: ts.Node = hole;
  while (isValueOf(node.parent, node)) node = node.parent;
  const parent = node.parent;
  if (ts.isTemplateSpan(parent)) return ts.isTaggedTemplateExpression(parent.parent.parent) ? undefined : 'template';
  if (!ts.isJsxExpression(parent)) return undefined;
  if (ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent)) return 'jsxChild';
  return ts.isJsxAttribute(parent.parent) && /^on[A-Z]/.test(parent.parent.name.getText()) ? 'eventHandler' : undefined;
}

/** `checker.getUnionType`, internal to TypeScript but present in every 6.x build. */
interface UnionMaker {
  getUnionType(types: ts.Type[]): ts.Type;
}

/**
 * What a template's `${…}` is filled with where no type is expected: values of the types that print as text, and
 * values that may be absent (see `suitsPlace`), so that member chains and calls are built towards them.
 */
export function printedType(checker: ts.TypeChecker): ts.Type {
  const types = [
    checker.getStringType(),
    checker.getNumberType(),
    checker.getBigIntType(),
    checker.getBooleanType(),
    checker.getNullType(),
    checker.getUndefinedType(),
  ];
  return (checker as unknown as UnionMaker).getUnionType(types);
}

/** Does the place show the value (print or render it)? Then it is used, whatever type is expected. */
export function showsValue(place: Place | undefined): boolean {
  return place === 'template' || place === 'jsxChild';
}

/** Is `parent`'s value, in some case, `child`'s: `(x)`, `c ? x : y`, `c && x`, `a ?? x`. */
function isValueOf(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isParenthesizedExpression(parent)) return true;
  if (ts.isConditionalExpression(parent)) return parent.condition !== child;
  if (!ts.isBinaryExpression(parent) || parent.right !== child) return false;
  const operator = parent.operatorToken.kind;
  return (
    operator === ts.SyntaxKind.AmpersandAmpersandToken ||
    operator === ts.SyntaxKind.BarBarToken ||
    operator === ts.SyntaxKind.QuestionQuestionToken
  );
}

/** A candidate as the place judges it. */
type Placed = Pick<Built, 'text' | 'type' | 'form'>;

/**
 * Does the value make sense where the place puts it? In a template, only what prints as the text a reader expects:
 * a string, number, bigint or boolean (literal types and enum members included), or an object whose class or
 * interface declares its own `toString` (Date, URL, a `Money` with one), each possibly null or undefined (a
 * condition may rule that out where the checker's declared type does not say so); `any`, which says nothing
 * against it. Not a function, class, namespace or enum object, array, plain object (`[object Object]`), symbol or
 * `unknown`; nor a literal, which is better written in the text. Between JSX tags, what React renders as something:
 * where the props give a type (ReactNode), anything of it but a boolean or nothing (rendered as nothing) and a call of
 * a component (`{Badge()}`: React renders it as `<Badge />`, never called); where they give none, only strings, numbers
 * and bigints. Everywhere else, anything of the type.
 */
export function suitsPlace(
  place: Place | undefined,
  checker: ts.TypeChecker,
  program: ts.Program,
  expected: ts.Type | undefined,
): (value: Placed) => boolean {
  if (place === 'template') return ({ type, form }) => form !== 'literal' && printsAsText(checker, program, type);
  if (place !== 'jsxChild') return () => true;
  const renders = (type: ts.Type) => {
    const something = present(type);
    if (expected) return something.some((t) => !(t.flags & ts.TypeFlags.BooleanLike));
    return isAny(type) || (something.length > 0 && something.every((t) => rendersUntyped(checker, t)));
  };
  return ({ text, type, form }) => renders(type) && !(form === 'call' && /^[A-Z]/.test(text) && isJsxElement(type));
}

/** Where no type is expected (a fragment's children): text, an element, or an array of them. */
function rendersUntyped(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (isText(type) || isJsxElement(type)) return true;
  const elements = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference) : [];
  return elements.length > 0 && elements.every((t) => rendersUntyped(checker, t));
}

const TEXT = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike;
const NOTHING = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;

function printsAsText(checker: ts.TypeChecker, program: ts.Program, type: ts.Type, depth = 0): boolean {
  if (isAny(type)) return true;
  const members = present(type);
  return members.length > 0 && members.every((t) => printsItself(checker, program, t, depth));
}

function printsItself(checker: ts.TypeChecker, program: ts.Program, type: ts.Type, depth: number): boolean {
  if (type.flags & (TEXT | ts.TypeFlags.BooleanLike)) return true;
  if (depth > 4) return false;
  // A branded primitive (`string & { __brand: 'Id' }`) prints as its primitive; `T & {}` as T.
  if (type.isIntersection()) return type.types.some((t) => printsItself(checker, program, t, depth + 1));
  // A type parameter, `T[K]`, a conditional type: as what it is at least.
  if (type.flags & ts.TypeFlags.Instantiable) {
    const constraint = checker.getBaseConstraintOfType(type);
    return (
      !!constraint &&
      !(constraint.flags & ts.TypeFlags.Unknown) &&
      printsAsText(checker, program, constraint, depth + 1)
    );
  }
  const callable = type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0;
  return (
    (type.flags & ts.TypeFlags.Object) !== 0 &&
    !callable &&
    !checker.isArrayLikeType(type) &&
    declaresOwnToString(checker, program, type)
  );
}

/** Not the `toString` of `Object` (`[object Object]`), which enum objects, namespaces and plain objects print with. */
function declaresOwnToString(checker: ts.TypeChecker, program: ts.Program, type: ts.Type): boolean {
  const owner = checker.getPropertyOfType(type, 'toString')?.declarations?.[0]?.parent;
  const ofObject =
    !!owner &&
    ts.isInterfaceDeclaration(owner) &&
    owner.name.text === 'Object' &&
    program.isSourceFileDefaultLibrary(owner.getSourceFile());
  return !!owner && !ofObject;
}

function isText(type: ts.Type): boolean {
  return (type.flags & TEXT) !== 0 || (type.isIntersection() && type.types.some((t) => t.flags & TEXT));
}

function isAny(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0;
}

/** The members of a type that are something: not null, undefined or void. */
function present(type: ts.Type): ts.Type[] {
  return (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & NOTHING));
}

/**
 * What an event-handler prop says for a candidate, -1..1: a function that takes an event (its first parameter's
 * type is named `…Event`) or is named as a handler (`handleClick`, `onReset`) is likely; a component (a function
 * returning JSX, which may well take no argument or optional props and so fit the handler's type) is not.
 */
export function handlerEvidence(checker: ts.TypeChecker, value: Placed): number {
  const signature = value.type.getCallSignatures()[0];
  if (!signature) return 0;
  if (isJsxElement(signature.getReturnType())) return -1;
  const first = signature.getParameters()[0];
  const event = first && checker.getTypeOfSymbol(first);
  const takesEvent = !!event && /Event$/.test((event.aliasSymbol ?? event.getSymbol())?.name ?? '');
  const name = /[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.exec(value.text)?.[0] ?? '';
  return takesEvent || /^(?:handle|on)[A-Z]/.test(name) ? 1 : 0;
}

/** React's elements and nodes: `JSX.Element`, `ReactElement`, `ReactNode`, `ReactPortal`. */
function isJsxElement(type: ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return false;
  if (['ReactElement', 'ReactNode', 'ReactPortal'].includes(symbol.name)) return true;
  const owner = symbol.declarations?.[0]?.parent?.parent;
  return symbol.name === 'Element' && !!owner && ts.isModuleDeclaration(owner) && owner.name.getText() === 'JSX';
}
