import { ModelError, Piece } from '../models/types.js';
import type { DecodeInput } from './driver.js';
import type { Strategy, Violation } from './types.js';

/** OpenAI accepts at most 300 `logit_bias` entries. */
const MAX_BIASED = 300;
/** Choices sent to a server's constraint: the ranking's best; a long member list costs prompt tokens. */
const MAX_CHOICES = 200;

export interface StepInput extends DecodeInput {
  generated: string;
  violation: Violation;
  pieces: Array<{ at: number; piece: Piece }>;
}

export interface Step {
  chosen: string;
  strategy: Strategy;
  /** Local work (ranking, building constraints), network excluded. */
  ms: number;
}

/**
 * A legal continuation where the monitor rejected one: the server's own constraint when it has one (vLLM
 * `guided_choice`, llama.cpp `grammar`, OpenAI `logit_bias` over the names' first tokens), else the alternatives the
 * stream's top logprobs offered there, else the best legal name by the embedded ranking and closeness to the rejected
 * one. A server that turns out not to honour a constraint is not asked for it again.
 */
export async function constrainedStep(input: StepInput): Promise<Step> {
  const { provider, violation } = input;
  let local = 0;
  const timed = <T>(work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      local += performance.now() - started;
    }
  };
  const legal = violation.legal.slice(0, MAX_CHOICES);
  const prefix = input.generated.slice(0, input.violation.start);
  const ask = async (extra: object, maxTokens: number) => (await provider.complete({ ...input.prompt.request(prefix, input.feedback), ...extra, maxTokens, stop: undefined }, input.budget)).text;
  const longest = timed(() => Math.max(...legal.map((name) => input.tokenizer.count(name)))) + 2;

  for (const strategy of ['guidedChoice', 'grammar'] as const) {
    if (!provider.capabilities.usable(strategy)) continue;
    const constraint = strategy === 'guidedChoice' ? { guidedChoice: legal } : { grammar: timed(() => alternativesGrammar(legal)) };
    const answer = await orRefused(ask(constraint, longest));
    const honoured = answer !== undefined && legal.includes(answer);
    provider.capabilities.learn(strategy, honoured);
    if (honoured) return { chosen: answer!, strategy, ms: local };
  }

  const encode = input.tokenizer.encode;
  if (encode && provider.capabilities.usable('logitBias')) {
    const byFirstToken = timed(() => firstTokens(legal, encode));
    const bias = Object.fromEntries([...byFirstToken.keys()].slice(0, MAX_BIASED).map((id) => [id, 100]));
    const answer = await orRefused(ask({ logitBias: bias }, 1));
    const names = answer === undefined ? undefined : timed(() => [...byFirstToken.entries()].find(([id]) => input.tokenizer.decode?.([id]) === answer)?.[1]);
    provider.capabilities.learn('logitBias', !!names);
    if (names) return { chosen: timed(() => closest(violation.rejected, names)), strategy: 'logitBias', ms: local };
  }

  const fromLogprobs = timed(() => alternativeAt(input.pieces, violation));
  if (fromLogprobs) return { chosen: fromLogprobs, strategy: 'logprobs', ms: local };
  return { chosen: timed(() => closest(violation.rejected, legal)), strategy: 'ranker', ms: local };
}

/** The answer, or undefined when the server refused the request (it does not know the parameter). */
async function orRefused(answer: Promise<string>): Promise<string | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ModelError && error.failure === 'status' && (error.status === 400 || error.status === 422)) return undefined;
    throw error;
  }
}

/** A GBNF grammar (llama.cpp) whose sentences are exactly `names`. */
export function alternativesGrammar(names: readonly string[]): string {
  return `root ::= ${names.map((n) => JSON.stringify(n)).join(' | ')}`;
}

/** The names grouped by their first token, in rank order. */
function firstTokens(names: readonly string[], encode: (text: string) => number[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const name of names) {
    const first = encode(name)[0];
    if (first === undefined) continue;
    const group = groups.get(first) ?? [];
    group.push(name);
    groups.set(first, group);
  }
  return groups;
}

/**
 * The best legal name among the alternatives the model weighed where the rejected identifier began: the token that
 * starts there may carry text before the identifier (`.` in `.adress`), which the alternatives must share.
 */
function alternativeAt(pieces: Array<{ at: number; piece: Piece }>, violation: Violation): string | undefined {
  const found = pieces.find(({ at, piece }) => at <= violation.start && violation.start < at + piece.text.length);
  if (!found?.piece.alternatives?.length) return undefined;
  const lead = found.piece.text.slice(0, violation.start - found.at);
  for (const alternative of found.piece.alternatives) {
    if (!alternative.text.startsWith(lead)) continue;
    const start = alternative.text.slice(lead.length);
    const word = /^[\p{ID_Continue}$]*/u.exec(start)?.[0] ?? '';
    if (!word || violation.rejected.startsWith(word) && !violation.legal.includes(word)) continue;
    const names = violation.legal.filter((name) => name.startsWith(word));
    if (names.length) return closest(violation.rejected, names);
  }
  return undefined;
}

/**
 * Of legal names (best first by the embedded ranking), the one to put in place of `rejected`: closeness of spelling
 * (a misspelt member is the common hallucination) weighed against the ranking.
 */
export function closest(rejected: string, names: readonly string[]): string {
  let best = names[0];
  let bestScore = -Infinity;
  names.forEach((name, rank) => {
    const score = 2 * similarity(rejected, name) + (1 - rank / names.length);
    if (score > bestScore) { best = name; bestScore = score; }
  });
  return best;
}

/** 1 for equal names, towards 0 for unrelated ones: edit distance over length, case ignored, prefixes favoured. */
function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!x || !y) return 0;
  const distance = editDistance(x, y);
  const prefix = y.startsWith(x) || x.startsWith(y) ? 0.25 : 0;
  return Math.max(0, 1 - distance / Math.max(x.length, y.length)) + prefix;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
