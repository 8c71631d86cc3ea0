import ts from 'typescript';
import type { CompletionCase } from './completeSites.js';
import { hallucinate } from './hallucinate.js';
import { mutate, MutationSource } from './mutations.js';
import { shuffled } from './random.js';
import type { Site } from './sites.js';

/** How a model's completion is wrong (BENCHMARKS.md §5), each a way to break the truth in one place. */
export const CORRUPTIONS = [
  'member near miss',
  'member of another type',
  'name near miss',
  'arity',
  'union literal',
  'missing await',
  'object key',
] as const;
export type Corruption = (typeof CORRUPTIONS)[number];

/** A truth broken in one place: the model's answer. */
export interface Corrupted {
  kind: Corruption;
  text: string;
  /** Where the break starts in the text, what it replaced, and with what. */
  at: number;
  was: string;
  now: string;
  /** The compiler errors of its kind (as the repair bench keeps a breakage only when it makes one): an argument count
   * no signature takes, say, not one that another overload takes with arguments of the wrong type. */
  codes?: number[];
}

/** What corruptions are made from: the corpus' checker and hole sites (members, names, arguments, literals). */
export interface CorruptionSource extends MutationSource {
  /** Member names the project uses: where a member "of another type" comes from. */
  members: string[];
  sitesIn(file: string): Site[];
  sourceFile(file: string): ts.SourceFile;
}

/** Every way the `kind` corruption breaks the case's truth, in a seeded order. */
export function corruptionsOf(c: CompletionCase, kind: Corruption, source: CorruptionSource): Corrupted[] {
  const inside = (start: number, end: number) => start >= c.start && end <= c.end;
  const broken = (start: number, end: number, now: string): Corrupted => ({
    kind,
    at: start - c.start,
    was: c.truth.slice(start - c.start, end - c.start),
    now,
    text: c.truth.slice(0, start - c.start) + now + c.truth.slice(end - c.start),
  });
  if (kind === 'missing await' || kind === 'object key') {
    const nodes = nodesIn(source.sourceFile(c.file), c.start, c.end);
    const made =
      kind === 'missing await'
        ? nodes.filter(ts.isAwaitExpression).map((n) => broken(n.getStart(), n.expression.getStart(), ''))
        : nodes.flatMap((n) => wrongKey(n, source)).map((k) => broken(k.name.getStart(), k.name.end, k.wrong));
    return shuffled(made, source.random);
  }
  const sites = shuffled(
    source.sitesIn(c.file).filter((s) => inside(s.start, s.end)),
    source.random,
  );
  return sites
    .map((site) => mutate(kind, site, source, source.members))
    .filter((m): m is NonNullable<typeof m> => !!m && inside(m.start, m.end))
    .map((m) => ({ ...broken(m.start, m.end, m.text), codes: m.codes }));
}

/** A key of an object literal typed by its context (no index signature), misspelt into one the type lacks. */
function wrongKey(node: ts.Node, { checker, random }: CorruptionSource): Array<{ name: ts.Identifier; wrong: string }> {
  if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name) || !ts.isObjectLiteralExpression(node.parent))
    return [];
  const type = checker.getContextualType(node.parent);
  if (!type || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || checker.getIndexInfosOfType(type).length)
    return [];
  const keys = new Set(checker.getPropertiesOfType(type).map((p) => p.name));
  if (!keys.has(node.name.text)) return [];
  const wrong = hallucinate(node.name.text, keys, [], 'misspelling', random)?.text;
  return wrong ? [{ name: node.name, wrong }] : [];
}

function nodesIn(sourceFile: ts.SourceFile, start: number, end: number): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (node.end < start || node.pos > end) return;
    if (node.getStart(sourceFile) >= start && node.end <= end) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}
