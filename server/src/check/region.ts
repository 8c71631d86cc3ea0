/**
 * The region a candidate can affect: the statement around the hole, and through inferred types the statements around
 * each use (save those reading another member of the object literal the hole is a member of). A function that infers
 * its return type from the hole is copied whole, but only its returns and uses are checked. A class member whose type
 * the hole infers (an un-annotated initializer's, or a property its constructor types, declared with neither type nor
 * initializer) is used in its class when private, else anywhere in the file (uses the checker resolves elsewhere
 * left out), as are its class's name and `this` as values; its class is checked whole where a base, an interface, an
 * index signature or an accessor pair checks it (and so are the subclasses overriding it, and a class whose member's
 * computed name holds the hole). An export whose type the hole infers reaches other files (`dependents.ts`). Checking
 * the region instead of the whole file is most of what makes validation cheap.
 */
import ts from 'typescript';
import { declaredType, forEachDescendant, nodeAt } from '../ts/ast.js';
import { classesExtending, namesIn } from './fileIndex.js';

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
  /**
   * The classes whose own checks a member's inferred type reaches: the member against its base's and interfaces'
   * (TS2416), a subclass's override against it. Checked whole; a copy holds only the member bodies the nodes need.
   */
  classes?: ts.ClassLikeDeclaration[];
  /** The file's exports whose types the value infers: other files' uses of them are checked too (`dependents.ts`). */
  exports?: Export[];
}

/**
 * An export whose type the value infers, by the name other files import (`default`; `*` for `export =`, which every
 * import of the module binds), with, for a class, the members whose types change (reached on its instances).
 */
export interface Export {
  name: string;
  members: string[];
  /** The declarations of this file whose types it carries, when they are known: while none of those types changes, no
   * other file sees a change. */
  carriedBy?: ts.Node[];
}

/** Past this many statements, checking the whole file is as cheap and surer. */
const MAX_NODES = 40;
/** Past this many names followed for the whole file, every export may be reached. */
const MAX_NAMES = 200;

/**
 * The statement around the hole, plus — when the hole feeds an inferred type (an un-annotated variable, the return
 * value of a function, method or getter without a return type) — the statement around each use of the inferred name
 * in its scope, and so on through the inferred types those feed in turn: a wrong candidate shows its error there.
 * Checking these instead of the whole file is most of what makes validation cheap, in a 5,000-line module above all.
 * The nodes are undefined for the whole file. With the checker of the file's program, the uses of a class member's
 * name that it resolves to something else are left out.
 */
export function regionOf(sourceFile: ts.SourceFile, holeStart: number, checker?: ts.TypeChecker): Region | undefined {
  const start = statementAround(nodeAt(sourceFile, holeStart), holeStart, checker);
  if (!start) return undefined;
  const reached = reachedFrom(start, checker);
  // A hole in a condition narrows what follows (`if (payload.memo) return payload;` leaves `never` behind when the
  // candidate is always true): the statements after the condition's, up to the end of its function, are affected.
  for (const statement of start.condition ? followingStatements(start.condition) : []) reached.nodes?.push(statement);
  return { statement: start.statement, ...settled(reached) };
}

/** The region of the uses of names (an import's, in a file using an export the value infers). */
export function regionOfUses(seeds: Inferred[], checker?: ts.TypeChecker): Omit<Region, 'statement'> {
  return settled(reachedFrom({ inferred: seeds, functions: [], classes: [], exports: [], uses: [] }, checker));
}

/** The nodes a region checks: its statements, and the classes checked whole, which hold the statements in them. */
export function checkedNodes(region: CheckedRegion): ts.Node[] | undefined {
  return region.nodes && outermost([...region.nodes, ...(region.classes ?? [])]);
}

type CheckedRegion = { nodes?: readonly ts.Node[]; classes?: readonly ts.Node[] };

/** What a region reaches; no nodes for the whole file (past MAX_NODES), whose exports are still followed. */
interface Reached {
  nodes?: ts.Node[];
  functions: ts.Node[];
  classes: ts.ClassLikeDeclaration[];
  exports: Export[];
}

/**
 * The statements of `start` and those around each use of the names whose types it infers, and so on through the
 * inferred types those feed in turn.
 */
function reachedFrom(start: Omit<Reach, 'statement'> & { statement?: ts.Node }, checker?: ts.TypeChecker): Reached {
  const nodes = new Set<ts.Node>(start.statement ? [start.statement] : []);
  const functions = new Set<ts.Node>(start.functions);
  const classes = new Set<ts.ClassLikeDeclaration>(start.classes);
  const exports = [...start.exports];
  const queue = [...start.inferred];
  const direct = [...start.uses];
  const seen = new Set<string>();
  // A use is reached once: `this` in an inferred method reaches the method, whose class's `this` uses hold it again.
  const reachedUses = new Set<ts.Node>();
  let whole = false;
  const reach = (use: ts.Node) => {
    if (reachedUses.has(use)) return;
    reachedUses.add(use);
    const reached = statementAround(use, use.pos, checker);
    if (!reached) return;
    nodes.add(reached.statement);
    for (const fn of reached.functions) functions.add(fn);
    for (const cls of reached.classes) classes.add(cls);
    exports.push(...reached.exports);
    whole ||= nodes.size + functions.size + classes.size > MAX_NODES;
    queue.push(...reached.inferred);
    direct.push(...reached.uses);
  };
  while (queue.length || direct.length) {
    for (const use of direct.splice(0)) reach(use);
    if (!queue.length) continue;
    const { name, scope, member, declarations } = queue.shift()!;
    const key = `${name}@${scope.pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Past so many names, which exports the value reaches is not worth knowing: any may be.
    if (whole && seen.size > MAX_NAMES) {
      exports.push({ name: '*', members: [] });
      break;
    }
    for (const use of usesIn(scope, name)) {
      if (member !== undefined && readsOtherMember(use, member)) continue;
      if (checker && declarations && !mayReferTo(checker, use, declarations)) continue;
      // A subclass sees a member's type in its own check, where it declares the member (see memberInference).
      if (declarations?.some(ts.isClassLike) && ts.isHeritageClause(use.parent.parent)) continue;
      reach(use);
    }
  }
  if (whole) return { functions: [], classes: [], exports };
  return { nodes: [...nodes], functions: [...functions], classes: [...classes], exports };
}

/** One entry per name, with the members and the declarations of all (unknown when one's are). */
function mergedExports(exports: Export[]): Export[] {
  const byName = new Map<string, Export>();
  for (const e of exports) {
    const known = byName.get(e.name);
    if (!known) {
      byName.set(e.name, { ...e });
      continue;
    }
    known.members = [...new Set([...known.members, ...e.members])];
    known.carriedBy = known.carriedBy && e.carriedBy && [...new Set([...known.carriedBy, ...e.carriedBy])];
  }
  return [...byName.values()];
}

function settled({ nodes, functions, classes, exports }: Reached): Omit<Region, 'statement'> {
  return {
    nodes: nodes && outermost(nodes),
    functions: outermost(functions),
    ...(classes.length ? { classes } : {}),
    ...(exports.length ? { exports: mergedExports(exports) } : {}),
  };
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

/**
 * The identifiers named `name` in `scope` that may refer to it (`this.name` included), declarations' names aside; for
 * a private name (`#name`), the private identifiers.
 */
export function usesIn(scope: ts.Node, name: string): Array<ts.Identifier | ts.PrivateIdentifier> {
  return namesIn(scope, name).filter((node) => {
    const parent = node.parent;
    // A declaration's own name is no use of it, but a property access's name is (`this.name`), so is `{ name }` and
    // `export { name }`, and an overload's signature must stay compatible with what the implementation infers.
    const declares =
      (parent as { name?: ts.Node }).name === node &&
      !ts.isPropertyAccessExpression(parent) &&
      !ts.isShorthandPropertyAssignment(parent) &&
      !ts.isExportSpecifier(parent) &&
      !(ts.isFunctionLike(parent) && !(parent as ts.FunctionLikeDeclaration).body);
    return !declares;
  });
}

/** Checking a node checks what it holds: nested nodes would only be checked twice. */
export function outermost(nodes: ts.Node[]): ts.Node[] {
  return nodes.filter((n) => !nodes.some((m) => m !== n && m.pos <= n.pos && n.end <= m.end));
}

export function isStatementList(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

/** A name whose type the value infers, where it is used, and the one member of it the value is (when it is one:
 * `const config = { async: _(), url }` changes the type of `config.async` only). */
export interface Inferred {
  name: string;
  scope: ts.Node;
  member?: string;
  /** For a class member's name, its declarations: a use the checker resolves to none of them is not its use. */
  declarations?: readonly ts.Node[];
}

/** May the use refer to one of the declarations? Unless the checker resolves it to a symbol declared elsewhere (another
 * class's member of that name, a local variable). */
function mayReferTo(checker: ts.TypeChecker, use: ts.Node, declarations: readonly ts.Node[]): boolean {
  const found = checker.getSymbolAtLocation(use)?.declarations;
  return !found?.length || found.some((d) => declarations.includes(d));
}

/** A statement to check and the names whose inferred types flow from it. */
interface Reach {
  statement: ts.Node;
  inferred: Inferred[];
  /** The statement whose condition holds the value, when it does (it narrows what follows). */
  condition?: ts.Statement;
  /** The named functions without a return type whose type the value infers. */
  functions: ts.Node[];
  /** The classes whose own checks a member's type reaches (see Region). */
  classes: ts.ClassLikeDeclaration[];
  exports: Export[];
  /** Where a value of a type the value changes is used, other than by a name: a class's `this`. */
  uses: ts.Node[];
}

/**
 * The statement whose checking covers a value computed at `at` (found walking up from `from`), and the names whose
 * types that value infers. The value flows out of a function only from a return position (a `return`, a `yield`, an
 * arrow's expression body): a function expression or object-literal method without a return type then passes it on
 * to the statement around it, and a named function without one to the code that calls it. Elsewhere in a body the
 * value cannot change any type outside, and the statement holding it is enough; nor past an expression whose type the
 * value cannot change (`sealsType`, known with a checker).
 */
function statementAround(from: ts.Node, at: number, checker?: ts.TypeChecker): Reach | undefined {
  let statement: ts.Node | undefined;
  const reach: Omit<Reach, 'statement'> = { inferred: [], functions: [], classes: [], exports: [], uses: [] };
  let flows = true;
  let returned = false;
  let crossedFunction = false;
  // A member's type changed: a class expression's type changes with it, as a value.
  let memberChanged = false;
  for (
    let n: ts.Node | undefined = from, child: ts.Node | undefined;
    n && !ts.isSourceFile(n);
    child = n, n = n.parent
  ) {
    if (!reach.condition && !crossedFunction && child && isConditionOf(n, child)) reach.condition = n as ts.Statement;
    if (flows && checker && child && sealsType(n, child, checker)) flows = false;
    // A class member's computed name: the class's members and its base's and interfaces' are compared by name.
    if (ts.isComputedPropertyName(n) && ts.isClassElement(n.parent) && ts.isClassLike(n.parent.parent)) {
      reach.classes.push(n.parent.parent);
    }
    if (ts.isReturnStatement(n) || ts.isYieldExpression(n)) returned = true;
    if (ts.isFunctionLike(n)) {
      // A written return type is what the function's type says whatever it returns.
      flows &&= (returned || inExpressionBody(n, at)) && !declaredType(n);
      returned = false;
      const named = flows ? namedFunction(n) : undefined;
      if (named) {
        add(reach, named);
        reach.functions.push(n);
        memberChanged = named.memberChanged;
      }
      if (flows && passesReturnOn(n)) statement = undefined;
      crossedFunction = true;
    } else if (flows) {
      const variable = inferredVariable(n, at);
      for (const inference of variable ? [variable] : child ? inferredByConstructor(n, child) : []) {
        add(reach, inference);
        memberChanged = inference.memberChanged;
      }
      if (ts.isClassExpression(n) && memberChanged) statement = undefined;
      if (ts.isExportAssignment(n)) {
        reach.exports.push({ name: n.isExportEquals ? '*' : 'default', members: [], carriedBy: [n.expression] });
      }
      if (ts.isExportSpecifier(n) && !n.parent.parent.moduleSpecifier) {
        reach.exports.push({ name: n.name.text, members: [] });
      }
    }
    if (
      !statement &&
      ((ts.isClassElement(n) && ts.isClassLike(n.parent)) ||
        (ts.isStatement(n) && n.parent && isStatementList(n.parent)))
    )
      statement = n;
  }
  return statement && { statement, ...reach };
}

/** What an inferred declaration adds to a reach: the names to follow, the classes to check, the exports. */
type Inference = Pick<Reach, 'inferred' | 'classes' | 'exports'> & { uses?: ts.Node[]; memberChanged: boolean };

function add(reach: Omit<Reach, 'statement'>, { inferred, classes, exports, uses = [] }: Inference): void {
  reach.inferred.push(...inferred);
  reach.classes.push(...classes);
  reach.exports.push(...exports);
  reach.uses.push(...uses);
}

/**
 * Is `n`'s type the same whatever the value in it (`child` holds it)? A call or `new` with the value among its
 * arguments, whose callee has one signature, not generic nor a type guard (an aliased guard, `const ok = isDate(x)`,
 * narrows what follows by its argument); an untagged template the checker types `string` (a literal context would
 * type it from its spans).
 */
function sealsType(n: ts.Node, child: ts.Node, checker: ts.TypeChecker): boolean {
  if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.includes(child as ts.Expression)) {
    const callee = checker.getTypeAtLocation(n.expression);
    const signatures = ts.isNewExpression(n) ? callee.getConstructSignatures() : callee.getCallSignatures();
    return (
      signatures.length === 1 && !signatures[0].typeParameters && !checker.getTypePredicateOfSignature(signatures[0])
    );
  }
  return (
    ts.isTemplateExpression(n) &&
    !ts.isTaggedTemplateExpression(n.parent) &&
    !!(checker.getTypeAtLocation(n).flags & ts.TypeFlags.String)
  );
}

function isConditionOf(n: ts.Node, child: ts.Node): boolean {
  if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isSwitchStatement(n))
    return n.expression === child;
  return ts.isForStatement(n) && n.condition === child;
}

function inExpressionBody(fn: ts.SignatureDeclaration, at: number): boolean {
  return ts.isArrowFunction(fn) && !ts.isBlock(fn.body) && fn.body.pos <= at && at <= fn.body.end;
}

function passesReturnOn(n: ts.Node): boolean {
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return !declaredType(n);
  return (
    (ts.isMethodDeclaration(n) || ts.isGetAccessor(n)) &&
    !declaredType(n) &&
    !!n.body &&
    ts.isObjectLiteralExpression(n.parent)
  );
}

/** An un-annotated variable or property whose initializer holds `at`: its names, and where they are used. */
function inferredVariable(n: ts.Node, at: number): Inference | undefined {
  if (!(ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) || declaredType(n)) return undefined;
  if (!n.initializer || n.initializer.pos > at) return undefined;
  const member = memberHolding(n.initializer, at);
  if (ts.isPropertyDeclaration(n)) {
    const name = memberName(n);
    return name === undefined ? undefined : memberInference(n, name, member);
  }
  const scope = scopeOf(n);
  const names = ts.isIdentifier(n.name) ? [n.name.text] : boundNames(n.name);
  const inferred = names.map((name) => ({ name, scope, member: ts.isIdentifier(n.name) ? member : undefined }));
  const statement = n.parent.parent;
  const exports = ts.isVariableStatement(statement) ? names.flatMap((name) => exportsOf(statement, name, n)) : [];
  return { inferred, classes: [], exports, memberChanged: false };
}

/**
 * The properties a constructor's `this.name = value` (`child` holds the value or the name) may give their type: a
 * property its class declares with neither a type nor an initializer takes the type of what the constructor assigns
 * it (strict mode), and at `this.|` any such property may be the one a candidate names.
 */
function inferredByConstructor(n: ts.Node, child: ts.Node): Inference[] {
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const target = n.left;
  if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
  const ctor = ts.findAncestor(n.parent, (a) => ts.isFunctionLike(a) && !ts.isArrowFunction(a));
  if (!ctor || !ts.isConstructorDeclaration(ctor)) return [];
  const typedByConstructor = ctor.parent.members.filter(
    (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !m.type && !m.initializer,
  );
  const named =
    child === n.left ? typedByConstructor : typedByConstructor.filter((m) => memberName(m) === target.name.text);
  return named.flatMap((m) => {
    const name = memberName(m);
    return name === undefined ? [] : [memberInference(m, name)];
  });
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
function readsOtherMember(use: ts.Identifier | ts.PrivateIdentifier, member: string): boolean {
  // `this.name` for a property.
  const ref: ts.Node = ts.isPropertyAccessExpression(use.parent) && use.parent.name === use ? use.parent : use;
  const parent = ref.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) return parent.name.text !== member;
  if (
    ts.isElementAccessExpression(parent) &&
    parent.expression === ref &&
    ts.isStringLiteral(parent.argumentExpression)
  ) {
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
function namedFunction(n: ts.Node): Inference | undefined {
  if (!(ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n))) return undefined;
  if (declaredType(n) || !n.body || !n.name || ts.isObjectLiteralExpression(n.parent)) return undefined;
  if (ts.isFunctionDeclaration(n)) {
    const name = n.name.text;
    const exports = exportsOf(n, name, n);
    return { inferred: [{ name, scope: scopeOf(n) }], classes: [], exports, memberChanged: false };
  }
  const name = memberName(n);
  return name === undefined ? undefined : memberInference(n, name);
}

/** A class member's name as its uses spell it (`#name` for a private name); none when computed. */
function memberName(member: ts.ClassElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
}

/**
 * A class member whose type the value infers. A private one is used in its class only. Another is used anywhere in
 * the file (as `x.name`, on values the checker may have typed from the class by way of any other name), in the other
 * files the class is exported to, and its type is checked against the base's and the interfaces' (in the class's own
 * check, where it has a heritage clause, an index signature, or an accessor of that name), against the overrides in
 * subclasses (in their own checks); the class's type changes with it, where its name or its `this` is a value.
 */
function memberInference(member: ts.ClassElement, name: string, part?: string): Inference {
  const cls = member.parent as ts.ClassLikeDeclaration;
  if (isPrivate(member)) {
    return { inferred: [{ name, scope: cls, member: part }], classes: [], exports: [], memberChanged: false };
  }
  const sourceFile = member.getSourceFile();
  const ownCheck =
    !!cls.heritageClauses?.length ||
    cls.members.some(
      (m) => ts.isIndexSignatureDeclaration(m) || (m !== member && ts.isAccessor(m) && memberName(m) === name),
    );
  const classes = [...(ownCheck ? [cls] : []), ...subclassesOf(cls, sourceFile).filter((sub) => declares(sub, name))];
  const exports =
    ts.isClassDeclaration(cls) && cls.name
      ? exportsOf(cls, cls.name.text, member).map((e) => ({ ...e, members: [name] }))
      : [];
  const inferred: Inferred[] = [{ name, scope: sourceFile, member: part, declarations: [member] }];
  // The class's type changes: where a value of it may be taken for another type (`const named: Named = new Tag()`,
  // `show(this)`, a parameter of the class's type), outside `extends`.
  if (ts.isClassDeclaration(cls) && cls.name) {
    inferred.push({ name: cls.name.text, scope: sourceFile, declarations: [cls] });
  }
  return { inferred, classes, exports, uses: thisAsValue(cls), memberChanged: true };
}

/** The class's `this` as a value (not `this.member`), in its members and the arrows in them. */
function thisAsValue(cls: ts.ClassLikeDeclaration): ts.Node[] {
  const found: ts.Node[] = [];
  for (const member of cls.members)
    forEachDescendant(member, (node) => {
      const parent = node.parent;
      const accessed =
        (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node;
      if (node.kind === ts.SyntaxKind.ThisKeyword && !accessed) found.push(node);
      // A function expression or a class has a `this` of its own.
      const ownThis = ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isClassLike(node);
      return ownThis ? 'skip' : undefined;
    });
  return found;
}

function isPrivate(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  return (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) !== 0;
}

/** Does the class declare a member of that name (which must then be compatible with the one it overrides)? */
function declares(cls: ts.ClassLikeDeclaration, name: string): boolean {
  return cls.members.some((m) => memberName(m) === name);
}

/** The classes of the file that extend `cls` (by its name), and theirs in turn. */
function subclassesOf(cls: ts.ClassLikeDeclaration, sourceFile: ts.SourceFile): ts.ClassLikeDeclaration[] {
  const found: ts.ClassLikeDeclaration[] = [];
  const names = [classNameOf(cls)].filter((n): n is string => !!n);
  for (let i = 0; i < names.length; i++) {
    for (const sub of classesExtending(sourceFile, names[i])) {
      if (found.includes(sub)) continue;
      found.push(sub);
      const name = classNameOf(sub);
      if (name) names.push(name);
    }
  }
  return found;
}

/** A class's name, or that of the variable holding a class expression. */
function classNameOf(cls: ts.ClassLikeDeclaration): string | undefined {
  if (cls.name) return cls.name.text;
  return ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name) ? cls.parent.name.text : undefined;
}

/**
 * The names other files import a declaration of the file's top level by: its own (`default` too) when it is
 * exported, and those `export { name as other }` and `export default name` give it; `carrier` is what changes.
 */
function exportsOf(declaration: ts.Statement, name: string, carrier: ts.Node): Export[] {
  const sourceFile = declaration.parent;
  if (!ts.isSourceFile(sourceFile)) return [];
  const names: string[] = [];
  const modifiers = ts.canHaveModifiers(declaration) ? (ts.getModifiers(declaration) ?? []) : [];
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
    names.push(modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : name);
  }
  for (const statement of sourceFile.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const e of statement.exportClause.elements) {
        if ((e.propertyName ?? e.name).text === name) names.push(e.name.text);
      }
    } else if (
      ts.isExportAssignment(statement) &&
      ts.isIdentifier(statement.expression) &&
      statement.expression.text === name
    ) {
      names.push(statement.isExportEquals ? '*' : 'default');
    }
  }
  return names.map((exported) => ({ name: exported, members: [], carriedBy: [carrier] }));
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
