/**
 * The repair bench's breakages: real code broken in one place the ways models break it (BENCHMARKS.md §4), each kept
 * only when it makes the compiler error of its kind.
 */
import ts from 'typescript';
import type { CompilerError } from '../../server/src/repair/repairData.js';
import { hallucinate } from './hallucinate.js';
import { shuffled } from './random.js';
import { Site } from './sites.js';

/** The compiler errors models make (BENCHMARKS.md §4), each as a way to break real code. */
export const MUTATION_KINDS = [
  'member near miss',
  'member of another type',
  'name near miss',
  'argument type',
  'assignment type',
  'union literal',
  'arity',
  'missing import',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** Real code broken in one place. */
export interface Mutation {
  kind: MutationKind;
  file: string;
  /** The span of the original text replaced, and what replaces it. */
  start: number;
  end: number;
  text: string;
  /** Where the error it makes is reported, in the mutated text. */
  errorAt: { start: number; end: number };
  /** The error codes it is meant to make. */
  codes: number[];
}

/** A mutation and the error it made, found in the mutated file. */
export type MadeMutation = Mutation & { target: CompilerError };

export function mutatedText(m: Mutation, original: string): string {
  return original.slice(0, m.start) + m.text + original.slice(m.end);
}

/** What the mutations are made from: the corpus' sites and named imports, and its checker on the original code. */
export interface MutationSource {
  checker: ts.TypeChecker;
  sites: Site[];
  files: readonly ts.SourceFile[];
  random: () => number;
}

/**
 * `perKind` mutations of each kind (fewer where the corpus has fewer), seeded: candidates are shuffled and taken in
 * turn while `made` finds the intended error in the mutated file. Kinds are interleaved so that any prefix mixes them.
 */
export function sampleMutations(
  source: MutationSource,
  perKind: number,
  made: (m: Mutation) => MadeMutation | undefined,
): MadeMutation[] {
  const members = [
    ...new Set(source.sites.filter((s) => s.kind === 'member').map((s) => (s.node as ts.Identifier).text)),
  ].sort();
  const byKind = MUTATION_KINDS.map((kind) => {
    const picked: MadeMutation[] = [];
    const candidates = shuffled<Site | ImportUse>(
      kind === 'missing import' ? importsOf(source) : source.sites,
      source.random,
    );
    for (let i = 0, tried = 0; i < candidates.length && picked.length < perKind && tried < 6 * perKind; i++) {
      const mutation = mutate(kind, candidates[i], source, members);
      if (!mutation) continue;
      tried++;
      const result = made(mutation);
      if (result) picked.push(result);
    }
    return picked;
  });
  const out: MadeMutation[] = [];
  for (let i = 0; i < perKind; i++) for (const picked of byKind) if (picked[i]) out.push(picked[i]);
  return out;
}

/** The code at `candidate` broken the `kind` way, when it can be. */
export function mutate(
  kind: MutationKind,
  candidate: Site | ImportUse,
  source: MutationSource,
  members: string[],
): Mutation | undefined {
  if (kind === 'missing import') return 'element' in candidate ? importMutation(candidate) : undefined;
  if ('element' in candidate) return undefined;
  switch (kind) {
    case 'member near miss':
      return memberMutation(kind, candidate, source, (name, legal) => nearMiss(name, legal, source.random));
    case 'member of another type':
      return memberMutation(
        kind,
        candidate,
        source,
        (name, legal) => hallucinate(name, legal, members, 'elsewhere', source.random)?.text,
      );
    case 'name near miss':
      return nameMutation(candidate, source);
    case 'argument type':
      return candidate.kind === 'argument' ? wrongTypeMutation(candidate, source, [2345, 2769, 2322]) : undefined;
    case 'assignment type':
      return ['return', 'initializer', 'property'].includes(candidate.kind)
        ? wrongTypeMutation(candidate, source, [2322])
        : undefined;
    case 'union literal':
      return literalMutation(candidate, source);
    case 'arity':
      return arityMutation(candidate, source);
  }
}

function memberMutation(
  kind: MutationKind,
  site: Site,
  { checker }: MutationSource,
  wrongName: (name: string, legal: ReadonlySet<string>) => string | undefined,
): Mutation | undefined {
  if (site.kind !== 'member') return undefined;
  const name = (site.node as ts.Identifier).text;
  const receiver = (site.node.parent as ts.PropertyAccessExpression).expression;
  const legal = new Set(
    checker.getPropertiesOfType(checker.getApparentType(checker.getTypeAtLocation(receiver))).map((p) => p.name),
  );
  if (!legal.has(name) || name.length < 3) return undefined;
  const wrong = wrongName(name, legal);
  return wrong === undefined
    ? undefined
    : {
        kind,
        file: site.file,
        start: site.start,
        end: site.end,
        text: wrong,
        errorAt: { start: site.start, end: site.start + wrong.length },
        codes: [2339, 2551],
      };
}

/** A used name turned into one that resolves to nothing. */
function nameMutation(site: Site, { checker, random }: MutationSource): Mutation | undefined {
  const node = site.node;
  if (site.kind === 'member' || !ts.isIdentifier(node) || node.text === 'undefined' || node.text.length < 3)
    return undefined;
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol || !(symbol.flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Alias))) return undefined;
  const taken = new Set(
    checker.getSymbolsInScope(node, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).map((s) => s.name),
  );
  const wrong = nearMiss(node.text, taken, random);
  return wrong === undefined
    ? undefined
    : {
        kind: 'name near miss',
        file: site.file,
        start: site.start,
        end: site.end,
        text: wrong,
        errorAt: { start: site.start, end: site.start + wrong.length },
        codes: [2304, 2552],
      };
}

/** The expression replaced by a variable or parameter in scope whose type does not fit there. */
function wrongTypeMutation(site: Site, { checker, random }: MutationSource, codes: number[]): Mutation | undefined {
  const node = site.node as ts.Expression;
  const expected = checker.getContextualType(node);
  if (!expected || expected.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const sourceFile = node.getSourceFile();
  const wrong = shuffled(checker.getSymbolsInScope(node, ts.SymbolFlags.Variable), random).find((symbol) => {
    const declaration = symbol.valueDeclaration;
    if (
      !declaration ||
      declaration.getSourceFile() !== sourceFile ||
      declaration.end > node.getStart(sourceFile) ||
      symbol.name === node.getText(sourceFile)
    )
      return false;
    if (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration)) return false;
    const type = checker.getTypeOfSymbolAtLocation(symbol, node);
    return (
      !(type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) &&
      !checker.isTypeAssignableTo(type, expected)
    );
  });
  if (!wrong) return undefined;
  const kind = site.kind === 'argument' ? 'argument type' : 'assignment type';
  return {
    kind,
    file: site.file,
    start: site.start,
    end: site.end,
    text: wrong.name,
    errorAt: reportedAt(site, wrong.name.length),
    codes,
  };
}

/** A string of a literal union misspelt. */
function literalMutation(site: Site, { checker, random }: MutationSource): Mutation | undefined {
  const node = site.node;
  if (site.kind === 'member' || !ts.isStringLiteral(node)) return undefined;
  const expected = checker.getContextualType(node);
  const members = (expected?.isUnion() ? expected.types : [])
    .filter((t) => t.isStringLiteral())
    .map((t) => (t as ts.StringLiteralType).value);
  if (members.length < 2 || !members.includes(node.text)) return undefined;
  const wrong = nearMiss(node.text, new Set(members), random);
  if (wrong === undefined) return undefined;
  const quote = node.getText()[0];
  const text = `${quote}${wrong}${quote}`;
  return {
    kind: 'union literal',
    file: site.file,
    start: site.start,
    end: site.end,
    text,
    errorAt: reportedAt(site, text.length),
    codes: [2322, 2345, 2769, 2820],
  };
}

/** Where the checker reports a mismatch: at the argument, else from the declaration, property or `return` on. */
function reportedAt(site: Site, length: number): { start: number; end: number } {
  return { start: site.kind === 'argument' ? site.start : site.node.parent.getStart(), end: site.start + length };
}

/** A call with its last argument dropped (when it is required) or an argument too many. */
function arityMutation(site: Site, { checker, random }: MutationSource): Mutation | undefined {
  const call = site.node.parent;
  if (
    site.kind !== 'argument' ||
    !ts.isCallExpression(call) ||
    !(ts.isIdentifier(call.expression) || ts.isPropertyAccessExpression(call.expression))
  )
    return undefined;
  const signature = checker.getResolvedSignature(call);
  const parameters = signature?.getParameters() ?? [];
  if (
    !signature ||
    parameters.some(
      (p) => p.valueDeclaration && ts.isParameter(p.valueDeclaration) && p.valueDeclaration.dotDotDotToken,
    )
  )
    return undefined;
  const sourceFile = call.getSourceFile();
  const args = call.arguments;
  const start = args[0].getStart(sourceFile);
  const end = args[args.length - 1].end;
  const texts = args.map((a) => a.getText(sourceFile));
  const required = parameters.filter(
    (p) =>
      !(
        p.valueDeclaration &&
        ts.isParameter(p.valueDeclaration) &&
        (p.valueDeclaration.questionToken || p.valueDeclaration.initializer)
      ),
  ).length;
  const drop = args.length <= required && random() < 0.5;
  const text = drop ? texts.slice(0, -1).join(', ') : [...texts, texts[texts.length - 1]].join(', ');
  const callStart = call.getStart(sourceFile);
  return {
    kind: 'arity',
    file: site.file,
    start,
    end,
    text,
    errorAt: { start: callStart, end: call.end + text.length - (end - start) },
    codes: [2554, 2555],
  };
}

/** A named import of a project module, and a use of it further down. */
interface ImportUse {
  file: string;
  declaration: ts.ImportDeclaration;
  element: ts.ImportSpecifier;
  use: ts.Identifier;
}

function importsOf({ files, checker }: MutationSource): ImportUse[] {
  const out: ImportUse[] = [];
  for (const sourceFile of files) {
    for (const declaration of sourceFile.statements.filter(ts.isImportDeclaration)) {
      const named = declaration.importClause?.namedBindings;
      if (
        !named ||
        !ts.isNamedImports(named) ||
        !ts.isStringLiteral(declaration.moduleSpecifier) ||
        !declaration.moduleSpecifier.text.startsWith('.')
      )
        continue;
      for (const element of named.elements) {
        const alias = checker.getSymbolAtLocation(element.name);
        const use =
          alias && element.name.text === (element.propertyName ?? element.name).getText(sourceFile)
            ? firstUse(sourceFile, element.name.text, alias, checker, declaration.end)
            : undefined;
        if (use) out.push({ file: sourceFile.fileName, declaration, element, use });
      }
    }
  }
  return out;
}

function firstUse(
  sourceFile: ts.SourceFile,
  name: string,
  alias: ts.Symbol,
  checker: ts.TypeChecker,
  after: number,
): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && node.pos >= after && checker.getSymbolAtLocation(node) === alias)
      found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The import removed: the element (with its comma), or the whole declaration when it imports nothing else. */
function importMutation({ declaration, element, use, file }: ImportUse): Mutation {
  const sourceFile = declaration.getSourceFile();
  const elements = (declaration.importClause!.namedBindings as ts.NamedImports).elements;
  const index = elements.indexOf(element);
  let start: number;
  let end: number;
  if (elements.length === 1 && !declaration.importClause!.name) {
    start = declaration.getStart(sourceFile);
    end = declaration.end + (sourceFile.text[declaration.end] === '\n' ? 1 : 0);
  } else if (index < elements.length - 1) {
    start = element.getStart(sourceFile);
    end = elements[index + 1].getStart(sourceFile);
  } else {
    start = elements[index - 1].end;
    end = element.end;
  }
  const at = use.getStart(sourceFile) - (end - start);
  return {
    kind: 'missing import',
    file,
    start,
    end,
    text: '',
    errorAt: { start: at, end: at + use.text.length },
    codes: [2304, 2552],
  };
}

/** A misspelling of `word` (one letter dropped, added or replaced) that is none of `taken`. */
function nearMiss(word: string, taken: ReadonlySet<string>, random: () => number): string | undefined {
  return hallucinate(word, taken, [], 'misspelling', random)?.text;
}
