import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { CompletionSite, completionSite } from '../../../server/src/complete/completionSite.js';
import { completionEnd, completionText, linesSoFar, prepared } from '../../../server/src/complete/trim.js';
import { CURSOR } from '../../helpers/fixture.js';

/** The completion site at the cursor marker of `code`, and the document with the completion of `output` inserted. */
function at(code: string): { site: CompletionSite | undefined; complete(output: string, multiline?: boolean): string } {
  const offset = code.indexOf(CURSOR);
  const text = code.slice(0, offset) + code.slice(offset + CURSOR.length);
  const site = completionSite(ts.createSourceFile('main.ts', text, ts.ScriptTarget.Latest, true), offset);
  return {
    site,
    complete: (output, multiline = true) =>
      text.slice(0, offset) + completionText(output, site!, multiline) + text.slice(offset),
  };
}

describe('the shape of a completion, from the position', () => {
  test('mid-line: the rest of the line', () => {
    expect(at(`function f(xs: number[]) {\n  const total = xs./*|*/\n}\n`).site).toMatchObject({
      shape: 'line',
      indent: '  ',
      leadDepth: 0,
    });
    expect(at(`function f(xs: number[]) {\n  return Math.max(xs.length, /*|*/);\n}\n`).site).toMatchObject({
      shape: 'line',
      leadDepth: 1,
      lineAfter: ');',
    });
  });

  test('an empty line among statements: statements at its indentation; among class members: members', () => {
    expect(at(`function f() {\n  const a = 1;\n  /*|*/\n  return a;\n}\n`).site).toMatchObject({
      shape: 'statement',
      indent: '  ',
      nextLine: 'return a;',
      inClassBody: false,
    });
    expect(at(`class A {\n  x = 1;\n\n/*|*/\n}\n`).site).toMatchObject({
      shape: 'statement',
      indent: '  ',
      inClassBody: true,
    });
  });

  test('after the `{` of an empty function, arrow, method or control statement: its body', () => {
    for (const code of [
      `function f(): number {\n  /*|*/\n}\n`,
      `const f = (a: number) => {\n  /*|*/\n};\n`,
      `class A {\n  m(): void {\n    /*|*/\n  }\n}\n`,
      `function f(a: number) {\n  if (a > 1) {\n    /*|*/\n  }\n}\n`,
    ])
      expect(at(code).site, code).toMatchObject({ shape: 'body', afterBrace: false, unclosed: false });
    expect(at(`function f() {/*|*/}\n`).site).toMatchObject({
      shape: 'body',
      afterBrace: true,
      indent: '  ',
      closeIndent: '',
    });
    expect(at(`function f() {/*|*/\n`).site).toMatchObject({ shape: 'body', afterBrace: true, unclosed: true });
  });

  test("an object literal's `{` opens no body: the rest of the line", () => {
    expect(at(`const o = {/*|*/};\n`).site).toMatchObject({ shape: 'line', leadDepth: 1 });
  });
});

describe('where a completion ends, and what it puts at the cursor', () => {
  test('the rest of a line ends with the line; the brackets the rest of the line closes are not closed twice', () => {
    const { complete } = at(`function f(xs: number[]) {\n  return Math.max(xs.length, /*|*/);\n}\n`);
    expect(complete('1);\n  // more')).toContain('return Math.max(xs.length, 1);\n');
    expect(complete('1\n}\nfunction g() {}')).toContain('return Math.max(xs.length, 1);\n}');
  });

  test('a line whose brackets stay open goes on until they close', () => {
    const { complete } = at(`function f(xs: number[]) {\n  const ys = xs.map(/*|*/\n}\n`);
    expect(complete('(x) => {\n    return x * 2;\n  });\n  return ys;')).toBe(
      `function f(xs: number[]) {\n  const ys = xs.map((x) => {\n    return x * 2;\n  });\n}\n`,
    );
    expect(complete('(x) => {\n    return x * 2;\n  });', false)).toBe(
      `function f(xs: number[]) {\n  const ys = xs.map((x) => {\n}\n`,
    );
  });

  test('a body ends with its block and at a line indented less', () => {
    const { complete } = at(`function f(a: number): number {\n  /*|*/\n}\n`);
    expect(complete('const b = a + 1;\n\n  return b;\n}\n\nfunction g() {}')).toBe(
      `function f(a: number): number {\n  const b = a + 1;\n\n  return b;\n}\n`,
    );
    expect(complete('  return a;\nconst leaked = 1;')).toBe(`function f(a: number): number {\n  return a;\n}\n`);
  });

  test('a body written on the `{` line goes on lines of its own; an unclosed block is closed', () => {
    expect(at(`function f() {/*|*/}\n`).complete('\n  return 1;\n')).toBe(`function f() {\n  return 1;\n}\n`);
    expect(at(`function f() {/*|*/\n`).complete('\n  return 1;\n}\nconst x = 1;')).toBe(
      `function f() {\n  return 1;\n}\n`,
    );
  });

  test('statements end at a blank line, and before code that repeats the code after the cursor', () => {
    const { complete } = at(`function f(a: number) {\n  /*|*/\n  return a;\n}\n`);
    expect(complete('console.log(a);\n\n  console.log(a + 1);')).toBe(
      `function f(a: number) {\n  console.log(a);\n  return a;\n}\n`,
    );
    expect(complete('a++;\n  return a;')).toBe(`function f(a: number) {\n  a++;\n  return a;\n}\n`);
  });

  test('the indentation the cursor lacks is given; fences and a restated line are dropped', () => {
    expect(at(`function f() {\n  const a = 1;\n/*|*/\n}\n`).complete('console.log(a);')).toBe(
      `function f() {\n  const a = 1;\n  console.log(a);\n}\n`,
    );
    expect(at(`function f(xs: number[]) {\n  return xs./*|*/\n}\n`).complete('```ts\nreturn xs.length;\n```')).toBe(
      `function f(xs: number[]) {\n  return xs.length;\n}\n`,
    );
  });

  test('statements cut off with brackets open are cut back to the last balanced line', () => {
    const { site } = at(`function f(a: number) {\n  /*|*/\n}\n`);
    const text = prepared('const b = a;\n  if (b) {\n    console.log(b', site!);
    expect(text.slice(0, completionEnd(text, site!, true, true))).toBe('const b = a;');
    expect(completionEnd(text, site!, true, false)).toBeUndefined();
  });

  test('the lines written so far are checked ahead whole: the brackets they leave open closed', () => {
    const { site } = at(`function f(a: number) {\n  /*|*/\n}\n`);
    expect(linesSoFar('const b = a;\n  if (b) {\n    g([b,\n      1', site!, true)).toBe(
      'const b = a;\n  if (b) {\n    g([b,\n])}',
    );
    expect(linesSoFar('const b = a;\n  return b;\n}\nexport const c', site!, true)).toBe('const b = a;\n  return b;');
    expect(linesSoFar('const b = a', site!, true)).toBeUndefined();
    // An object literal cut short lacks keys: an error, and one TypeScript may take long to explain.
    expect(linesSoFar('const b = g({\n    a: 1,\n    b', site!, true)).toBeUndefined();
    expect(linesSoFar('const b = g(() => {\n    a(1);\n    b', site!, true)).toBe('const b = g(() => {\n    a(1);\n})');
  });

  test('a document with CRLF line ends gets CRLF', () => {
    expect(at(`function f() {\r\n  /*|*/\r\n}\r\n`).complete('const a = 1;\n  return a;')).toBe(
      `function f() {\r\n  const a = 1;\r\n  return a;\r\n}\r\n`,
    );
  });
});
