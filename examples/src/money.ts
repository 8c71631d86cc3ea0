import type { Currency, Money } from './model';

export function money(amount: number, currency: Currency): Money {
  return { amount, currency };
}

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

export function times(m: Money, factor: number): Money {
  return money(m.amount * factor, m.currency);
}

export function format(m: Money): string {
  return `${m.amount.toFixed(2)} ${m.currency}`;
}
