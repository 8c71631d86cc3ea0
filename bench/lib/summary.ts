/**
 * The context bench's figures over the sites: latency against the peer, recall per source and budget, tokens per
 * section, and an analysis of the misses.
 */
import { SECTION_ORDER, SectionName } from '../../server/src/prompt/render.js';
import type { ColdStart } from './coldStart.js';
import type { CorpusHeader } from './sampledCorpus.js';
import type { Needed } from './needed.js';
import type { SiteProfile } from './profile.js';
import { BUDGETS, ContextSource, Shown, SOURCES } from './recall.js';
import type { SiteKind } from './sites.js';
import { median, quantile, ratio, summarizeBy } from './stats.js';

/** What the bench keeps of one site. */
export interface SiteResult {
  kind: SiteKind;
  /** Relative to the corpus root; 1-based line. */
  file: string;
  line: number;
  completionMs: number;
  contextMs: number;
  holeKind?: 'explicit' | 'cursor';
  error?: string;
  needed: Needed[];
  shown: Shown;
  /** Needed names the context cut to 1024 tokens does not show, with the section of the uncut context that does. */
  missedAt1024: Array<{ name: string; uncutSection?: SectionName }>;
  /** Tokens of the uncut context, per section and in all. */
  fullTokens: Record<SectionName | 'total', number>;
}

export interface Latency {
  sites: number;
  completion: { p50: number; p95: number };
  context: { p50: number; p95: number };
  /** p50 of holeContextAt over p50 of tsserver's completion. */
  ratio: number;
}

export interface Recall {
  sitesWithNeeds: number;
  sitesWithoutNeeds: number;
  needed: number;
  /** Share of needed names shown, per source and budget (index as in BUDGETS). */
  recall: Record<ContextSource, number[]>;
  /** Spackle over the better baseline, per budget. */
  ratio: number[];
}

export interface CorpusSummary extends CorpusHeader {
  errors: { count: number; examples: string[] };
  /** Explicit `_()` sites that holeContextAt did not see as an explicit hole (`_` resolved to something). */
  notExplicit: number;
  latency: Latency;
  latencyByKind: Record<string, Latency>;
  recall: Recall;
  /** Recall of the needed names that the 30 lines around the hole do not show: what a model cannot see there. */
  recallUnseen: Recall;
  recallByKind: Record<string, Recall>;
  misses: MissAnalysis;
  tokens: Record<SectionName | 'total', number>;
  profile?: SiteProfile;
  coldStart?: ColdStart;
}

export interface MissAnalysis {
  /** Per kind of needed declaration: how many were needed and how many the 1024-token context missed. */
  byNeededKind: Record<string, { needed: number; missed: number; absentFromFullContext: number }>;
  /** Needed declarations in the hole's own file (far away) vs in other files. */
  sameFile: { needed: number; missed: number };
  otherFiles: { needed: number; missed: number };
  /** Names missed at 1024 tokens that the uncut context shows, by the section that shows them: cut by the budget. */
  cutFrom: Partial<Record<SectionName, number>>;
  /** Names most often missed at 1024 tokens. */
  topMissed: Array<{ name: string; count: number }>;
}

export function latencyOf(sites: readonly SiteResult[]): Latency {
  const ok = sites.filter((s) => !s.error);
  const completion = ok.map((s) => s.completionMs);
  const context = ok.map((s) => s.contextMs);
  return {
    sites: ok.length,
    completion: { p50: median(completion), p95: quantile(completion, 0.95) },
    context: { p50: median(context), p95: quantile(context, 0.95) },
    ratio: ratio(median(context), median(completion)),
  };
}

/** Recall over the needed declarations `include` keeps; sites left with none are left out. */
export function recallOf(sites: readonly SiteResult[], include: (n: Needed) => boolean = () => true): Recall {
  const counted = sites
    .map((s) => ({ site: s, names: new Set(s.needed.filter(include).map((n) => n.name)) }))
    .filter((c) => c.names.size > 0);
  const needed = counted.reduce((sum, c) => sum + c.names.size, 0);
  const recall = {} as Record<ContextSource, number[]>;
  for (const source of SOURCES) {
    const found = (b: number) =>
      counted.reduce((sum, c) => sum + c.site.shown[source][b].filter((name) => c.names.has(name)).length, 0);
    recall[source] = BUDGETS.map((_, b) => ratio(found(b), needed));
  }
  return {
    sitesWithNeeds: counted.length,
    sitesWithoutNeeds: sites.length - counted.length,
    needed,
    recall,
    ratio: BUDGETS.map((_, b) => ratio(recall.spackle[b], Math.max(recall.nearest[b], recall.jaccard[b]))),
  };
}

export function missesOf(sites: readonly SiteResult[]): MissAnalysis {
  const byNeededKind: MissAnalysis['byNeededKind'] = {};
  const sameFile = { needed: 0, missed: 0 };
  const otherFiles = { needed: 0, missed: 0 };
  const cutFrom: MissAnalysis['cutFrom'] = {};
  const missedNames = new Map<string, number>();
  for (const site of sites) {
    const missed = new Map(site.missedAt1024.map((m) => [m.name, m]));
    for (const need of site.needed) {
      const row = (byNeededKind[need.kind] ??= { needed: 0, missed: 0, absentFromFullContext: 0 });
      const where = need.sameFile ? sameFile : otherFiles;
      row.needed++;
      where.needed++;
      const miss = missed.get(need.name);
      if (!miss) continue;
      row.missed++;
      where.missed++;
      if (miss.uncutSection) cutFrom[miss.uncutSection] = (cutFrom[miss.uncutSection] ?? 0) + 1;
      else row.absentFromFullContext++;
      missedNames.set(need.name, (missedNames.get(need.name) ?? 0) + 1);
    }
  }
  const topMissed = [...missedNames]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 15)
    .map(([name, count]) => ({ name, count }));
  return { byNeededKind, sameFile, otherFiles, cutFrom, topMissed };
}

export function tokensOf(sites: readonly SiteResult[]): Record<SectionName | 'total', number> {
  const ok = sites.filter((s) => !s.error);
  const out = {} as Record<SectionName | 'total', number>;
  for (const key of [...SECTION_ORDER, 'total'] as const) out[key] = median(ok.map((s) => s.fullTokens[key]));
  return out;
}

export function byKind<T>(sites: readonly SiteResult[], summarize: (sites: SiteResult[]) => T): Record<string, T> {
  return summarizeBy(sites, (s) => s.kind, summarize);
}
