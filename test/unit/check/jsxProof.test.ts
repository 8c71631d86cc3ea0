/**
 * A JSX attribute is a fixed context where no attribute changes the props type it is checked against: a plain value
 * assignable there needs no speculative program (intrinsic elements, components with one non-generic signature); a
 * generic component's attribute is checked in place.
 */
import { describe, expect, test } from 'vitest';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', noEmit: true, target: 'ES2022' } });
const JSX = `declare global {
  namespace JSX {
    interface Element { readonly tag: string }
    interface IntrinsicElements { img: { src?: string; alt?: string } }
  }
}
`;
const page = (body: string) => useFixture({ 'tsconfig.json': TSCONFIG, 'main.tsx': `${JSX}${body}` });

describe('proofs at JSX attributes', () => {
  test('of an intrinsic element', () => {
    const result = fillIn(page('export function Logo(url: string) {\n  return <img src={_()} />;\n}\n'), {
      file: 'main.tsx',
    });
    expect(result.fills[0]).toMatchObject({ text: 'url', verified: true });
    expect(result.stats.proven).toBe(1);
  });

  test('of a component with one non-generic signature', () => {
    const body =
      'function Badge(props: { count: number }) {\n  return <img alt={String(props.count)} />;\n}\n' +
      'export function Cart(size: number) {\n  return <Badge count={_()} />;\n}\n';
    const result = fillIn(page(body), { file: 'main.tsx' });
    expect(result.fills[0]).toMatchObject({ text: 'size', verified: true });
    expect(result.stats.proven).toBe(1);
  });

  test('not of a generic component: its props are inferred from the attributes', () => {
    const body =
      'function Pick<T>(props: { value: T; options: T[] }) {\n  return <img alt={String(props.value)} />;\n}\n' +
      'export function Form(size: number) {\n  return <Pick value={_()} options={[1, 2]} />;\n}\n';
    expect(fillIn(page(body), { file: 'main.tsx' }).stats.proven).toBe(0);
  });
});
