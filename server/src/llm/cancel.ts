/**
 * A request's cancellation as an AbortSignal for the model's HTTP stream, which does not wait for the event loop's
 * turns.
 */

/** How often a model's answer in progress looks for a cancelled request: the network does not wait for the event loop. */
const CANCEL_POLL_MS = 20;

/** An AbortSignal that fires once `isCancelled` says so (a `$/cancelRequest` arrived); `stop` ends the watch. */
export function cancellationSignal(isCancelled: () => boolean): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const poll = setInterval(() => { if (isCancelled()) controller.abort(); }, CANCEL_POLL_MS);
  return { signal: controller.signal, stop: () => clearInterval(poll) };
}
