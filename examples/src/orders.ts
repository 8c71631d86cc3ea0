import { add, money, times } from './money';
import { LineItem, Money, Order, OrderStatus, Product } from './model';

// Each `_()` is a typed hole: Spackle tells what it needs and (with an engine) fills it.

export function lineTotal(item: LineItem): Money {
  return times(item.product.price, _());
}

export function orderTotal(order: Order): Money {
  return order.items.map(lineTotal).reduce(add, _());
}

export function addItem(order: Order, product: Product, quantity: number): Order {
  const item: LineItem = { product, quantity: _() };
  return { ...order, items: [...order.items, item] };
}

export function markPaid(order: Order): Order {
  return { ...order, status: _() };
}

export async function fetchOrder(id: string, load: (id: string) => Promise<Order>): Promise<Order> {
  const order: Order = await _();
  return order;
}
