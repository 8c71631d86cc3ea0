/**
 * What bench:complete's scripted model answers at one site: the truth or its corruption, a correction's
 * continuation, an error round heeded or not. Plain data, so that the model can run in its own thread.
 */
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { FakeRequest, Reply } from '../../test/helpers/fakeOpenAI.js';

/** The answers at a site: `raw` first (with the truth's token among the alternatives where the corruption starts). */
export interface SiteScript {
  truth: string;
  raw: string;
  /** An error round's messages are heeded: the truth comes back. */
  heeds: boolean;
  alternatives?: Record<number, string[]>;
}

/**
 * The model at a site: `raw` (the truth, or its corruption) with the truth's token among the alternatives where the
 * corruption starts; after a correction, the rest; in an error round, the truth when it heeds the messages.
 */
export function scriptedAnswer({ truth, raw, heeds, alternatives }: SiteScript): (request: FakeRequest) => Reply {
  return (request) => {
    if (request.prefill) return { text: continuation(request.prefill, raw, truth) };
    if (/^\/\/ Not `/m.test(request.prompt)) return { text: heeds ? truth : raw };
    return { text: raw, alternatives };
  };
}

/** What follows `prefill`: the answer's rest while it agrees, else the truth's after the word the correction put. */
function continuation(prefill: string, raw: string, truth: string): string {
  if (raw.startsWith(prefill)) return raw.slice(prefill.length);
  if (truth.startsWith(prefill)) return truth.slice(prefill.length);
  let at = 0;
  while (at < prefill.length && prefill[at] === truth[at]) at++;
  while (at < truth.length && /[\p{ID_Continue}$]/u.test(truth[at])) at++;
  return truth.slice(at);
}

/** The truth's token as the alternative to the answer's at the token where the corruption starts. */
export function alternativesAt(raw: string, truth: string, at: number): Record<number, string[]> | undefined {
  const tokens = (text: string) => {
    let offset = 0;
    return encode(text).map((id) => {
      const token = { text: decode([id]), start: offset };
      offset += token.text.length;
      return token;
    });
  };
  const answer = tokens(raw);
  const index = answer.findIndex((t) => t.start <= at && at < t.start + t.text.length);
  const truthToken = tokens(truth).find((t) => t.start === answer[index]?.start);
  return index >= 0 && truthToken ? { [index]: [answer[index].text, truthToken.text] } : undefined;
}
