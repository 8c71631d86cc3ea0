import ts from 'typescript';
import { fits, FIT_NONE } from '../holes/fits.js';
import type { Built } from '../synth/enumerate.js';
import { memberCandidates } from '../synth/members.js';
import { RankingContext, score } from '../synth/rank.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { closeness, editDistance, suggestedName } from './closeness.js';
import { importChange, projectExports } from './imports.js';
import { CLOSENESS_WEIGHT, Proposal } from './proposals.js';
import type { RepairSite } from './site.js';

/** Below this closeness a name is no plausible misspelling of another. */
const MIN_CLOSENESS = 0.3;
/** The checker's own "Did you mean" suggestion is a strong hint. */
const SUGGESTED_BONUS = 1;

/**
 * A missing member: the members of the receiver's type, the nearest name first, then those whose type fits where the
 * access is used. Only names where the access is called or assigned to.
 */
export function memberProposals(site: RepairSite, ranking: RankingContext): Proposal[] {
  const access = site.node as ts.PropertyAccessExpression;
  const { checker } = site.scope;
  const parent = access.parent;
  const namesOnly = ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === access) ||
    (ts.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
  const suggested = suggestedName(site.target.message);
  const built = memberCandidates(site.scope, {
    receiver: checker.getTypeAtLocation(access.expression), expected: site.expected, callFollows: namesOnly,
    usage: (name) => ranking.stats.memberWeight(name),
  });
  return built.filter((b) => b.members[0] !== site.wrong).map((b) => ({
    text: `${site.receiverText}${b.text}`,
    score: score(b, ranking) + nearness(site, b.members[0], suggested),
    rationale: b.rationale,
    source: 'embedded',
  }));
}

/**
 * A name that does not resolve: names in scope (library globals too), the nearest first, those whose type fits
 * ranked up; and exports of the project's other modules of that (or a near) name, with their import.
 */
export function nameProposals(base: FileSnapshot, site: RepairSite, ranking: RankingContext): Proposal[] {
  const { checker } = site.scope;
  const suggested = suggestedName(site.target.message);
  const out: Proposal[] = [];
  const seen = new Set<string>([site.wrong]);
  const propose = (b: Built) => {
    seen.add(b.text);
    out.push({ text: b.text, score: score(b, ranking) + nearness(site, b.text, suggested), rationale: b.rationale, source: 'embedded' });
  };
  if (!site.typePosition) {
    for (const v of site.inScope) {
      if (seen.has(v.name) || closeness(site.wrong, v.name) < MIN_CLOSENESS) continue;
      const fit = v.valueType && site.expected ? fits(checker, v.valueType, site.expected) : 1;
      if (fit === FIT_NONE && site.expected) continue;
      propose(named(v.name, v.valueType ?? checker.getAnyType(), fit, v.distance, `${v.kind}${v.type ? ` of type ${v.type}` : ''}`));
    }
  }
  // Library globals (`console`, `Promise`) and types are not among the bindings: only near names are typed here.
  const meaning = site.typePosition ? ts.SymbolFlags.Type : ts.SymbolFlags.Value;
  for (const symbol of checker.getSymbolsInScope(site.node, meaning)) {
    if (seen.has(symbol.name) || symbol.name.startsWith('__') || closeness(site.wrong, symbol.name) < 2 * MIN_CLOSENESS) continue;
    propose(named(symbol.name, checker.getAnyType(), 1, 5, site.typePosition ? 'type in scope' : 'global'));
  }
  const sourceFile = base.sourceFile;
  const typeOnly = base.program.getCompilerOptions().verbatimModuleSyntax === true;
  const near = (name: string) => name === site.wrong || (!seen.has(name) && editDistance(name.toLowerCase(), site.wrong.toLowerCase()) <= 2 && closeness(site.wrong, name) >= 2 * MIN_CLOSENESS);
  for (const exported of projectExports(base.program, sourceFile, near)) {
    if (exported.meaning === (site.typePosition ? 'value' : 'type')) continue;
    const { change, module } = importChange(sourceFile, exported, typeOnly);
    out.push({
      text: exported.name,
      // Below a name already in scope: an import is the bigger change.
      score: nearness(site, exported.name, suggested) + 0.5,
      rationale: `exported by ${module}`,
      extra: { change, description: `import \`${exported.name}\` from '${module}'` },
      source: 'embedded',
    });
  }
  return out;
}

function named(name: string, type: ts.Type, fit: 0 | 1 | 2 | 3, distance: number, rationale: string): Built {
  return { text: name, type, form: 'binding', fit, head: name.split('.')[0], members: name.split('.').slice(1), distance, holes: 0, rationale };
}

function nearness(site: RepairSite, name: string, suggested: string | undefined): number {
  return CLOSENESS_WEIGHT[site.family] * closeness(site.wrong, name) + (name === suggested ? SUGGESTED_BONUS : 0);
}
