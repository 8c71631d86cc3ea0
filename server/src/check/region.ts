import ts from 'typescript';
import { forEachDescendant, nodeAt } from '../holes/ast.js';

/** What a candidate in the hole can affect, as the nodes to check. */
export interface Region {
  /** The statement (or class member) holding the hole. */
  statement: ts.Node;
  /** `statement`, and the statements reached through the inferred types it feeds; undefined for the whole file. */
  nodes?: ts.Node[];
  /**
   * The named functions without a return type whose type the value infers: not checked (a change shows its errors at
   * a return or a use, and where the inference turns circular, at the function's name, checked or not), but a copy
   * of the region holds each whole, so that no copy's value leaks into another's inferred return type.
   */
  functions?: ts.Node[];
}

/** Past this many statements, checking the whole file is as cheap and surer. */
const MAX_NODES = 40;

/**
 * The statement around the hole, plus — when the hole feeds an inferred type (an un-annotated variable, the return
 * value of a function, method or getter without a return type) — the statement around each use of the inferred name
 * in its scope, and so on through the inferred types those feed in turn: a wrong candidate shows its error there.
 * Checking these instead of the whole file is most of what makes validation cheap, in a 5,000-line module above all.
 * The nodes are undefined for the whole file.
 */
export function regionOf(sourceFile: ts.SourceFile, holeStart: number): Region | undefined {
  const start = statementAround(nodeAt(sourceFile, holeStart), holeStart);
  if (!start) return undefined;
  const nodes = new Set<ts.Node>([start.statement]);
  const functions = new Set<ts.Node>(start.functions);
  const queue = [...start.inferred];
  const seen = new Set<string>();
  while (queue.length) {
    const { name, scope, member } = queue.shift()!;
    const key = `${name}@${scope.pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const use of usesIn(scope, name)) {
      if (member !== undefined && readsOtherMember(use, member)) continue;
      const reached = statementAround(use, use.pos);
      if (!reached) continue;
      nodes.add(reached.statement);
      for (const fn of reached.functions ?? []) functions.add(fn);
      if (nodes.size + functions.size > MAX_NODES) return { statement: start.statement };
      queue.push(...reached.inferred);
    }
  }
  // A hole in a condition narrows what follows (`if (payload.memo) return payload;` leaves `never` behind when the
  // candidate is always true): the statements after the condition's, up to the end of its function, are affected.
  for (const statement of start.condition ? followingStatements(start.condition) : []) nodes.add(statement);
  return { statement: start.statement, nodes: outermost([...nodes]), functions: outermost([...functions]) };
}

/** The statements after `statement` in its list and in each enclosing list up to the function's body. */
function followingStatements(statement: ts.Statement): ts.Statement[] {
  const following: ts.Statement[] = [];
  for (let n: ts.Node = statement; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    if (isStatementList(n.parent)) {
      const list = (n.parent as ts.Block).statements;
      for (let i = list.indexOf(n as ts.Statement) + 1; i < list.length; i++) following.push(list[i]);
    }
    if (ts.isSourceFile(n.parent)) break;
  }
  return following;
}

/** The identifiers named `name` in `scope` that may refer to it (`this.name` included), declarations' names aside. */
export function usesIn(scope: ts.Node, name: string): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  forEachDescendant(scope, (node) => {
    if (!ts.isIdentifier(node)) return;
    const parent = node.parent;
    // A declaration's own name is no use of it, but a property access's name is (`this.name`), so is `{ name }`, and
    // an overload's signature must stay compatible with what the implementation infers.
    const declares = (parent as { name?: ts.Node }).name === node && !ts.isPropertyAccessExpression(parent) &&
      !ts.isShorthandPropertyAssignment(parent) && !(ts.isFunctionLike(parent) && !(parent as ts.FunctionLikeDeclaration).body);
    if (node.text === name && !declares) uses.push(node);
  });
  return uses;
}

/** Checking a node checks what it holds: nested nodes would only be checked twice. */
function outermost(nodes: ts.Node[]): ts.Node[] {
  return nodes.filter((n) => !nodes.some((m) => m !== n && m.pos <= n.pos && n.end <= m.end));
}

export function isStatementList(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

/** A name whose type the value infers, where it is used, and the one member of it the value is (when it is one:
 * `const config = { async: _(), url }` changes the type of `config.async` only). */
interface Inferred { name: string; scope: ts.Node; member?: string }

/** A statement to check and the names whose inferred types flow from it. */
interface Reach {
  statement: ts.Node;
  inferred: Inferred[];
  /** The statement whose condition holds the value, when it does (it narrows what follows). */
  condition?: ts.Statement;
  /** The named functions without a return type whose type the value infers. */
  functions?: ts.Node[];
}

/**
 * The statement whose checking covers a value computed at `at` (found walking up from `from`), and the names whose
 * types that value infers. The value flows out of a function only from a return position (a `return`, a `yield`, an
 * arrow's expression body): a function expression or object-literal method without a return type then passes it on
 * to the statement around it, and a named function without one to the code that calls it. Elsewhere in a body the
 * value cannot change any type outside, and the statement holding it is enough.
 */
function statementAround(from: ts.Node, at: number): Reach | undefined {
  let statement: ts.Node | undefined;
  const inferred: Inferred[] = [];
  let flows = true;
  let returned = false;
  let condition: ts.Statement | undefined;
  let crossedFunction = false;
  const functions: ts.Node[] = [];
  for (let n: ts.Node | undefined = from, child: ts.Node | undefined; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (!condition && !crossedFunction && child && isConditionOf(n, child)) condition = n as ts.Statement;
    if (ts.isReturnStatement(n) || ts.isYieldExpression(n)) returned = true;
    if (ts.isFunctionLike(n)) {
      flows &&= returned || inExpressionBody(n, at);
      returned = false;
      if (flows && namedFunction(n).length) {
        inferred.push(...namedFunction(n));
        functions.push(n);
      }
      if (flows && passesReturnOn(n)) statement = undefined;
      crossedFunction = true;
    } else if (flows) {
      inferred.push(...inferredVariable(n, at));
    }
    if (!statement && ((ts.isClassElement(n) && ts.isClassLike(n.parent)) || (ts.isStatement(n) && n.parent && isStatementList(n.parent)))) statement = n;
  }
  return statement && { statement, inferred, condition, functions };
}

function isConditionOf(n: ts.Node, child: ts.Node): boolean {
  if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isSwitchStatement(n)) return n.expression === child;
  return ts.isForStatement(n) && n.condition === child;
}

function inExpressionBody(fn: ts.SignatureDeclaration, at: number): boolean {
  return ts.isArrowFunction(fn) && !ts.isBlock(fn.body) && fn.body.pos <= at && at <= fn.body.end;
}

function passesReturnOn(n: ts.Node): boolean {
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return !n.type;
  return (ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) && !n.type && !!n.body && ts.isObjectLiteralExpression(n.parent);
}

/** An un-annotated variable or property whose initializer holds `at`: its names, and where they are used. */
function inferredVariable(n: ts.Node, at: number): Inferred[] {
  if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && !n.type && n.initializer && n.initializer.pos <= at) {
    const scope = ts.isPropertyDeclaration(n) ? n.parent : scopeOf(n);
    if (ts.isIdentifier(n.name)) return [{ name: n.name.text, scope, member: memberHolding(n.initializer, at) }];
    return boundNames(n.name).map((name) => ({ name, scope }));
  }
  return [];
}

/**
 * The property of an object literal whose value holds `at`, by name, when no other member's type can depend on it:
 * none holds a function (a method reads `this.async`, an arrow `config.async`).
 */
function memberHolding(initializer: ts.Expression, at: number): string | undefined {
  if (!ts.isObjectLiteralExpression(initializer)) return undefined;
  const property = initializer.properties.find((p) => p.pos <= at && at <= p.end);
  if (!property || ts.isSpreadAssignment(property) || !property.name) return undefined;
  if (initializer.properties.some((p) => p !== property && holdsFunction(p))) return undefined;
  return propertyName(property.name);
}

function holdsFunction(node: ts.Node): boolean {
  const isFunction = (n: ts.Node) => ts.isFunctionLike(n) || ts.isClassLike(n);
  let holds = isFunction(node);
  if (!holds) forEachDescendant(node, (n) => ((holds = isFunction(n)) ? 'stop' : undefined));
  return holds;
}

/**
 * A use that reads only another member than `member` (`config.url`, `const { url } = config`): the value cannot
 * change what it reads.
 */
function readsOtherMember(use: ts.Identifier, member: string): boolean {
  // `this.name` for a property.
  const ref: ts.Node = ts.isPropertyAccessExpression(use.parent) && use.parent.name === use ? use.parent : use;
  const parent = ref.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) return parent.name.text !== member;
  if (ts.isElementAccessExpression(parent) && parent.expression === ref && ts.isStringLiteral(parent.argumentExpression)) {
    return parent.argumentExpression.text !== member;
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === ref && ts.isObjectBindingPattern(parent.name)) {
    return parent.name.elements.every((e) => {
      const read = e.dotDotDotToken ? undefined : boundProperty(e);
      return read !== undefined && read !== member;
    });
  }
  return false;
}

/** The property a binding element reads (`{ url }`, `{ body: configured }`), when it names one. */
export function boundProperty(e: ts.BindingElement): string | undefined {
  const name = e.propertyName ?? e.name;
  return ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name) ? undefined : propertyName(name);
}

/** A member's name as written (`url`, `'url'`, `0`); none when computed. */
export function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** A named function, method or getter without a return type: its name, and where it is used. */
function namedFunction(n: ts.Node): Inferred[] {
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) && !n.type && n.body &&
    n.name && ts.isIdentifier(n.name) && !ts.isObjectLiteralExpression(n.parent)) {
    return [{ name: n.name.text, scope: ts.isFunctionDeclaration(n) ? scopeOf(n) : n.parent }];
  }
  return [];
}

/** `x`, or every name a destructuring pattern binds (`const { a, b: [c] } = …`). */
function boundNames(name: ts.PropertyName | ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    return name.elements.flatMap((e) => (ts.isBindingElement(e) ? boundNames(e.name) : []));
  }
  return [];
}

function scopeOf(n: ts.Node): ts.Node {
  return ts.findAncestor(n.parent, (a) => isStatementList(a)) ?? n.getSourceFile();
}
