/**
 * What a model needs from the context at a hole: the declarations the removed expression references that live outside
 * the 30 lines around it (not library declarations, which a model knows). The context bench's recall counts them.
 */
import ts from 'typescript';
import { isProjectFile } from '../../server/src/ts/ast.js';
import { Site, withHole } from './sites.js';
import { NEARBY_LINES, nearbyLines, wordsOf } from './text.js';

export interface Needed {
  name: string;
  kind: NeededKind;
  /** Declared in the hole's file (but farther than NEARBY_LINES). */
  sameFile: boolean;
  /** The name appears in the lines around the hole (used there): a model reading them has seen it. */
  seenNearby: boolean;
}

export type NeededKind = 'member' | 'type' | 'function' | 'variable' | 'parameter' | 'other';

/**
 * The declarations the removed expression references (identifiers, member names, type names) that live
 * outside the 30 lines around the hole: in another file, or farther away in this one. Resolved on the original
 * program. Left out: library declarations (lib.*.d.ts, packages — a model knows them), type parameters (one-letter
 * names would match any text), and whatever the expression declares itself.
 */
export function neededDeclarations(site: Site, checker: ts.TypeChecker, program: ts.Program): Needed[] {
  const sourceFile = site.node.getSourceFile();
  const holeLine = sourceFile.getLineAndCharacterOfPosition(site.start).line;
  const nearby = wordsOf(nearbyLines(withHole(site, sourceFile.text).split('\n'), holeLine).join('\n'));
  const needed = new Map<ts.Symbol, Needed>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      const symbol = referencedSymbol(checker, node);
      const declaration = symbol && (symbol.valueDeclaration ?? symbol.declarations?.[0]);
      if (
        symbol &&
        declaration &&
        !needed.has(symbol) &&
        !(symbol.flags & ts.SymbolFlags.TypeParameter) &&
        isFar(declaration)
      ) {
        const name = nameOf(symbol, node);
        needed.set(symbol, {
          name,
          kind: kindOf(symbol),
          sameFile: declaration.getSourceFile() === sourceFile,
          seenNearby: nearby.has(name),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  const isFar = (declaration: ts.Declaration): boolean => {
    const file = declaration.getSourceFile();
    if (!isProjectFile(file, program) || (file.isDeclarationFile && file.fileName.includes('/node_modules/')))
      return false;
    if (file !== sourceFile) return true;
    const start = declaration.getStart(file);
    if (start >= site.start && start < site.end) return false;
    return Math.abs(file.getLineAndCharacterOfPosition(start).line - holeLine) > NEARBY_LINES;
  };
  visit(site.node);
  // Two symbols of one name (a class and its namespace) are one name to find.
  return [...new Map([...needed.values()].map((n) => [n.name, n])).values()];
}

function kindOf(symbol: ts.Symbol): NeededKind {
  const f = ts.SymbolFlags;
  if (symbol.flags & (f.Property | f.Method | f.Accessor | f.EnumMember)) return 'member';
  if (symbol.flags & (f.Class | f.Interface | f.TypeAlias | f.Enum)) return 'type';
  if (symbol.flags & f.Function) return 'function';
  if (symbol.flags & f.FunctionScopedVariable && symbol.valueDeclaration && ts.isParameter(symbol.valueDeclaration))
    return 'parameter';
  if (symbol.flags & f.Variable) return 'variable';
  return 'other';
}

function referencedSymbol(checker: ts.TypeChecker, node: ts.Identifier | ts.PrivateIdentifier): ts.Symbol | undefined {
  const symbol = ts.isShorthandPropertyAssignment(node.parent)
    ? checker.getShorthandAssignmentValueSymbol(node.parent)
    : checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The name a prompt would show: the declaration's own, or the local one for a default export or a namespace import. */
function nameOf(symbol: ts.Symbol, use: ts.Identifier | ts.PrivateIdentifier): string {
  const local = symbol.name === 'default' || symbol.name.startsWith('__') || symbol.name.startsWith('"');
  return (local ? use.text : symbol.name).replace(/^#/, '');
}
