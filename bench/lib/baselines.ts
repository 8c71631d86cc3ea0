/**
 * The peers of the context bench: the context editors' completion engines send today, cut to the same token budget as
 * Spackle's (the nearest lines, llm-ls; windows of other files by Jaccard similarity, Copilot, Continue, Cody).
 */
import { estimateTokens } from '../../server/src/holes/relevantTypes.js';
import { nearbyLines, wordsOf } from './text.js';

/**
 * The two kinds of context editors' completion engines send today, cut to the same token budget as ours:
 * the nearest lines around the cursor (llm-ls) and windows of other files ranked by Jaccard similarity of their
 * identifiers with the code around the cursor (Copilot, Continue, Cody).
 */

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const continue debugger declare default delete do else enum ' +
    'export extends false finally for from function get if implements import in instanceof interface keyof let new ' +
    'null of private protected public readonly return set static super switch this throw true try type typeof ' +
    'undefined var void while yield'
  ).split(' '),
);

/** Words that say what code is about (keywords dropped), for similarity. */
function significantWords(text: string): Set<string> {
  const out = wordsOf(text);
  for (const word of out) if (KEYWORDS.has(word)) out.delete(word);
  return out;
}

/** Lines around `line`, taken alternately above and below while they fit; in file order. */
export function nearestLines(lines: readonly string[], line: number, budget: number): string {
  const picked: number[] = [];
  let used = 0;
  for (let step = 0; step < 2 * lines.length; step++) {
    const index = line + (step % 2 ? (step + 1) / 2 : -step / 2);
    if (index < 0 || index >= lines.length) continue;
    const cost = estimateTokens(lines[index] + '\n');
    if (used + cost > budget) break;
    used += cost;
    picked.push(index);
  }
  return picked
    .sort((a, b) => a - b)
    .map((i) => lines[i])
    .join('\n');
}

export interface Window {
  file: string;
  first: number;
  lines: readonly string[];
  words: Set<string>;
}

const WINDOW_LINES = 20;
const WINDOW_STRIDE = 10;
/** More windows than the largest budget can hold. */
const RANKED_WINDOWS = 40;

export function windowsOf(file: string, lines: readonly string[]): Window[] {
  const out: Window[] = [];
  for (let first = 0; first < lines.length; first += WINDOW_STRIDE) {
    const slice = lines.slice(first, first + WINDOW_LINES);
    out.push({ file, first, lines: slice, words: significantWords(slice.join('\n')) });
    if (first + WINDOW_LINES >= lines.length) break;
  }
  return out;
}

/** The words of the code around the hole, which the ranked windows are compared with. */
export function queryWords(lines: readonly string[], line: number): Set<string> {
  return significantWords(nearbyLines(lines, line).join('\n'));
}

/** Windows of other files, most similar first, none overlapping another of the same file. */
export function rankWindows(windows: readonly Window[], holeFile: string, query: Set<string>): Window[] {
  const scored = windows.filter((w) => w.file !== holeFile).map((w) => ({ w, score: jaccard(query, w.words) }));
  scored.sort((a, b) => b.score - a.score || a.w.file.localeCompare(b.w.file) || a.w.first - b.w.first);
  const out: Window[] = [];
  for (const { w } of scored) {
    if (out.length >= RANKED_WINDOWS) break;
    if (!out.some((o) => o.file === w.file && Math.abs(o.first - w.first) < WINDOW_LINES)) out.push(w);
  }
  return out;
}

/** Ranked windows, line by line, until the budget is spent. */
export function packWindows(ranked: readonly Window[], budget: number): string {
  const out: string[] = [];
  let used = 0;
  for (const window of ranked) {
    for (const line of window.lines) {
      const cost = estimateTokens(line + '\n');
      if (used + cost > budget) return out.join('\n');
      used += cost;
      out.push(line);
    }
  }
  return out.join('\n');
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}
