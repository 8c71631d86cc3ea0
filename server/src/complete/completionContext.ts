/**
 * What a completion's prompt says of the place besides the code around the cursor.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import { forEachDescendant, nodeAt } from '../ts/ast.js';
import { ContextOptions, holeContextOf, placeContextOf } from '../holes/context.js';
import type { HoleSite } from '../holes/site.js';
import type { HoleContext } from '../holes/holeData.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import type { CompletionSite } from './completionSite.js';

/** Types named on the line that are given to the prompt at most. */
const MAX_NAMED = 8;

/**
 * The context of a completion: the hole's (expected type, receiver, relevant types and headers, bindings) where the
 * rest of a line is an expression, else the place's — the enclosing function's signature and return type, the
 * bindings in scope, the relevant types of the return type and of the types named on the cursor's line (or the line
 * of code above an empty one). Its hole is the cursor: the code before and after it is the prompt's prefix and suffix.
 */
export function completionContext(
  snapshot: FileSnapshot,
  hole: HoleSite,
  site: CompletionSite,
  options: ContextOptions,
  budget: Budget,
): HoleContext {
  const cursor = { ...hole.hole, start: site.offset, end: site.offset, kind: 'cursor' as const };
  if (site.shape === 'line' && hole.expression) return { ...holeContextOf(hole, options, budget), hole: cursor };
  const node = nodeAt(snapshot.sourceFile, site.offset);
  return placeContextOf(snapshot, { hole: cursor, node, named: namedTypes(snapshot, site.offset) }, options, budget);
}

/** The types the names on the cursor's line (the line of code above, when it is empty) stand for or have. */
function namedTypes({ sourceFile, checker }: FileSnapshot, offset: number): ts.Type[] {
  const text = sourceFile.text;
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  while (!text.slice(start, end).trim() && start > 0) {
    end = start - 1;
    start = text.lastIndexOf('\n', end - 1) + 1;
  }
  const types = new Set<ts.Type>();
  forEachDescendant(sourceFile, (node) => {
    if (types.size >= MAX_NAMED) return 'stop';
    if (node.end < start || node.getStart(sourceFile) > end) return 'skip';
    const symbol = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node) : undefined;
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!target) return;
    if (target.flags & ts.SymbolFlags.Type) types.add(checker.getDeclaredTypeOfSymbol(target));
    else if (target.flags & ts.SymbolFlags.Value) types.add(checker.getTypeOfSymbolAtLocation(target, node));
    return undefined;
  });
  return [...types];
}
