export type Currency = 'EUR' | 'USD' | 'GBP';

export interface Money {
  amount: number;
  currency: Currency;
}

export interface Product {
  sku: string;
  name: string;
  price: Money;
}

export interface LineItem {
  product: Product;
  quantity: number;
}

export interface Order {
  id: string;
  customer: Customer;
  items: LineItem[];
  status: OrderStatus;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
}

export enum OrderStatus {
  Open = 'open',
  Paid = 'paid',
  Shipped = 'shipped',
}
