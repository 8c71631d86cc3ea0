/**
 * The core's one error type: why a request was refused, as a reason the LSP layer maps to an error response (and the
 * CLI to a message). Invariant: the core throws nothing else on bad input.
 */

/** Why the core refused a request; the LSP layer maps each reason to an error response. */
export type ErrorReason =
  'unsupportedFile' | 'unknownFile' | 'invalidPosition' | 'invalidParams' | 'tooLarge' | 'cancelled';

export class SpackleError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SpackleError';
  }
}
