/**
 * Hole sites in real code: places where an expression (an argument, a return value, an initializer, a property value,
 * a member name; a template's or JSX's `{…}` when asked) is removed and a hole put instead, the removed text kept as
 * the truth.
 */
import ts from 'typescript';
import { seededRandom, shuffled } from './random.js';

/** The kinds of site a corpus bench samples by default. */
export const SITE_KINDS = ['argument', 'return', 'initializer', 'property', 'member'] as const;
/** Kinds sampled only when asked (`--kinds`): an untagged template literal's `${…}`, JSX's `{…}`. */
export const PLACE_KINDS = ['template', 'jsx'] as const;
export type SiteKind = (typeof SITE_KINDS)[number] | (typeof PLACE_KINDS)[number];

/** A place in the original code where an expression (or a member name) is removed and a hole put instead. */
export interface Site {
  kind: SiteKind;
  file: string;
  /** The removed span of the original text. */
  start: number;
  end: number;
  /** The original expression, or for member sites the member name. */
  node: ts.Node;
  /** What takes its place: `_()` for an expression, nothing for a member name (the cursor stays after the `.`). */
  replacement: string;
}

/** The file's text with the site's hole; the hole (or cursor) is at `site.start`. */
export function withHole(site: Site, text: string): string {
  return text.slice(0, site.start) + site.replacement + text.slice(site.end);
}

export const HOLE = '_()';

/** Every site of the given kinds in a file, in source order. */
export function sitesOf(sourceFile: ts.SourceFile, kinds: readonly SiteKind[] = SITE_KINDS): Site[] {
  const out: Site[] = [];
  const visit = (node: ts.Node): void => {
    const site = siteAt(node, sourceFile);
    if (site && kinds.includes(site.kind)) out.push(site);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/**
 * `perKind` sites of each kind (fewer when a corpus has fewer), seeded: every kind gets the same number so that
 * per-kind figures rest on enough sites, whatever the corpus' mix.
 */
export function sampleSites(
  files: readonly ts.SourceFile[],
  perKind: number,
  seed: number,
  kinds: readonly SiteKind[] = SITE_KINDS,
): Site[] {
  const all = files.flatMap((f) => sitesOf(f, kinds));
  const random = seededRandom(seed);
  const byKind = kinds.map((kind) =>
    shuffled(
      all.filter((s) => s.kind === kind),
      random,
    ).slice(0, perKind),
  );
  // Interleave kinds so that any prefix (warm-up, a short run) mixes them.
  const out: Site[] = [];
  for (let i = 0; i < perKind; i++) for (const sites of byKind) if (sites[i]) out.push(sites[i]);
  return out;
}

function siteAt(node: ts.Node, sourceFile: ts.SourceFile): Site | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node && ts.isIdentifier(node))
    return memberSite(node, sourceFile);
  if (!ts.isExpression(node) || ts.isSpreadElement(node) || ts.isOmittedExpression(node)) return undefined;
  const kind = expressionKind(node, parent);
  return kind && expressionSite(kind, node, sourceFile);
}

function expressionKind(node: ts.Expression, parent: ts.Node): SiteKind | undefined {
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node))
    return 'argument';
  if (ts.isReturnStatement(parent) && parent.expression === node) return 'return';
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node)
    return 'initializer';
  if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent))
    return 'property';
  if (ts.isTemplateSpan(parent) && !ts.isTaggedTemplateExpression(parent.parent.parent)) return 'template';
  const jsx = ts.isJsxExpression(parent) && parent.parent;
  if (jsx && (ts.isJsxElement(jsx) || ts.isJsxFragment(jsx) || ts.isJsxAttribute(jsx))) return 'jsx';
  return undefined;
}

function expressionSite(kind: SiteKind, node: ts.Expression, sourceFile: ts.SourceFile): Site {
  return { kind, file: sourceFile.fileName, start: node.getStart(sourceFile), end: node.end, node, replacement: HOLE };
}

function memberSite(name: ts.Identifier, sourceFile: ts.SourceFile): Site {
  return {
    kind: 'member',
    file: sourceFile.fileName,
    start: name.getStart(sourceFile),
    end: name.end,
    node: name,
    replacement: '',
  };
}
