/**
 * How long work may run, and whether it is still wanted: one deadline and one cancellation, passed last to every long
 * operation of the core (as Volar and typescript-language-server pass their token). Work asks `expired()` between
 * steps, gives the event loop a `turn()` so that a cancellation can arrive, hands the compiler `token` and the HTTP
 * client `signal`, and gives a part of itself to a step with `share()` or `within()`. A budget's clock runs from its
 * making: whoever makes one after loading a project keeps the loading out of it. Cancellation is one error
 * (`cancellation()`, told apart by `isCancellation`).
 */
import ts from 'typescript';
import { SpackleError } from './errors.js';

/** How often `signal` looks for a cancellation: the network does not wait for the event loop. */
const CANCEL_POLL_MS = 20;
const never = () => false;

export class Budget {
  /** No deadline, never cancelled: tests and one-shot tools that wait for the answer. */
  static readonly unlimited = new Budget(
    () => Infinity,
    () => Infinity,
    never,
  );
  /** Already past its deadline: work that must not start (typing no value, checking nothing). */
  static readonly spent = new Budget(
    () => -Infinity,
    () => 0,
    never,
  );

  /** `ms` from now, cancelled once `isCancelled` says so. */
  static of(ms: number, isCancelled: () => boolean = never): Budget {
    const end = performance.now() + ms;
    return new Budget(
      () => end,
      () => ms,
      isCancelled,
    );
  }

  /** No deadline of its own (the callee sets one with `within`), cancelled once `isCancelled` says so. */
  static cancellable(isCancelled: () => boolean): Budget {
    return new Budget(
      () => Infinity,
      () => Infinity,
      isCancelled,
    );
  }

  /**
   * Work shared by those who asked for it (`askers`, read as it goes: later ones join): it ends at the earliest of
   * their deadlines, its allowance the shortest of theirs, and stops when `isCancelled` (no one waits any more).
   */
  static earliestOf(askers: readonly Budget[], isCancelled: () => boolean): Budget {
    const least = (of: (b: Budget) => number) => () => askers.reduce((min, b) => Math.min(min, of(b)), Infinity);
    return new Budget(
      least((b) => b.deadline),
      least((b) => b.ms),
      isCancelled,
    );
  }

  private cancellationToken?: ts.CancellationToken;
  private abortSignal?: AbortSignal;

  private constructor(
    /** When the work must stop, `performance.now()` based (read live: a shared budget tightens as askers join). */
    private readonly end: () => number,
    /** The allowance this budget was made with, in ms. */
    private readonly allowance: () => number,
    private readonly cancelled: () => boolean,
  ) {}

  get deadline(): number {
    return this.end();
  }

  /** The milliseconds this budget was given (Infinity without a deadline). */
  get ms(): number {
    return this.allowance();
  }

  /** Milliseconds left (0 once past the deadline). */
  get remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  isCancelled(): boolean {
    return this.cancelled();
  }

  /** Past the deadline, or cancelled: no new step should start. */
  expired(): boolean {
    return performance.now() > this.deadline || this.cancelled();
  }

  /** Throws the cancellation error when the work is no longer wanted (the deadline only ends it). */
  check(): void {
    if (this.cancelled()) throw cancellation();
  }

  /** A turn of the event loop (requests, a `$/cancelRequest` among them, are served meanwhile), then `check()`. */
  async turn(): Promise<void> {
    await nextTurn();
    this.check();
  }

  /** A budget for a part of the work: `fraction` of what is left now, the same cancellation. */
  share(fraction: number): Budget {
    const now = performance.now();
    const ms = Math.max(0, this.deadline - now) * fraction;
    return new Budget(
      () => Math.min(this.deadline, now + ms),
      () => ms,
      this.cancelled,
    );
  }

  /** At most `ms` from now, and never past this budget's deadline; the same cancellation. */
  within(ms: number): Budget {
    const end = performance.now() + ms;
    return new Budget(
      () => Math.min(this.deadline, end),
      () => Math.min(ms, this.ms),
      this.cancelled,
    );
  }

  /** At least `ms` from now, past this budget's deadline if need be (work too costly to throw away); the same
   * cancellation. */
  atLeast(ms: number): Budget {
    const end = performance.now() + ms;
    return new Budget(() => Math.max(this.deadline, end), this.allowance, this.cancelled);
  }

  /** `ms` from now (this budget's own allowance again unless given), whatever its deadline; the same cancellation. */
  restarted(ms = this.ms): Budget {
    return Budget.of(ms, this.cancelled);
  }

  /** The compiler's view: a check in progress stops (OperationCanceledException) once the budget has expired. */
  get token(): ts.CancellationToken {
    return (this.cancellationToken ??= {
      isCancellationRequested: () => this.expired(),
      throwIfCancellationRequested: () => {
        if (this.expired()) throw new ts.OperationCanceledException();
      },
    });
  }

  /**
   * The HTTP client's view: a signal aborted once the work is cancelled (looked for every CANCEL_POLL_MS). The deadline
   * does not abort it: a model's client times its own requests by `deadline`. The watch ends at the deadline, once
   * aborted, or once nothing holds the budget any more.
   */
  get signal(): AbortSignal {
    if (this.abortSignal) return this.abortSignal;
    const controller = new AbortController();
    const self = new WeakRef<Budget>(this);
    const { cancelled } = this;
    const poll = setInterval(() => {
      const budget = self.deref();
      if (cancelled()) controller.abort(cancellation());
      if (controller.signal.aborted || !budget || performance.now() > budget.deadline) clearInterval(poll);
    }, CANCEL_POLL_MS);
    poll.unref();
    return (this.abortSignal = controller.signal);
  }
}

/** Lets the event loop turn once: queued messages (a `$/cancelRequest`, a progress report) go through meanwhile. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** The one error that says work was cancelled. */
export function cancellation(): SpackleError {
  return new SpackleError('cancelled', 'request cancelled');
}

export function isCancellation(error: unknown): boolean {
  return error instanceof SpackleError && error.reason === 'cancelled';
}
