/**
 * When to try a model request again: after the server's Retry-After, else an exponential backoff with jitter, unless
 * the request's signal fires first.
 */
import { ModelError } from './modelData.js';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 4000;

/**
 * How long to wait before retry `attempt` (1-based): the server's Retry-After, else exponential backoff with jitter.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const backoff = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
  return backoff * (0.8 + Math.random() * 0.4);
}

/** Waits `ms`, unless `signal` fires first (then fails as cancelled). */
export function sleepWithin(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => {
      clearTimeout(timer);
      reject(new ModelError('cancelled', 'the request was cancelled'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancelled);
      resolve();
    }, ms);
    if (signal.aborted) cancelled();
    else signal.addEventListener('abort', cancelled, { once: true });
  });
}
