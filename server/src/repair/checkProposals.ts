/**
 * A batch of proposals checked, in rank order, until `wanted` hold: a proposal with another change (an import) proven
 * on its own with the uses of the name it imports; then the texts for the hole together in one speculative program,
 * unless their types decide (`typeVerdicts`); where a text reaches past the statements that checks (`site.reach`),
 * those that pass proven again there, best first. One `Check` per proposal, in the order given.
 */
import type { Budget } from '../budget.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { repairOf } from './describe.js';
import type { Proposal } from './proposals.js';
import { RepairSite, usesOf } from './repairSite.js';
import { Check, checkHoleTexts, PROVEN, proveChanges, typeVerdicts, UNCHECKED } from './verify.js';

/** Not checked: enough better-ranked proposals hold. */
export const ENOUGH: Check = { ok: false, errors: ['enough repairs hold already'] };

/**
 * An import of the very name that holds is what the code meant, and near names are not checked after it. Gives the
 * event loop a turn between programs.
 */
export async function checkProposals(
  base: FileSnapshot,
  site: RepairSite,
  proposals: Proposal[],
  wanted: number,
  budget: Budget,
): Promise<Check[]> {
  const imports = await proveImports(
    base,
    site,
    proposals.filter((q) => q.extra),
    budget,
  );
  const imported = [...imports].some(([p, check]) => check.ok && p.text === site.wrong);
  const plain = imported ? [] : proposals.filter((p) => !p.extra);
  const stillWanted = wanted - [...imports.values()].filter((c) => c.ok).length;
  const atHole = await checkAtHole(base, site, plain, stillWanted, budget);
  const checked = await proveInReach(base, site, atHole, stillWanted, budget);
  const skipped: Check = { ok: false, errors: [`\`${site.wrong}\` is imported instead`] };
  return proposals.map((p) => imports.get(p) ?? checked.get(p) ?? skipped);
}

/** Each proposal with an import, proven with its changes, the uses of the name it imports included. */
async function proveImports(
  base: FileSnapshot,
  site: RepairSite,
  proposals: Proposal[],
  budget: Budget,
): Promise<Map<Proposal, Check>> {
  const proven = new Map<Proposal, Check>();
  for (const p of proposals) {
    const alsoAt = usesOf(base.sourceFile, p.text);
    proven.set(
      p,
      pastDeadline(budget) ? UNCHECKED : proveChanges(base, repairOf(site, p).changes, [site.target], { alsoAt }),
    );
    await budget.turn();
  }
  return proven;
}

/**
 * The texts for the hole, in rank order. What the types decide needs no program: those proven hold, those refuted
 * fail. Once `wanted` proven ones lead, what ranks below them is not needed; only the undecided ones ranked above
 * them are checked, together.
 */
async function checkAtHole(
  base: FileSnapshot,
  site: RepairSite,
  plain: Proposal[],
  wanted: number,
  budget: Budget,
): Promise<Map<Proposal, Check>> {
  const texts = plain.map((p) => p.text);
  const { proven, refuted } = typeVerdicts(site, texts);
  let held = 0;
  const cut = plain.findIndex((p) => proven.has(p.text) && ++held >= wanted);
  const needed = (cut < 0 ? plain : plain.slice(0, cut + 1)).filter((p) => !proven.has(p.text) && !refuted.has(p.text));
  const checks = checkHoleTexts(
    base,
    site,
    needed.map((p) => p.text),
    budget,
  );
  const checked = new Map(needed.map((p, i) => [p, checks[i]]));
  await budget.turn();
  const verdict = (p: Proposal): Check => {
    const why = refuted.get(p.text);
    return proven.has(p.text) ? PROVEN : why ? { ok: false, errors: [why], byType: true } : (checked.get(p) ?? ENOUGH);
  };
  return new Map(plain.map((p) => [p, verdict(p)]));
}

/** Those that hold at the hole, proven again over the statements the hole reaches, best first, until `wanted` hold. */
async function proveInReach(
  base: FileSnapshot,
  site: RepairSite,
  atHole: Map<Proposal, Check>,
  wanted: number,
  budget: Budget,
): Promise<Map<Proposal, Check>> {
  const { reach } = site;
  if (!reach) return atHole;
  const out = new Map(atHole);
  let held = 0;
  for (const [p, check] of atHole) {
    if (!check.ok) continue;
    if (held >= wanted || pastDeadline(budget)) {
      out.set(p, held >= wanted ? ENOUGH : UNCHECKED);
      continue;
    }
    const proof = proveChanges(base, repairOf(site, p).changes, [site.target], reach);
    out.set(p, proof);
    if (proof.ok) held++;
    await budget.turn();
  }
  return out;
}

function pastDeadline(budget: Budget): boolean {
  return performance.now() > budget.deadline;
}
