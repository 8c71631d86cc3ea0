import { describe, expect, test } from 'vitest';
import { Budget } from '../../../server/src/budget.js';
import { insertionErrors } from '../../../server/src/check/insertion.js';
import { sharedFixture } from '../../helpers/fixture.js';

const project = sharedFixture({
  'main.ts': `function count() {
  
}
export const total: number = count();

export function later(): string {
  
  const label = 'x';
  return label + missing;
}

export interface Api {
  (): number;
  get: () => number;
  put: () => number;
}
declare function one(): number;
declare function two(): number;
export const api: Api = (() => {
  const create = () => 1;
  create.get = one;
  
  return create;
})();
`,
});

function errorsAfter(marker: string, text: string, budget?: Budget) {
  const f = project();
  const file = f.file('main.ts');
  return insertionErrors(f.workspace.snapshot(file), f.offsetOf('main.ts', `${marker}/*|*/`), text, budget);
}

describe('the errors an insertion adds', () => {
  test('none for code that type-checks, though the document has errors of its own', () => {
    expect(errorsAfter('string {\n  ', "console.log('go');")).toEqual([]);
  });

  test('at a use further down, through the return type the body makes a function infer', () => {
    expect(errorsAfter('count() {\n  ', 'return 1;')).toEqual([]);
    expect(errorsAfter('count() {\n  ', "return 'one';")).toEqual([
      expect.objectContaining({ code: 2322, message: "Type 'string' is not assignable to type 'number'." }),
    ]);
  });

  test('a name declared twice, the second declaration after the insertion', () => {
    expect(errorsAfter('string {\n  ', "const label = 'y';")!.map((e) => e.code)).toContain(2451);
  });

  test("a member assigned to a function changes the function's type where it is used", () => {
    expect(errorsAfter('= one;\n  ', 'create.put = () => 3;')).toEqual([]);
    expect(errorsAfter('= one;\n  ', "create.get = () => 'three';")).not.toEqual([]);
    // The document's own error (`put` missing) reads otherwise once `get` is assigned twice: `get`'s type is a
    // union.
    expect(errorsAfter('= one;\n  ', 'create.get = two;')).toEqual([
      expect.objectContaining({ code: 2741, message: expect.stringContaining("Property 'put' is missing") }),
    ]);
  });

  test('unchecked when the deadline has passed', () => {
    expect(errorsAfter('string {\n  ', 'const x = 1;', Budget.spent)).toBeUndefined();
  });
});
