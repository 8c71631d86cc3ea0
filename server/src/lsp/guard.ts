/**
 * Every handler runs behind these guards. A request yields one turn so that a `$/cancelRequest` can land, then the
 * core's refusals become LSP error responses and any other exception an InternalError; a notification's failure, or
 * that of work no request awaits, is logged and shown once (`Failures`). Invariant: no handler throws to the
 * connection.
 */
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { Budget, nextTurn } from '../budget.js';
import { ErrorReason, SpackleError } from '../errors.js';
import type { Logger } from '../log.js';

const CODE_OF = {
  unsupportedFile: ErrorCodes.InvalidParams,
  unknownFile: ErrorCodes.InvalidParams,
  invalidPosition: ErrorCodes.InvalidParams,
  invalidParams: ErrorCodes.InvalidParams,
  tooLarge: LSPErrorCodes.RequestFailed,
  cancelled: LSPErrorCodes.RequestCancelled,
} as const;

/**
 * Wraps a request handler: honours cancellation, turns the core's refusals into clear error responses and any
 * other exception into an InternalError, so that no bad input takes the server down.
 */
export function guarded<P, R>(logger: Logger, method: string, handler: (params: P, budget: Budget) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    // Lets a pending `$/cancelRequest` arrive before the (synchronous) work starts.
    await nextTurn();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} cancelled`);
    try {
      return await handler(
        params,
        Budget.cancellable(() => token.isCancellationRequested),
      );
    } catch (error) {
      // A feature that knows the right LSP error (e.g. "no fill") says so itself.
      if (error instanceof ResponseError) return error;
      if (error instanceof SpackleError) {
        if (error.reason !== 'cancelled') logger.log('debug', `${method}: ${error.message}`);
        return new ResponseError(CODE_OF[error.reason], error.message);
      }
      const message = error instanceof Error ? error.message : String(error);
      logger.log('error', `${method} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      return new ResponseError(ErrorCodes.InternalError, `Spackle could not answer ${method}: ${message}`);
    }
  };
}

/**
 * Wraps a notification handler (and any work started without a request): a notification has no answer to carry an
 * error, so a failure is reported (`failures`) and the server keeps serving, whether the handler throws or its
 * promise rejects.
 */
export function guardedNotification<P>(
  failures: Failures,
  method: string,
  handler: (params: P) => void | Promise<void>,
): (params: P) => void {
  return (params) => {
    try {
      void Promise.resolve(handler(params)).catch((error: unknown) => failures.report(method, error));
    } catch (error) {
      failures.report(method, error);
    }
  };
}

/**
 * Where failures without a request to answer go: each is logged with its stack; the first of each kind is also
 * shown to the user once (`window/showMessage`), since nothing else would tell them a feature stopped working.
 */
export class Failures {
  private readonly shown = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly show: (message: string) => void,
  ) {}

  report(what: string, error: unknown): void {
    if (error instanceof SpackleError) {
      if (error.reason !== 'cancelled') this.logger.log('debug', `${what}: ${error.message}`);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.log('error', `${what} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
    if (this.shown.has(what)) return;
    this.shown.add(what);
    const short = message.length > 200 ? `${message.slice(0, 199)}…` : message;
    this.show(`Spackle: ${what} failed (${short}); Spackle keeps serving, details are in its log.`);
  }
}

/**
 * `work`'s answer, or `fallback` when the core refuses for one of `reasons`. For requests editors send everywhere
 * (completion, hover), "nothing here" is an empty answer, not an error.
 */
export async function orIfRefused<T>(reasons: ErrorReason[], fallback: T, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SpackleError && reasons.includes(error.reason)) return fallback;
    throw error;
  }
}
