/**
 * The OpenAI-compatible provider (the `openai` package): streaming chat and completions with timeouts, the request's
 * deadline, retries honouring Retry-After, cancellation. Invariant: the only place that knows HTTP; the API key never
 * appears in a message.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { LlmSettings } from '../config.js';
import type { Logger } from '../log.js';
import { capabilitiesOf, Capabilities } from './capabilities.js';
import { retryDelay, sleepWithin } from './retry.js';
import type { Budget } from '../budget.js';
import { ModelError, ModelRequest, Piece } from './modelData.js';

/** Attempts of one request: the first and two retries (429, 5xx, lost connections), within the budget. */
const MAX_ATTEMPTS = 3;

/**
 * An OpenAI-compatible endpoint through the `openai` package: every request streams, with a timeout for the first
 * byte and between chunks (`llm.timeoutMs`), the budget's deadline and cancellation, and retries with backoff that
 * honour Retry-After when the wait fits the deadline. The SDK's own retries are off: they would not know the deadline.
 */
export class ModelProvider {
  readonly capabilities: Capabilities;
  /** HTTP requests sent, retries included: what interventions and error rounds cost. */
  requests = 0;
  private readonly client: OpenAI;

  constructor(
    readonly settings: LlmSettings & { baseUrl: string; model: string },
    private readonly logger: Logger,
  ) {
    // Local servers take any key; the SDK insists on one.
    this.client = new OpenAI({
      baseURL: settings.baseUrl,
      apiKey: settings.apiKey ?? 'none',
      maxRetries: 0,
      logLevel: 'off',
    });
    this.capabilities = capabilitiesOf(settings);
  }

  /** The output, piece by piece. Breaking out of the loop aborts the request. */
  async *stream(request: ModelRequest, budget: Budget): AsyncGenerator<Piece> {
    let asked =
      request.topLogprobs && !this.capabilities.usable('logprobs') ? { ...request, topLogprobs: undefined } : request;
    for (let attempt = 1; ; attempt++) {
      const call = new Call(this.settings.timeoutMs, budget);
      let pieces = 0;
      let alternatives = false;
      try {
        this.requests++;
        for await (const piece of this.open(asked, call)) {
          call.kick();
          pieces++;
          alternatives ||= !!piece.alternatives?.length;
          yield piece;
        }
        call.throwIfAborted();
        // A server that ignores `logprobs` says nothing: it has none to give.
        if (asked.topLogprobs && pieces > 0) this.capabilities.learn('logprobs', alternatives);
        return;
      } catch (thrown) {
        const error = call.explain(thrown, pieces > 0, this.settings.apiKey);
        if (
          asked.topLogprobs &&
          error.failure === 'status' &&
          error.status === 400 &&
          /logprobs/i.test(error.message)
        ) {
          this.capabilities.learn('logprobs', false);
          asked = { ...asked, topLogprobs: undefined };
          attempt--;
          continue;
        }
        if (pieces > 0 || !error.retryable || attempt >= MAX_ATTEMPTS) throw error;
        const wait = retryDelay(attempt, error.retryAfterMs);
        if (performance.now() + wait >= budget.deadline)
          throw new ModelError(
            'deadline',
            `${error.message}; a retry in ${Math.round(wait)} ms would pass the deadline`,
          );
        this.logger.log('debug', `LLM request failed (${error.message}); retry ${attempt} in ${Math.round(wait)} ms`);
        await sleepWithin(wait, budget.signal);
      } finally {
        call.end();
      }
    }
  }

  /** The whole output of a request. */
  async complete(request: ModelRequest, budget: Budget): Promise<{ text: string; pieces: Piece[] }> {
    const pieces: Piece[] = [];
    for await (const piece of this.stream(request, budget)) pieces.push(piece);
    return { text: pieces.map((p) => p.text).join(''), pieces };
  }

  private async *open(request: ModelRequest, call: Call): AsyncGenerator<Piece> {
    const { model, api } = this.settings;
    const common = {
      model,
      max_tokens: request.maxTokens,
      temperature: 0,
      stream: true as const,
      ...(request.stop?.length ? { stop: request.stop.slice(0, 4) } : {}),
      ...(request.logitBias ? { logit_bias: request.logitBias } : {}),
      ...(request.grammar ? { grammar: request.grammar } : {}),
      ...(request.guidedChoice ? { guided_choice: request.guidedChoice } : {}),
    };
    const options = { signal: call.signal, timeout: call.remainingMs() };
    if (api === 'chat') {
      const messages =
        'messages' in request.input
          ? request.input.messages
          : [{ role: 'user' as const, content: request.input.prompt }];
      const logprobs = request.topLogprobs ? { logprobs: true, top_logprobs: request.topLogprobs } : {};
      const stream = await this.client.chat.completions.create(
        { ...common, messages, ...logprobs } as OpenAI.ChatCompletionCreateParamsStreaming,
        options,
      );
      call.kick();
      for await (const chunk of stream) {
        call.kick();
        const choice = chunk.choices[0];
        const content = choice?.delta?.content;
        const tokens = choice?.logprobs?.content;
        if (tokens?.length) {
          for (const t of tokens)
            yield { text: t.token, alternatives: t.top_logprobs.map((a) => ({ text: a.token, logprob: a.logprob })) };
        } else if (content) yield { text: content };
      }
      return;
    }
    const prompt =
      'prompt' in request.input ? request.input.prompt : request.input.messages.map((m) => m.content).join('\n');
    const logprobs = request.topLogprobs ? { logprobs: request.topLogprobs } : {};
    const stream = await this.client.completions.create(
      { ...common, prompt, ...logprobs } as OpenAI.CompletionCreateParamsStreaming,
      options,
    );
    call.kick();
    for await (const chunk of stream) {
      call.kick();
      const choice = chunk.choices[0];
      const top = choice?.logprobs?.top_logprobs;
      const tokens = choice?.logprobs?.tokens;
      if (tokens?.length && top?.length === tokens.length) {
        for (const [i, token] of tokens.entries()) {
          const ranked = Object.entries(top[i] ?? {})
            .sort((a, b) => b[1] - a[1])
            .map(([text, logprob]) => ({ text, logprob }));
          yield { text: token, alternatives: ranked };
        }
      } else if (choice?.text) yield { text: choice.text };
    }
  }
}

/**
 * One HTTP request's life: an abort controller fired by cancellation, by the deadline, or by silence longer than the
 * timeout (before the first byte or between chunks); it remembers which, so the failure can say so.
 */
class Call {
  private readonly controller = new AbortController();
  private reason?: 'timeout' | 'deadline' | 'cancelled';
  private timer?: NodeJS.Timeout;
  private readonly onCancel = () => this.abort('cancelled');

  constructor(
    private readonly timeoutMs: number,
    private readonly budget: Budget,
  ) {
    if (budget.signal.aborted) this.abort('cancelled');
    else budget.signal.addEventListener('abort', this.onCancel, { once: true });
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(1, Math.ceil(this.budget.deadline - performance.now()));
  }

  /** Something arrived: the silence timer starts again (never past the deadline). */
  kick(): void {
    if (this.reason) return;
    clearTimeout(this.timer);
    const untilDeadline = this.budget.deadline - performance.now();
    const byDeadline = untilDeadline <= this.timeoutMs;
    this.timer = setTimeout(
      () => this.abort(byDeadline ? 'deadline' : 'timeout'),
      Math.max(0, byDeadline ? untilDeadline : this.timeoutMs),
    );
  }

  /** The SDK ends an aborted stream quietly: a stream cut short by us must still fail. */
  throwIfAborted(): void {
    if (this.reason) throw new APIUserAbortError();
  }

  end(): void {
    clearTimeout(this.timer);
    this.budget.signal.removeEventListener('abort', this.onCancel);
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  explain(thrown: unknown, streaming: boolean, apiKey: string | undefined): ModelError {
    if (thrown instanceof ModelError) return thrown;
    if (this.reason === 'cancelled') return new ModelError('cancelled', 'the request was cancelled');
    if (this.reason === 'deadline') return new ModelError('deadline', 'the LLM deadline passed');
    if (this.reason === 'timeout')
      return new ModelError('timeout', `no answer within ${this.timeoutMs} ms${streaming ? ' between chunks' : ''}`);
    const message = redact(thrown instanceof Error ? thrown.message : String(thrown), apiKey);
    const hasStatus = thrown instanceof APIError && thrown.status !== undefined;
    if (streaming && !hasStatus && !(thrown instanceof SyntaxError))
      return new ModelError('disconnected', `the model server closed the stream: ${message}`);
    if (thrown instanceof APIConnectionTimeoutError)
      return new ModelError('timeout', `no answer within ${this.timeoutMs} ms`);
    if (thrown instanceof APIConnectionError)
      return new ModelError('connection', `cannot reach the model server: ${message}`);
    if (thrown instanceof APIError && thrown.status !== undefined) {
      return new ModelError(
        'status',
        `the model server answered ${thrown.status}: ${message}`,
        thrown.status,
        retryAfterMs(thrown.headers),
      );
    }
    if (thrown instanceof SyntaxError || thrown instanceof APIError)
      return new ModelError('invalidResponse', `the model server sent an invalid response: ${message}`);
    return new ModelError('connection', `the model request failed: ${message}`);
  }

  private abort(reason: 'timeout' | 'deadline' | 'cancelled'): void {
    this.reason ??= reason;
    clearTimeout(this.timer);
    this.controller.abort();
  }
}

/** Retry-After in ms: `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Servers quote keys back in 401 messages ("Incorrect API key provided: sk-…"): none reaches a log or the user. */
export function redact(message: string, apiKey: string | undefined): string {
  const withoutKey = apiKey ? message.split(apiKey).join('***') : message;
  return withoutKey.replace(/\b(sk|key)-[A-Za-z0-9_*-]{4,}/g, '$1-***');
}
