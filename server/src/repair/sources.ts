/**
 * Where an error's candidate repairs come from: the embedded proposals of its family — names and members in scope
 * (`names.ts`, with imports of exported names from `imports.ts`), expressions and arguments (`expressions.ts`) —
 * ranked with the project's statistics; and the extra sources (`CandidateSource`: the model), asked round after round
 * with the errors of their rejected texts, their repairs checked as the embedded ones are.
 */
import type ts from 'typescript';
import type { Budget } from '../budget.js';
import { targetName } from '../holes/site.js';
import type { RankingContext } from '../synth/rank.js';
import { usageStats } from '../synth/stats.js';
import { typeText } from '../ts/ast.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { checkProposals } from './checkProposals.js';
import { closeness } from './closeness.js';
import { repairOf } from './describe.js';
import { arityProposals, expressionProposals } from './expressions.js';
import { memberProposals, nameProposals } from './names.js';
import { CLOSENESS_WEIGHT, Proposal, rankedProposals } from './proposals.js';
import type { CandidateSource, Repair, RepairRequest } from './repairData.js';
import type { RepairSite } from './repairSite.js';

/** How long an expected type's text may grow in a request to a source before it is cut. */
const EXPECTED_TYPE_CHARS = 600;
/** A model's answer costs far more than its check: its texts are checked even this long past the deadline (ms). */
const SOURCE_CHECK_MS = 1000;

/** The embedded engine's proposals for the error's hole, by score, best first. */
export function embeddedProposals(base: FileSnapshot, site: RepairSite): Proposal[] {
  const ranking: RankingContext = {
    stats: usageStats(base.project, base.program),
    targetName:
      site.family === 'type' || site.family === 'literal' ? targetName(site.node as ts.Expression) : undefined,
    prefix: '',
  };
  return rankedProposals(familyProposals(base, site, ranking));
}

function familyProposals(base: FileSnapshot, site: RepairSite, ranking: RankingContext): Proposal[] {
  switch (site.family) {
    case 'member':
      return memberProposals(site, ranking);
    case 'name':
      return nameProposals(base, site, ranking);
    case 'arity':
      return arityProposals(site, ranking);
    default:
      return expressionProposals(site, ranking);
  }
}

/**
 * The verified repairs of the extra sources, asked at once: each source's, in the order of the sources. A
 * cancellation rejects the promise, which is handled here too: the embedded work going on meanwhile sees it.
 */
export function sourceRepairs(
  base: FileSnapshot,
  site: RepairSite,
  sources: readonly CandidateSource[],
  budget: Budget,
): Promise<Repair[]> {
  const repairs = Promise.all(sources.map((source) => askSource(base, site, source, budget))).then((r) => r.flat());
  repairs.catch(() => {});
  return repairs;
}

/**
 * An extra source, round after round: each round's texts are checked like the embedded ones; when none holds, the
 * next round is told what was rejected and why. Its repairs, by closeness to the erroneous text.
 */
async function askSource(
  base: FileSnapshot,
  site: RepairSite,
  source: CandidateSource,
  budget: Budget,
): Promise<Repair[]> {
  const request: RepairRequest = {
    file: base.sourceFile.fileName,
    target: site.target,
    family: site.family,
    hole: { ...site.hole, text: site.original },
    expectedType: site.expected && typeText(site.checker, site.expected, site.node, EXPECTED_TYPE_CHARS),
    round: 0,
    rejected: [],
  };
  for (; request.round < source.rounds; request.round++) {
    const texts = [...new Set(await source.candidates(request, budget))].filter((t) => t !== site.original);
    budget.check();
    const proposals = sourceProposals(site, texts, source.name, request.round);
    const checks = await checkProposals(base, site, proposals, proposals.length, budget.atLeast(SOURCE_CHECK_MS));
    const held = proposals.filter((_p, i) => checks[i].ok);
    if (held.length) return held.map((p) => repairOf(site, p)).sort((a, b) => b.score - a.score);
    request.rejected.push(...texts.map((text, i) => ({ text, errors: checks[i].errors })));
  }
  return [];
}

/** A source's texts as proposals, scored by closeness to the erroneous text. */
function sourceProposals(site: RepairSite, texts: string[], source: string, round: number): Proposal[] {
  const rounds = round === 1 ? 'round' : 'rounds';
  const verified = round ? `, verified after ${round} error ${rounds}` : '';
  const rationale = `proposed by ${source}${verified}`;
  return texts.map((text) => ({
    text,
    score: CLOSENESS_WEIGHT[site.family] * closeness(site.wrong, text),
    why: () => rationale,
    source,
  }));
}
