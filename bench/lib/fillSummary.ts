/**
 * The fill bench's figures over the sites: exact@1/5, NIM@1, the type-correct rate, latency percentiles, per kind of
 * site and against the peer.
 */
import type { FillResult } from '../../server/src/synth/fillData.js';
import type { SiteKind } from './sites.js';
import { median, quantile, ratio } from './stats.js';
import type { TruthShape } from './truthShape.js';

/** One returned fill, as the bench judged it. */
export interface JudgedFill {
  text: string;
  form: string;
  score: number;
  holes: number;
  /** Type-checks in a fresh program (see fillCheck). */
  typeChecks: boolean;
  addedErrors?: string[];
}

/** What the bench keeps of one site. */
export interface FillSiteResult {
  kind: SiteKind;
  shape: TruthShape;
  /** Relative to the corpus root; 1-based line. */
  file: string;
  line: number;
  truth: string;
  expectedType?: string;
  fills: JudgedFill[];
  /** 1-based rank of the first fill equal to the truth (exact, or exact up to nested holes); absent if none. */
  exactRank?: number;
  exactUpToHolesRank?: number;
  /** First identifiers of the truth, our top fill and tsserver's first completion (NIM). */
  truthIdentifier?: string;
  fillIdentifier?: string;
  peerIdentifier?: string;
  peerFirst?: string;
  fillMs: number;
  completionMs: number;
  engine?: FillResult['stats'];
  error?: string;
}

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface FillMetrics {
  sites: number;
  failed: number;
  /** Sites with no fill returned. */
  empty: number;
  exact1: number;
  exact5: number;
  exactUpToHoles1: number;
  exactUpToHoles5: number;
  /** NIM is scored on sites whose truth has an identifier. */
  nimSites: number;
  nim1: number;
  peerNim1: number;
  /** Ours over tsserver's. */
  nimRatio: number;
  fills: number;
  typeCorrect: number;
  typeCorrectRate: number;
  fillMs: Percentiles;
  completionMs: Percentiles;
  /** p50 of fillHole over p50 of tsserver's completion. */
  latencyRatio: number;
  /** Sites where the engine reported running out of time. */
  timedOut: number;
}

export function fillMetrics(sites: readonly FillSiteResult[]): FillMetrics {
  const ok = sites.filter((s) => !s.error);
  const share = (test: (s: FillSiteResult) => boolean, among: readonly FillSiteResult[] = sites) =>
    ratio(among.filter(test).length, among.length);
  const rankWithin = (rank: number | undefined, k: number) => rank !== undefined && rank <= k;
  const scorable = sites.filter((s) => s.truthIdentifier !== undefined);
  const nim1 = share((s) => s.fillIdentifier === s.truthIdentifier, scorable);
  const peerNim1 = share((s) => s.peerIdentifier === s.truthIdentifier, scorable);
  const fills = sites.flatMap((s) => s.fills);
  const typeCorrect = fills.filter((f) => f.typeChecks).length;
  const percentiles = (values: number[]): Percentiles => ({ p50: median(values), p95: quantile(values, 0.95) });
  return {
    sites: sites.length,
    failed: sites.length - ok.length,
    empty: ok.filter((s) => !s.fills.length).length,
    exact1: share((s) => rankWithin(s.exactRank, 1)),
    exact5: share((s) => rankWithin(s.exactRank, 5)),
    exactUpToHoles1: share((s) => rankWithin(s.exactUpToHolesRank, 1)),
    exactUpToHoles5: share((s) => rankWithin(s.exactUpToHolesRank, 5)),
    nimSites: scorable.length,
    nim1,
    peerNim1,
    nimRatio: ratio(nim1, peerNim1),
    fills: fills.length,
    typeCorrect,
    typeCorrectRate: ratio(typeCorrect, fills.length),
    fillMs: percentiles(ok.map((s) => s.fillMs)),
    completionMs: percentiles(ok.map((s) => s.completionMs)),
    latencyRatio: ratio(median(ok.map((s) => s.fillMs)), median(ok.map((s) => s.completionMs))),
    timedOut: ok.filter((s) => s.engine?.timedOut).length,
  };
}
