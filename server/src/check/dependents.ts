/**
 * Other files a candidate reaches through an export whose type it infers: their imports of the module (cached per
 * SourceFile), the statements around the uses, and what they see of the exports (`Carried`), so that a candidate whose
 * exports carry the baseline's types, or those of a text already checked there, need not be checked there again.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { checkedNodes, Export, Inferred, regionOfUses } from './region.js';

/**
 * The other files a value reaches through the exports whose types it infers: those that import them (through
 * re-exports, and exports of their own whose types those imports infer, too), each with the statements around the
 * uses (`regionOfUses`), or undefined nodes for the whole file.
 */
export interface Dependent {
  sourceFile: ts.SourceFile;
  nodes?: ts.Node[];
}

/**
 * The files using `exports` of `module`, found by their imports: each file's module references are read once per
 * SourceFile (`referencesOf`), and only those whose last segment could name the module are resolved by the checker.
 */
export function dependentsOf(
  program: ts.Program,
  checker: ts.TypeChecker,
  module: ts.SourceFile,
  exports: Export[],
): Dependent[] {
  const files = program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f))
    .filter((f) => f.fileName !== module.fileName);
  const seeds = new Map<ts.SourceFile, Map<string, Inferred>>();
  const regions = new Map<ts.SourceFile, ts.Node[] | undefined>();
  const seen = new Set<string>();
  const pending: Array<{ module: ts.SourceFile; exports: Export[] }> = [{ module, exports }];
  while (pending.length) {
    const grown = new Set<ts.SourceFile>();
    for (let reached = pending.shift(); reached; reached = pending.shift()) {
      const from = reached.module;
      const names = reached.exports.filter((e) => !seen.has(`${from.fileName}#${e.name}`));
      for (const e of names) seen.add(`${from.fileName}#${e.name}`);
      for (const { file, declaration } of names.length ? importersOf(files, checker, from) : []) {
        const bound = boundBy(declaration, names);
        const known = seeds.get(file) ?? new Map<string, Inferred>();
        const before = known.size;
        for (const name of bound.locals) known.set(name, { name, scope: file });
        for (const { name, declarations } of bound.members) {
          if (!known.has(name)) known.set(name, { name, scope: file, declarations });
        }
        seeds.set(file, known);
        if (known.size > before) grown.add(file);
        if (bound.reexported.length) pending.push({ module: file, exports: bound.reexported });
      }
    }
    // The exports of the files reached whose types their uses infer: other files may use them in turn.
    for (const file of grown) {
      const region = regionOfUses([...seeds.get(file)!.values()], checker);
      regions.set(file, checkedNodes(region));
      if (region.exports) pending.push({ module: file, exports: region.exports });
    }
  }
  return [...regions].map(([sourceFile, nodes]) => ({ sourceFile, nodes }));
}

/**
 * What an import or re-export of the module binds of `exports`: the local names it gives them (a namespace or
 * `import x = require()` gives all) and the members of those (reached on instances of an exported class, with their
 * declarations), and what it exports again under which names.
 */
function boundBy(declaration: ModuleDeclaration, exports: Export[]): Bound {
  const wanted = (name: string) => exports.find((e) => e.name === name || e.name === '*');
  const membersOf = (e: Export) => e.members.map((name) => ({ name, declarations: e.carriedBy }));
  const all = exports.flatMap(membersOf);
  if (ts.isImportEqualsDeclaration(declaration)) {
    return { locals: [declaration.name.text], members: all, reexported: [] };
  }
  const bound: Bound = { locals: [], members: [], reexported: [] };
  if (ts.isImportDeclaration(declaration)) {
    const clause = declaration.importClause;
    const named = clause?.namedBindings;
    const defaulted = clause?.name && wanted('default');
    if (clause?.name && defaulted) {
      bound.locals.push(clause.name.text);
      bound.members.push(...membersOf(defaulted));
    }
    if (named && ts.isNamespaceImport(named)) {
      return { locals: [...bound.locals, named.name.text], members: all, reexported: [] };
    }
    for (const element of named?.elements ?? []) {
      const e = wanted((element.propertyName ?? element.name).text);
      if (!e) continue;
      bound.locals.push(element.name.text);
      bound.members.push(...membersOf(e));
    }
    return bound;
  }
  const clause = declaration.exportClause;
  if (!clause) bound.reexported.push(...exports.filter((e) => e.name !== 'default'));
  else if (ts.isNamespaceExport(clause)) {
    const members = exports.flatMap((e) => e.members);
    bound.reexported.push({ name: clause.name.text, members, carriedBy: carriers(exports) });
  } else {
    for (const element of clause.elements) {
      const e = wanted((element.propertyName ?? element.name).text);
      if (e) bound.reexported.push({ ...e, name: element.name.text });
    }
  }
  return bound;
}

/** The declarations all the exports carry, when each says. */
function carriers(exports: Export[]): ts.Node[] | undefined {
  return exports.every((e) => e.carriedBy) ? exports.flatMap((e) => e.carriedBy!) : undefined;
}

interface Bound {
  locals: string[];
  members: Array<{ name: string; declarations?: ts.Node[] }>;
  reexported: Export[];
}

type ModuleDeclaration = ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.ExportDeclaration;

/** An import, `import x = require()` or re-export of another module, by what its specifier's last segment names. */
interface ModuleReference {
  declaration: ModuleDeclaration;
  specifier: ts.StringLiteral;
  /** The last segment without extension (`cart` in `./cart.js`, `@/lib/cart`); empty for `.`, `..`, `./`. */
  segment: string;
}

const references = new WeakMap<ts.SourceFile, ModuleReference[]>();

/** A file's module references, read once per SourceFile (a SourceFile outlives the programs of edits elsewhere). */
function referencesOf(file: ts.SourceFile): ModuleReference[] {
  let found = references.get(file);
  if (!found) {
    found = [];
    for (const statement of file.statements) {
      const specifier = specifierOf(statement);
      if (!specifier) continue;
      found.push({ declaration: statement as ModuleDeclaration, specifier, segment: lastSegment(specifier.text) });
    }
    references.set(file, found);
  }
  return found;
}

function specifierOf(statement: ts.Statement): ts.StringLiteral | undefined {
  const specifier =
    ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
      ? statement.moduleSpecifier
      : ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)
        ? statement.moduleReference.expression
        : undefined;
  return specifier && ts.isStringLiteral(specifier) ? specifier : undefined;
}

/** The files among `files` that import or re-export `module`, with each declaration that does. */
function importersOf(
  files: ts.SourceFile[],
  checker: ts.TypeChecker,
  module: ts.SourceFile,
): Array<{ file: ts.SourceFile; declaration: ModuleDeclaration }> {
  const name = lastSegment(module.fileName);
  const index = name === 'index';
  const folder = path.basename(path.dirname(module.fileName));
  // A path can name the module by its file's name; an index also by its folder's, or by `.`; a package's name (a bare
  // specifier) can name an index.
  const mayName = (r: ModuleReference) =>
    r.segment === name || (index && (r.segment === folder || r.segment === '' || !r.specifier.text.startsWith('.')));
  const resolves = (r: ModuleReference) =>
    !!checker
      .getSymbolAtLocation(r.specifier)
      ?.declarations?.some((d) => d.getSourceFile().fileName === module.fileName);
  const found: Array<{ file: ts.SourceFile; declaration: ModuleDeclaration }> = [];
  for (const file of files) {
    for (const r of referencesOf(file)) if (mayName(r) && resolves(r)) found.push({ file, declaration: r.declaration });
  }
  return found;
}

/** `cart` for `./lib/cart.js`, `../cart`, `/src/cart.d.ts`; empty for `.`, `..`, `./`. */
function lastSegment(specifier: string): string {
  const last = specifier.split('/').pop() ?? '';
  return last === '.' || last === '..' ? '' : last.replace(/(\.d)?\.[cm]?[jt]sx?$/, '');
}

/** What other files see of a declaration an export carries: its type, or a function's return type and predicate. */
export interface Carried {
  type: ts.Type;
  predicate?: ts.TypePredicate;
}

/** The types of the carriers, as a program's checker has them. */
export function carriedTypes(checker: ts.TypeChecker, carriers: readonly ts.Node[]): Carried[] {
  return carriers.flatMap((node): Carried[] => {
    if (ts.isFunctionLike(node)) {
      const signature = checker.getSignatureFromDeclaration(node);
      if (!signature) return [{ type: checker.getTypeAtLocation(node) }];
      const predicate = checker.getTypePredicateOfSignature(signature);
      return [{ type: checker.getReturnTypeOfSignature(signature), predicate }];
    }
    if (ts.isVariableDeclaration(node)) {
      return namesIn(node.name).map((name) => ({ type: checker.getTypeAtLocation(name) }));
    }
    return [{ type: checker.getTypeAtLocation(ts.isPropertyDeclaration(node) ? node.name : node) }];
  });
}

function namesIn(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? namesIn(e.name) : []));
}

/**
 * Do other files see the same of both? The same types (as one checker made them), or object literal types whose
 * members have the same types: a literal's type is made anew in each copy of it.
 */
export function sameCarried(checker: ts.TypeChecker, a: Carried[], b: Carried[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => sameType(checker, c.type, b[i].type) && samePredicate(checker, c.predicate, b[i].predicate))
  );
}

function samePredicate(checker: ts.TypeChecker, a?: ts.TypePredicate, b?: ts.TypePredicate): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind &&
    a.parameterIndex === b.parameterIndex &&
    !!a.type === !!b.type &&
    (!a.type || sameType(checker, a.type, b.type!))
  );
}

/** Past this depth of nested object literals, types are the same only when they are one. */
const MAX_DEPTH = 3;

function sameType(checker: ts.TypeChecker, a: ts.Type, b: ts.Type, depth = 0): boolean {
  if (a === b) return true;
  if (a.flags !== b.flags) return false;
  // A literal's fresh and regular types are two objects.
  if (a.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral)) {
    return checker.typeToString(a) === checker.typeToString(b);
  }
  if (!isObjectLiteralType(a) || !isObjectLiteralType(b) || depth >= MAX_DEPTH) return false;
  const [pa, pb] = [a.getProperties(), b.getProperties()];
  const optional = (p: ts.Symbol) => p.flags & ts.SymbolFlags.Optional;
  return (
    pa.length === pb.length &&
    !checker.getIndexInfosOfType(a).length &&
    !checker.getIndexInfosOfType(b).length &&
    pa.every(
      (p, i) =>
        p.name === pb[i].name &&
        optional(p) === optional(pb[i]) &&
        !isReadonly(p) &&
        !isReadonly(pb[i]) &&
        sameType(checker, checker.getTypeOfSymbol(p), checker.getTypeOfSymbol(pb[i]), depth + 1),
    )
  );
}

/** The type of an object literal (widened too: a `const`'s), without signatures. */
function isObjectLiteralType(type: ts.Type): boolean {
  return (
    !!(type.flags & ts.TypeFlags.Object) &&
    !!(type.symbol?.flags & ts.SymbolFlags.ObjectLiteral) &&
    !type.getCallSignatures().length &&
    !type.getConstructSignatures().length
  );
}

/** A member made read-only by `as const`: its literal is another type. */
function isReadonly(p: ts.Symbol): boolean {
  return (
    !!p.declarations?.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Readonly) ||
    !!ts.findAncestor(p.valueDeclaration, (n) => ts.isAsExpression(n) && ts.isConstTypeReference(n.type))
  );
}
