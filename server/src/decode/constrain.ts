/**
 * The constrained step of guided decoding: where a monitor rejected an identifier, a legal one in its place — by the
 * server's own constraint when it has one (guided choice, a grammar, logit bias), else from the stream's top logprobs,
 * else the best legal name by the embedded ranking and closeness (`similarity.ts`) — after which the stream resumes.
 */
import { ModelError, Piece } from '../models/modelData.js';
import type { DecodeInput } from './driver.js';
import { closest } from './similarity.js';
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
  const prefix = input.generated.slice(0, input.violation.start);
  if (violation.monitor === 'arity' && violation.rejected === ')') {
    const argument = timed(() => argumentAt(input.pieces, violation));
    if (argument) return { chosen: argument, strategy: 'logprobs', ms: local };
  }
  if (violation.legal.length === 1) return { chosen: violation.legal[0], strategy: 'only', ms: 0 };
  const legal = untried(violation.legal, prefix, input.avoid ?? []).slice(0, MAX_CHOICES);
  const ask = async (extra: object, maxTokens: number) =>
    (
      await provider.complete(
        { ...input.prompt.request(prefix, input.feedback), ...extra, maxTokens, stop: undefined },
        input.budget,
      )
    ).text;
  const longest = timed(() => Math.max(...legal.map((name) => input.tokenizer.count(name)))) + 2;

  for (const strategy of ['guidedChoice', 'grammar'] as const) {
    if (!provider.capabilities.usable(strategy)) continue;
    const constraint =
      strategy === 'guidedChoice' ? { guidedChoice: legal } : { grammar: timed(() => alternativesGrammar(legal)) };
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
    const names =
      answer === undefined
        ? undefined
        : timed(() => [...byFirstToken.entries()].find(([id]) => input.tokenizer.decode?.([id]) === answer)?.[1]);
    provider.capabilities.learn('logitBias', !!names);
    if (names) return { chosen: timed(() => closest(violation.rejected, names)), strategy: 'logitBias', ms: local };
  }

  const fromLogprobs = timed(() => alternativeAt(input.pieces, violation, legal));
  if (fromLogprobs) return { chosen: fromLogprobs, strategy: 'logprobs', ms: local };
  return { chosen: timed(() => closest(violation.rejected, legal)), strategy: 'ranker', ms: local };
}

/**
 * The legal names but those that made an answer the checker already rejected (an error round's earlier candidate
 * continues from the same text with that name): a correction must not lead to the same dead end twice.
 */
function untried(legal: readonly string[], prefix: string, avoid: readonly string[]): string[] {
  const tried = (name: string) =>
    avoid.some(
      (text) => text.startsWith(prefix + name) && !/[\p{ID_Continue}$]/u.test(text[prefix.length + name.length] ?? ''),
    );
  const fresh = legal.filter((name) => !tried(name));
  return fresh.length ? fresh : [...legal];
}

/** The answer, or undefined when the server refused the request (it does not know the parameter). */
async function orRefused(answer: Promise<string>): Promise<string | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ModelError && error.failure === 'status' && (error.status === 400 || error.status === 422))
      return undefined;
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
 * Where a call was closed before the arguments every signature needs: what the model weighed there instead of the
 * `)` (its top logprobs), the start of the argument it would have written. Undefined when it weighed nothing else.
 */
function argumentAt(pieces: Array<{ at: number; piece: Piece }>, violation: Violation): string | undefined {
  const found = pieces.find(({ at, piece }) => at <= violation.start && violation.start < at + piece.text.length);
  const lead = found && found.piece.text.slice(0, violation.start - found.at);
  for (const alternative of found?.piece.alternatives ?? []) {
    if (!alternative.text.startsWith(lead!)) continue;
    const instead = alternative.text.slice(lead!.length);
    if (instead.trim() && !/^\s*[)\]};]/.test(instead)) return instead;
  }
  return undefined;
}

/**
 * The best legal name among the alternatives the model weighed where the rejected identifier began: the token that
 * starts there may carry text before the identifier (`.` in `.adress`), which the alternatives must share.
 */
function alternativeAt(
  pieces: Array<{ at: number; piece: Piece }>,
  violation: Violation,
  legal: readonly string[],
): string | undefined {
  const found = pieces.find(({ at, piece }) => at <= violation.start && violation.start < at + piece.text.length);
  if (!found?.piece.alternatives?.length) return undefined;
  const lead = found.piece.text.slice(0, violation.start - found.at);
  for (const alternative of found.piece.alternatives) {
    if (!alternative.text.startsWith(lead)) continue;
    const start = alternative.text.slice(lead.length);
    const word = /^[\p{ID_Continue}$]*/u.exec(start)?.[0] ?? '';
    if (!word || (violation.rejected.startsWith(word) && !legal.includes(word))) continue;
    const names = legal.filter((name) => name.startsWith(word));
    if (names.length) return closest(violation.rejected, names);
  }
  return undefined;
}
