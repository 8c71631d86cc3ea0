/**
 * What the core asks of a model and gets back, in plain data: no HTTP, no client objects.
 */

/** What the core asks of a model, in plain data: one OpenAI-compatible request. */
export interface ModelRequest {
  /** Chat messages (the `chat` API) or a prompt (the legacy `completions` API, FIM templates included). */
  input: { messages: ChatMessage[] } | { prompt: string };
  maxTokens: number;
  stop?: string[];
  /** Top alternatives wanted per token (log-probabilities), when the server gives them. */
  topLogprobs?: number;
  /** OpenAI `logit_bias`: token id → bias. */
  logitBias?: Record<number, number>;
  /** llama.cpp: a GBNF grammar the output must match. */
  grammar?: string;
  /** vLLM: the output is one of these. */
  guidedChoice?: string[];
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A streamed piece of output: one token (or chunk) and, with logprobs, the alternatives the model weighed there. */
export interface Piece {
  text: string;
  /** Best first, the sampled token among them. */
  alternatives?: Array<{ text: string; logprob: number }>;
}

export type ModelFailure =
  'timeout' | 'deadline' | 'cancelled' | 'status' | 'connection' | 'disconnected' | 'invalidResponse';

/** Why a model call failed, in words for the user (never with the API key). */
export class ModelError extends Error {
  constructor(
    readonly failure: ModelFailure,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }

  get retryable(): boolean {
    if (this.failure === 'status')
      return this.status === 408 || this.status === 409 || this.status === 429 || (this.status ?? 0) >= 500;
    return (
      this.failure === 'connection' ||
      this.failure === 'disconnected' ||
      this.failure === 'timeout' ||
      this.failure === 'invalidResponse'
    );
  }
}
