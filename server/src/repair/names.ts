/**
 * Proposals for a missing member (the receiver's members) and an unknown name (names in scope, then exports to import:
 * `imports.ts`), from the embedded engine's pieces, ranked by closeness to the erroneous text.
 */
import ts from 'typescript';
import { typeText } from '../ts/ast.js';
import { fits } from '../holes/fits.js';
import type { Built } from '../synth/enumerate.js';
import { RankingContext, score } from '../synth/rank.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { editDistance } from '../ts/spelling.js';
import { closeness, suggestedName } from './closeness.js';
import { importChange, projectExports } from './imports.js';
import { CLOSENESS_WEIGHT, Proposal } from './proposals.js';
import type { RepairSite } from './repairSite.js';

/** Below this closeness a name is no plausible misspelling of another. */
const MIN_CLOSENESS = 0.3;
/** The checker's own "Did you mean" suggestion is a strong hint. */
const SUGGESTED_BONUS = 1;
const EXACT_EXPORT_BONUS = 2;
const TYPED_MEMBERS = 16;

/**
 * A missing member: the members of the receiver's type, the nearest name and the project's most used first; of
 * those, the ones whose type fits where the access is used ranked up. Names only: a misspelt member is a name.
 */
export function memberProposals(site: RepairSite, ranking: RankingContext): Proposal[] {
  const access = site.node as ts.PropertyAccessExpression;
  const { checker } = site;
  const suggested = suggestedName(site.target.message);
  const receiver = checker.getNonNullableType(checker.getTypeAtLocation(access.expression));
  const why = () => `member of ${typeText(checker, receiver, access, 80)}`;
  return (
    checker
      .getPropertiesOfType(checker.getApparentType(receiver))
      .filter((m) => m.name !== site.wrong && !m.name.startsWith('#') && !m.name.startsWith('__'))
      .map((member) => ({
        member,
        prior: nearness(site, member.name, suggested) + ranking.stats.memberWeight(member.name),
      }))
      .sort((a, b) => b.prior - a.prior)
      // Typing a member can mean inferring a method's return type: only the likeliest are typed.
      .slice(0, TYPED_MEMBERS)
      .map(({ member }) => {
        // Without an expected type (a call, a statement) there is nothing to fit: the member is not typed at all.
        const type = site.expected ? checker.getTypeOfSymbolAtLocation(member, access) : checker.getAnyType();
        const fit = site.expected ? fits(checker, type, site.expected) : 1;
        const b: Built = {
          text: member.name,
          type,
          form: 'member',
          fit,
          members: [member.name],
          distance: 0,
          holes: 0,
          why,
        };
        return {
          text: `${site.receiverText}${member.name}`,
          score: score(b, ranking) + nearness(site, member.name, suggested),
          why,
          source: 'embedded',
        };
      })
  );
}

/**
 * A name that does not resolve: the names in scope (library globals and types too) near it, those whose type fits
 * ranked up; and exports of the project's other modules of that (or a near) name, with their import.
 */
export function nameProposals(base: FileSnapshot, site: RepairSite, ranking: RankingContext): Proposal[] {
  const { checker } = site;
  const suggested = suggestedName(site.target.message);
  const here = base.sourceFile;
  const out: Proposal[] = [];
  const seen = new Set<string>();
  // Imports are aliases, whatever they name.
  const meaning = (site.typePosition ? ts.SymbolFlags.Type : ts.SymbolFlags.Value) | ts.SymbolFlags.Alias;
  for (const symbol of checker.getSymbolsInScope(site.node, meaning)) {
    const name = symbol.name;
    if (name === site.wrong || seen.has(name) || name.startsWith('__') || closeness(site.wrong, name) < MIN_CLOSENESS)
      continue;
    seen.add(name);
    const local = symbol.declarations?.some((d) => d.getSourceFile() === here) ?? false;
    const type = site.typePosition ? undefined : checker.getTypeOfSymbolAtLocation(symbol, site.node);
    // A misspelt name's fix is the near name, whatever the checker makes of the expected type (a generic call's
    // type parameter fits nothing yet): the fit only ranks, verification decides.
    const fit = type && site.expected ? fits(checker, type, site.expected) : 1;
    const b = named(
      name,
      type ?? checker.getAnyType(),
      fit,
      local ? 1 : 4,
      local ? 'in scope' : site.typePosition ? 'type in scope' : 'global',
    );
    out.push({
      text: name,
      score: score(b, ranking) + nearness(site, name, suggested),
      why: b.why,
      source: 'embedded',
    });
  }
  const typeOnly = base.program.getCompilerOptions().verbatimModuleSyntax === true;
  const near = (name: string) =>
    name === site.wrong ||
    (!seen.has(name) &&
      editDistance(name.toLowerCase(), site.wrong.toLowerCase()) <= 2 &&
      closeness(site.wrong, name) >= 2 * MIN_CLOSENESS);
  for (const exported of projectExports(base.program, here, near)) {
    if (exported.meaning === (site.typePosition ? 'value' : 'type')) continue;
    const { change, module } = importChange(here, exported, typeOnly);
    const b = named(exported.name, checker.getAnyType(), 1, 4, `exported by ${module}`);
    out.push({
      text: exported.name,
      // The very name, exported by a module of the project: what the code meant, whatever else is near.
      score:
        score(b, ranking) +
        nearness(site, exported.name, suggested) +
        (exported.name === site.wrong ? EXACT_EXPORT_BONUS : 0),
      why: b.why,
      extra: { change, description: `import \`${exported.name}\` from '${module}'` },
      source: 'embedded',
    });
  }
  return out;
}

function named(name: string, type: ts.Type, fit: 0 | 1 | 2 | 3, distance: number, rationale: string): Built {
  return {
    text: name,
    type,
    form: 'binding',
    fit,
    head: name.split('.')[0],
    members: name.split('.').slice(1),
    distance,
    holes: 0,
    why: () => rationale,
  };
}

function nearness(site: RepairSite, name: string, suggested: string | undefined): number {
  return CLOSENESS_WEIGHT[site.family] * closeness(site.wrong, name) + (name === suggested ? SUGGESTED_BONUS : 0);
}
