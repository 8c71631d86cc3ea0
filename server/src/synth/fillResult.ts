/**
 * The one way a `FillResult` is made, for both engines: the hole, its expected type as the user reads it, and the
 * fills, none `verified` where the expected type does not resolve (a check against it proves nothing).
 */
import { isUninformative } from '../holes/expectedType.js';
import type { HoleSite } from '../holes/site.js';
import { typeText } from '../ts/ast.js';
import type { Candidate, FillResult } from './fillData.js';

/** How long an expected type's text may grow before it is cut. */
const EXPECTED_TYPE_CHARS = 600;

export function toFillResult(
  site: HoleSite,
  fills: Array<Candidate & { verified: boolean }>,
  stats: FillResult['stats'],
): FillResult {
  const { checker } = site.snapshot;
  return {
    hole: site.hole,
    expectedType: site.expected && typeText(checker, site.expected, site.node, EXPECTED_TYPE_CHARS),
    constrained: !!site.expected && !isUninformative(site.expected),
    ...(site.unresolved && { unresolved: site.unresolved }),
    fills: fills.map((f) => ({ ...f, verified: f.verified && !site.unresolved })),
    stats,
  };
}
