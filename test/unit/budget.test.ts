/** The one budget of long work (budget.ts): its deadline, its cancellation, and the views handed to a step. */
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { Budget, cancellation, isCancellation, nextTurn } from '../../server/src/budget.js';
import { SpackleError } from '../../server/src/errors.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a budget', () => {
  test('expires at its deadline; only a cancellation makes check() throw', async () => {
    expect(Budget.of(100_000).expired()).toBe(false);
    const budget = Budget.of(5);
    expect(budget.ms).toBe(5);
    await wait(20);
    expect(budget.expired()).toBe(true);
    expect(budget.remainingMs).toBe(0);
    expect(() => budget.check()).not.toThrow();
  });

  test('a cancelled one has expired, and check() and turn() throw the one cancellation error', async () => {
    let cancelled = false;
    const budget = Budget.cancellable(() => cancelled);
    expect(budget.deadline).toBe(Infinity);
    await expect(budget.turn()).resolves.toBeUndefined();
    cancelled = true;
    expect(budget.expired()).toBe(true);
    expect(() => budget.check()).toThrowError(expect.objectContaining({ name: 'SpackleError', reason: 'cancelled' }));
    const turned = await budget.turn().catch((error: unknown) => error);
    expect(isCancellation(turned)).toBe(true);
    expect(isCancellation(new SpackleError('tooLarge', 'x'))).toBe(false);
    expect(isCancellation(cancellation())).toBe(true);
  });

  test('unlimited never expires; spent has always', () => {
    expect(Budget.unlimited.expired()).toBe(false);
    expect(Budget.unlimited.remainingMs).toBe(Infinity);
    expect(Budget.spent.expired()).toBe(true);
  });

  test('share and within never reach past the budget they come from, and keep its cancellation', () => {
    let cancelled = false;
    const budget = Budget.of(100_000, () => cancelled);
    const part = budget.share(0.4);
    expect(part.deadline).toBeLessThanOrEqual(budget.deadline);
    expect(part.remainingMs).toBeGreaterThan(30_000);
    expect(part.remainingMs).toBeLessThanOrEqual(40_000);
    expect(budget.within(500_000).deadline).toBe(budget.deadline);
    expect(budget.within(10).deadline).toBeLessThan(budget.deadline);
    expect(budget.within(10).ms).toBe(10);
    cancelled = true;
    expect(part.isCancelled()).toBe(true);
    expect(budget.within(10).isCancelled()).toBe(true);
  });

  test('atLeast reaches past the deadline; restarted starts the allowance again, the same cancellation', async () => {
    let cancelled = false;
    const budget = Budget.of(0, () => cancelled);
    await wait(5);
    expect(budget.expired()).toBe(true);
    expect(budget.atLeast(100_000).expired()).toBe(false);
    const again = Budget.of(100_000).restarted();
    expect(again.ms).toBe(100_000);
    expect(again.remainingMs).toBeGreaterThan(90_000);
    const restarted = budget.restarted(100_000);
    expect(restarted.expired()).toBe(false);
    cancelled = true;
    expect(restarted.isCancelled()).toBe(true);
  });

  test('work shared by askers ends at the earliest of their deadlines, read as askers join', () => {
    const askers = [Budget.of(10_000)];
    const shared = Budget.earliestOf(askers, () => false);
    expect(shared.ms).toBe(10_000);
    askers.push(Budget.of(20));
    expect(shared.deadline).toBe(askers[1].deadline);
    expect(shared.ms).toBe(20);
  });

  test('is the compiler cancellation token: it stops a check in progress once expired', () => {
    let cancelled = false;
    const { token } = Budget.cancellable(() => cancelled);
    expect(token.isCancellationRequested()).toBe(false);
    expect(() => token.throwIfCancellationRequested()).not.toThrow();
    cancelled = true;
    expect(token.isCancellationRequested()).toBe(true);
    expect(() => token.throwIfCancellationRequested()).toThrow(ts.OperationCanceledException);
    expect(Budget.spent.token.isCancellationRequested()).toBe(true);
  });

  test('gives an AbortSignal that aborts on cancellation, not at the deadline', async () => {
    let cancelled = false;
    const budget = Budget.of(10_000, () => cancelled);
    const { signal } = budget;
    expect(budget.signal).toBe(signal);
    await wait(50);
    expect(signal.aborted).toBe(false);
    cancelled = true;
    for (let waited = 0; !signal.aborted && waited < 5000; waited += 10) await wait(10);
    expect(signal.aborted).toBe(true);
    expect(isCancellation(signal.reason)).toBe(true);
    const short = Budget.of(10);
    await wait(60);
    expect(short.signal.aborted).toBe(false);
  });

  test('nextTurn lets queued work run first', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('queued'));
    await nextTurn();
    order.push('after');
    expect(order).toEqual(['queued', 'after']);
  });
});
