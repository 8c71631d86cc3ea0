import { describe, expect, test } from 'vitest';
import { fillIn, fillsOf, rankedFills } from '../../helpers/fill.js';
import { useFixture } from '../../helpers/fixture.js';

describe('ranking', () => {
  test('prefers the nearest binding, then look-alike names of the target', () => {
    const nearest = rankedFills({
      'main.ts': 'const outer = 1;\nfunction f(inner: number) {\n  const n: number = _();\n}',
    });
    expect(nearest).toMatchInlineSnapshot(`
      [
        "inner: number (binding)",
        "outer: 1 (binding)",
      ]
    `);
    const main =
      'function f(width: number, height: number) {\n  const height2: number = 0;\n  const myHeight: number = _();\n}';
    expect(rankedFills({ 'main.ts': main })).toMatchInlineSnapshot(`
      [
        "height: number (binding)",
        "width: number (binding)",
        "height2: number (binding)",
      ]
    `);
  });

  test('learns from the project: the name the code uses most ranks first among equals', () => {
    const usage = Array.from({ length: 6 }, () => 'use(blue);').join('\n');
    const fills = rankedFills({
      'colors.ts': 'export const red = 1;\nexport const blue = 2;',
      'usage.ts': `import { blue } from './colors';\ndeclare function use(n: number): void;\n${usage}`,
      'main.ts': "import { blue, red } from './colors';\nconst c: number = _();",
    });
    expect(fills).toMatchInlineSnapshot(`
      [
        "blue: 2 (binding)",
        "red: 1 (binding)",
      ]
    `);
  });

  test('is updated when the project is edited', () => {
    const f = useFixture({
      'colors.ts': 'export const red = 1;\nexport const blue = 2;',
      'usage.ts': "import { blue } from './colors';\nexport const uses = [blue, blue, blue, blue];",
      'main.ts': "import { blue, red } from './colors';\nconst c: number = _();",
    });
    expect(fillIn(f).fills[0].text).toBe('blue');
    f.workspace.open(
      f.file('usage.ts'),
      "import { red } from './colors';\nexport const uses = [red, red, red, red, red, red, red, red];",
    );
    expect(fillIn(f).fills[0].text).toBe('red');
  });

  test('puts a typed prefix first at a cursor hole', () => {
    const prefixed = rankedFills({
      'main.ts': 'function f(alpha: number, beta: number) {\n  const n: number = be/*|*/;\n}',
    });
    expect(prefixed).toMatchInlineSnapshot(`
      [
        "beta: number (binding)",
        "alpha: number (binding)",
      ]
    `);
  });

  test('ranks fills with nested holes under complete ones, and is deterministic', () => {
    const files = {
      'main.ts': 'declare function make(a: string): number;\nfunction f(count: number) {\n  const n: number = _();\n}',
    };
    const first = fillsOf(files);
    expect(first.indexOf('count')).toBeLessThan(first.indexOf('make(_())'));
    expect(fillsOf(files)).toEqual(first);
  });
});
