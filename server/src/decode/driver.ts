/**
 * Monitor-guided decoding: the model's stream checked as it grows by the type monitors; at the first identifier the
 * types do not allow, the stream is aborted, a constrained step takes a legal one (`constrain.ts`) and decoding
 * resumes. Every intervention is recorded.
 */
import type { ModelProvider } from '../models/provider.js';
import type { Budget } from '../budget.js';
import { ModelError, Piece } from '../models/modelData.js';
import type { Feedback, HolePrompt } from '../prompt/holePrompt.js';
import type { Tokenizer } from '../prompt/tokens.js';
import { constrainedStep } from './constrain.js';
import type { Intervention, Monitor, Violation } from './types.js';

/** Corrections per answer: a model that keeps leaving what the types allow is not guided into sense. */
const MAX_INTERVENTIONS = 4;
/** Resumptions after a stream broke off mid-answer. */
const MAX_RESUMES = 1;
const TOP_LOGPROBS = 5;
/** Characters that go on with a name. */
const NAME_GOING_ON = /^[\p{ID_Continue}$\u200c\u200d]+/u;

export interface DecodeInput {
  provider: ModelProvider;
  prompt: HolePrompt;
  feedback: readonly Feedback[];
  budget: Budget;
  /** Where the answer ends, once the text shows it: reading the stream stops there. */
  end(text: string): number | undefined;
  tokenizer: Tokenizer;
  /** Absent: free decoding (monitors off). */
  monitor?: Monitor;
  /** Answers the checker rejected in earlier rounds: corrections do not lead back to them. */
  avoid?: readonly string[];
  /**
   * Work on the text so far while the model writes on (its lines checked ahead of the answer, so that the check of
   * the answer finds their types resolved): called when a piece ends a line of an answer not yet complete.
   */
  ahead?(text: string): void;
}

export interface Decoded {
  text: string;
  interventions: Intervention[];
  /** Durations of the monitor's checks as the text grew, in ms. */
  checkMs: number[];
  /** The model's own time: from each request sent to its last piece received (constrained steps included), in ms. */
  modelMs: number;
}

/**
 * Monitor-guided decoding over a black-box streaming API (DESIGN.md, "Guided decoding"): stream, check the growing
 * text, and at the first identifier the types do not allow, abort the stream, take a constrained step to a legal
 * one (the server's own constraint, else the stream's top logprobs, else the embedded ranking) and resume from the
 * corrected text. Stops reading once `end` says the answer is complete.
 */
export async function guidedDecode(input: DecodeInput): Promise<Decoded> {
  const { provider, prompt, feedback, budget, end, monitor } = input;
  const interventions: Intervention[] = [];
  const checkMs: number[] = [];
  let modelMs = 0;
  let generated = '';
  let resumes = 0;
  // The violation corrected last, and whether its correction put a name the model may still be spelling out.
  let last: Violation | undefined;
  let nameChosen = false;
  const decoded = (): Decoded => ({ text: generated, interventions, checkMs, modelMs });
  const check = timedCheck(monitor, checkMs);
  for (;;) {
    const wantsLogprobs = !!monitor && provider.capabilities.usable('logprobs');
    const request = { ...prompt.request(generated, feedback), ...(wantsLogprobs ? { topLogprobs: TOP_LOGPROBS } : {}) };
    // Pieces of this stream by where they start in `generated`: their alternatives serve a logprobs step.
    const pieces: Array<{ at: number; piece: Piece }> = [];
    let violation: Violation | undefined;
    let complete = false;
    let finished = false;
    const sent = performance.now();
    let received = sent;
    try {
      for await (const streamed of provider.stream(request, budget)) {
        received = performance.now();
        // The model goes on spelling the name it meant (`schedule` chosen, `r(…` streamed): the name is chosen.
        const rest: string = nameChosen ? streamed.text.replace(NAME_GOING_ON, '') : streamed.text;
        const piece: Piece = rest === streamed.text ? streamed : { text: rest };
        nameChosen &&= rest === '';
        if (!piece.text) continue;
        pieces.push({ at: generated.length, piece });
        generated += piece.text;
        if (end(generated) !== undefined) {
          complete = true;
          break;
        }
        if ((violation = check(generated, false))) break;
        if (piece.text.includes('\n')) input.ahead?.(generated);
      }
      finished = !violation;
    } catch (error) {
      // A stream that broke off mid-answer goes on from what arrived, as after a correction.
      if (!(error instanceof ModelError && error.failure === 'disconnected' && generated && resumes++ < MAX_RESUMES))
        throw error;
      continue;
    } finally {
      modelMs += received - sent;
    }
    const answered = finished || complete;
    if (!violation && answered) violation = check(generated, true);
    if (!violation || interventions.length >= MAX_INTERVENTIONS) return decoded();
    // The model wrote again what was just corrected (a call closed before its arguments): it is not guided into sense
    // there; the checks and error rounds judge the answer.
    if (last && violation.start === last.start && violation.rejected === last.rejected) return decoded();
    last = violation;

    const fixed = await corrected(input, { generated, violation, pieces, answered }, checkMs[checkMs.length - 1] ?? 0);
    modelMs += fixed.modelMs;
    generated = fixed.generated;
    nameChosen = violation.monitor !== 'arity' && !fixed.ended;
    interventions.push(fixed.intervention);
    if (fixed.ended) return decoded();
  }
}

/** The monitor's check of the text so far, its duration kept in `checkMs`; none without a monitor. */
function timedCheck(monitor: Monitor | undefined, checkMs: number[]) {
  return (text: string, final: boolean): Violation | undefined => {
    if (!monitor) return undefined;
    const started = performance.now();
    const found = monitor.check(text, final);
    checkMs.push(performance.now() - started);
    return found;
  };
}

/** Where a stream stopped at a violation: the text so far, the stream's pieces, whether the model had answered. */
interface Stopped {
  generated: string;
  violation: Violation;
  pieces: Array<{ at: number; piece: Piece }>;
  answered: boolean;
}

/**
 * The text after a constrained step past the violation, whether it ends the answer, the intervention (`checkMs`: the
 * monitor's check that found the violation) and the model's share of the step's time, in ms.
 */
async function corrected(
  input: DecodeInput,
  { generated, violation, pieces, answered }: Stopped,
  checkMs: number,
): Promise<{ generated: string; ended: boolean; intervention: Intervention; modelMs: number }> {
  const { provider } = input;
  const rejectedAt = performance.now();
  const requestsBefore = provider.requests;
  const step = await constrainedStep({ ...input, generated, violation, pieces });
  const stepMs = performance.now() - rejectedAt;
  const rest = generated.slice(violation.start + violation.rejected.length);
  // The model had ended its answer with the rejected name: the corrected answer is complete as it is. A call's
  // argument count corrected needs the model to go on (another argument, or what follows the call).
  const ended = violation.monitor !== 'arity' && answered && /^\s*([;,)\]}]|$)/.test(rest);
  const intervention = {
    monitor: violation.monitor,
    trigger: violation.trigger,
    rejected: violation.rejected,
    chosen: step.chosen,
    strategy: step.strategy,
    extraRequests: provider.requests - requestsBefore + (ended ? 0 : 1),
    monitorMs: checkMs + step.ms,
    ms: stepMs,
  };
  const text = generated.slice(0, violation.start) + step.chosen + (ended ? rest : '');
  return { generated: text, ended, intervention, modelMs: stepMs - step.ms };
}
