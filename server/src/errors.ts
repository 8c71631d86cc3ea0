/** Why the core refused a request; the LSP layer maps each reason to an error response. */
export type ErrorReason = 'unsupportedFile' | 'unknownFile' | 'invalidPosition' | 'invalidParams' | 'tooLarge' | 'cancelled';

export class SpackleError extends Error {
  constructor(readonly reason: ErrorReason, message: string) {
    super(message);
    this.name = 'SpackleError';
  }
}
