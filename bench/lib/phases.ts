/**
 * The phases of the core's entry points a `--profile` run splits time into: the hole context's, the fill's and the
 * repairs'.
 */
import type { PhaseSpec } from './profile.js';

/** The phases of holeContextAt (bench:context --profile). */
export const CONTEXT_PHASES: PhaseSpec = {
  entry: 'holeContextAt',
  phases: {
    snapshot: 'program update (Workspace.snapshot)',
    explicitHoleAt: 'find explicit hole',
    cursorSite: 'cursor site',
    speculativeSnapshot: 'speculative program (cursor holes)',
    typedHoles: 'typed hole retry (speculative program)',
    expectedTypeOf: 'expected type',
    expectedType: 'expected type: definitions',
    scopeValues: 'scopeValues',
    thisMembers: 'scopeValues: this members',
    relevantTypes: 'relevantTypes',
    relevantHeaders: 'relevantHeaders: scope',
    memberProducers: 'relevantHeaders: members of bindings',
    exportedProducers: 'relevantHeaders: project exports',
    enclosingSignature: 'enclosing',
    receiverOf: 'receiver members',
  },
};

/** The phases of fillHole (bench:fill --profile); a type relation counts for `fits` wherever it is asked. */
export const FILL_PHASES: PhaseSpec = {
  entry: 'fillHole',
  phases: {
    snapshot: 'program update (Workspace.snapshot)',
    holeSiteAt: 'hole site',
    typedExplicitHoles: 'hole site: typed hole retry',
    expectedTypeOf: 'hole site: expected type',
    speculativeSnapshot: 'speculative program (retry, cursor, validation)',
    scopeValues: 'scopeValues',
    enumerate: 'synthesis: enumerate',
    memberChains: 'synthesis: member chains',
    callCandidate: 'synthesis: calls',
    argumentsFor: 'synthesis: arguments from scope',
    literalMembers: 'synthesis: literals',
    objectOf: 'synthesis: object literals',
    arrowOf: 'synthesis: arrows',
    memberCandidates: 'synthesis: member hole',
    fits: 'type fit (fits)',
    usageStats: 'ranking: usage statistics',
    score: 'ranking: score',
    toCandidate: 'ranking: type text',
    validateCandidates: 'validation: other',
    inCopies: 'validation: side-by-side copies',
    errorsOf: 'validation: diagnostics',
  },
};

/** The phases of the repair code actions (bench:repair --profile). */
export const REPAIR_PHASES: PhaseSpec = {
  entry: 'repairsAt',
  awaited: ['repairError'],
  phases: {
    snapshot: 'program update (Workspace.snapshot)',
    errorsAround: 'errors at the range',
    repairSite: 'site: node and expected type',
    scopeValues: 'scopeValues',
    memberProposals: 'proposals: members',
    nameProposals: 'proposals: names',
    projectExports: 'proposals: project exports',
    importChange: 'proposals: import',
    expressionProposals: 'proposals: expressions',
    enumerate: 'proposals: enumerate',
    derivedFrom: 'proposals: from the wrong expression',
    arityProposals: 'proposals: arguments',
    usageStats: 'ranking: usage statistics',
    score: 'ranking: score',
    validateCandidates: 'verify: hole texts, other',
    speculativeSnapshot: 'verify: speculative program',
    sideBySide: 'verify: side-by-side copies',
    errorsOf: 'verify: diagnostics',
    proveChanges: 'verify: import proofs',
  },
};
