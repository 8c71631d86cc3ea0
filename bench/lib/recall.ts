/**
 * Recall of the needed declarations (needed.ts) in a context, per token budget and source (Spackle's rendered context,
 * the nearest lines, Jaccard windows): a needed name counts as shown where it appears as a whole word.
 */
import { renderContext } from '../../server/src/prompt/render.js';
import type { HoleContext } from '../../server/src/holes/holeData.js';
import { nearestLines, packWindows, queryWords, rankWindows, Window } from './baselines.js';
import type { Needed } from './needed.js';
import { wordsOf } from './text.js';

export const BUDGETS = [256, 512, 1024, 2048] as const;
/** The budget the targets are set at. */
export const TARGET_BUDGET = BUDGETS.indexOf(1024);
export const SOURCES = ['spackle', 'nearest', 'jaccard'] as const;
export type ContextSource = (typeof SOURCES)[number];

/** The needed names each context source shows, per budget (index as in BUDGETS). */
export type Shown = Record<ContextSource, string[][]>;

export interface RecallInput {
  needed: readonly Needed[];
  context?: HoleContext;
  /** Lines of the file with the hole, and the hole's line. */
  lines: readonly string[];
  line: number;
  file: string;
  windows: readonly Window[];
}

export function shownPerBudget(input: RecallInput): Shown {
  const ranked = rankWindows(input.windows, input.file, queryWords(input.lines, input.line));
  const context = input.context;
  const texts: Record<ContextSource, (budget: number) => string> = {
    spackle: (budget) => (context ? renderContext(context, budget).text : ''),
    nearest: (budget) => nearestLines(input.lines, input.line, budget),
    jaccard: (budget) => packWindows(ranked, budget),
  };
  const shown = {} as Shown;
  for (const source of SOURCES)
    shown[source] = BUDGETS.map((budget) => shownNames(input.needed, texts[source](budget)).map((n) => n.name));
  return shown;
}

/** Needed names that `text` shows as whole words. */
export function shownNames(needed: readonly Needed[], text: string): Needed[] {
  const words = wordsOf(text);
  return needed.filter((n) => words.has(n.name));
}
