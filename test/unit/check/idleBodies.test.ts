import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { idleBodies } from '../../../server/src/check/idleBodies.js';
import { nodeAt } from '../../../server/src/ts/ast.js';
import { useFixture } from '../../helpers/fixture.js';
import { fillIn } from '../../helpers/fill.js';

/** The functions (by name) whose bodies a side-by-side program leaves blank, checking the statements at `checked`. */
function check(file: string, text: string, expected: string[], checked: string[] = []) {
  const f = useFixture({ [file]: text });
  const snapshot = f.workspace.snapshot(f.file(file));
  const nodes = checked.map((marker) =>
    ts.findAncestor(nodeAt(snapshot.sourceFile, f.offsetOf(file, marker)), ts.isStatement)!,
  );
  const blanked = idleBodies(snapshot, nodes).map(({ start }) => {
    const fn = ts.findAncestor(nodeAt(snapshot.sourceFile, start - 1), ts.isFunctionLike)!;
    const named = ts.isVariableDeclaration(fn.parent) ? fn.parent : fn;
    return (named as { name?: ts.Node }).name?.getText();
  });
  expect(blanked).toEqual(expected);
  for (const blank of idleBodies(snapshot, nodes)) expect(blank.text.trim()).toBe('');
}

describe('idle bodies', () => {
  const functions = `declare function fail(message: string): never;
declare function log(message: string): void;
let count = 0;
const handler = () => {
  log('clicked');
};
const total = () => {
  log('total');
  return count;
};
const thrower = () => {
  throw new Error('no');
};
const failing = () => {
  fail('no');
};
const counting = () => {
  count++;
};
const local = () => {
  let seen = 0;
  seen += 1;
  log(String(seen));
};
function* numbers() {
  log('start');
}
class Box {
  constructor() {
    log('made');
  }
  open(): void {
    log('open');
  }
}
const ignored = () => {
  // @ts-ignore
  log(1);
};
async function later() {
  await Promise.resolve();
}
[1, 2].forEach((n) => {
  log(String(n));
});
`;

  test('blanks a body that returns no value and reaches its end, assigns nothing outside, takes no context', () => {
    check('main.ts', functions, ['handler', 'local', 'open', 'later']);
  });

  test('blanks nothing that overlaps what is checked, nor anything in JavaScript', () => {
    check('main.ts', functions, ['local', 'open', 'later'], ["log('clicked')"]);
    check('main.ts', functions, ['handler', 'open', 'later'], ['const local']);
    check('main.js', 'const handler = () => {\n  console.log(1);\n};\n', []);
  });

  test('a callback in the region, typed by the candidate, is checked, not blanked', () => {
    const f = useFixture({
      'main.ts': `declare function on<T>(value: T, listener: (value: T) => void): void;
function f(size: number, label: string) {
  on(_(), (value) => {
    [value].map((each) => each.toFixed());
  });
}`,
    });
    const texts = fillIn(f).fills.map((c) => c.text);
    expect(texts).toContain('size');
    expect(texts).not.toContain('label');
  });
});
