import { Budget } from '../../../server/src/budget.js';
import { describe, expect, test } from 'vitest';
import { editDistance } from '../../../server/src/ts/spelling.js';
import { closeness } from '../../../server/src/repair/closeness.js';
import { narrowed } from '../../../server/src/repair/describe.js';
import { errorsAround, fileErrors } from '../../../server/src/repair/fileErrors.js';
import { repairFile } from '../../../server/src/repair/file.js';
import type { CandidateSource, RepairRequest } from '../../../server/src/repair/repairData.js';
import { proveChanges } from '../../../server/src/repair/verify.js';
import { applyChanges } from '../../../server/src/workspace/textChanges.js';
import { useFixture } from '../../helpers/fixture.js';
import { errorsWith, repairsAtCursor } from '../../helpers/repairs.js';

describe('closeness to the erroneous text', () => {
  test('a swap of neighbours is one edit', () => {
    expect(editDistance('naem', 'name')).toBe(1);
    expect(editDistance('cout', 'count')).toBe(1);
  });

  test('shared words count as much as spelling', () => {
    expect(closeness('userName', 'name')).toBeGreaterThan(closeness('userName', 'user1'));
  });
});

describe('the changes of a repair', () => {
  test('are cut down to what differs, in whole words', () => {
    expect(narrowed(10, 'user.naem', 'user.name')).toEqual({ start: 15, end: 19, text: 'name' });
    expect(narrowed(0, 'greet(u)', 'greet(u, n)')).toEqual({ start: 7, end: 7, text: ', n' });
    expect(narrowed(0, 'f(a, b, c)', 'f(a, c)')).toEqual({ start: 5, end: 8, text: '' });
  });
});

describe('errors around a range', () => {
  test('are those of the statements there only', () => {
    const f = useFixture({
      'main.ts':
        'export function f(n: number) {\n  const a: string = n;\n  const /*|*/b: string = n;\n  return [a, b];\n}\n',
    });
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const at = f.cursor('main.ts');
    expect(errorsAround(snapshot, at, at).map((e) => e.start)).toEqual([f.offsetOf('main.ts', 'b: string')]);
    expect(fileErrors(snapshot)).toHaveLength(2);
  });
});

describe('proving changes on the whole file', () => {
  const files = {
    'main.ts': 'export function f(n: number) {\n  const x = n;\n  return x;\n}\nexport const y: number = f(1);\n',
  };

  test('accepts changes that remove the target and add nothing', () => {
    const f = useFixture({ 'main.ts': 'export const a: number = "1";\nexport const b = a + 1;\n' });
    const base = f.workspace.snapshot(f.file('main.ts'));
    const [target] = fileErrors(base);
    const start = f.offsetOf('main.ts', '"1"');
    expect(proveChanges(base, [{ start, end: start + 3, text: '1' }], [target], 'file')).toMatchObject({
      ok: true,
      kept: [],
    });
  });

  test('sees an error a change causes away from it (an inferred type used elsewhere)', () => {
    const f = useFixture(files);
    const base = f.workspace.snapshot(f.file('main.ts'));
    const start = f.offsetOf('main.ts', 'x = /*|*/n');
    const proof = proveChanges(base, [{ start, end: start + 1, text: 'String(n)' }], [], 'file');
    expect(proof.ok).toBe(false);
    expect(proof.errors).toEqual(["TS2322: Type 'string' is not assignable to type 'number'."]);
  });

  test('says when the target is still there', () => {
    const f = useFixture({ 'main.ts': 'export const a: number = "1";\n' });
    const base = f.workspace.snapshot(f.file('main.ts'));
    const [target] = fileErrors(base);
    const start = f.offsetOf('main.ts', '"1"');
    const proof = proveChanges(base, [{ start, end: start + 3, text: '"2"' }], [target], 'file');
    expect(proof.kept).toEqual([target]);
    expect(proof.ok).toBe(false);
  });
});

describe("an extra candidate source (the LLM engine's hook)", () => {
  test('is asked again with what it proposed and the errors, until a text holds', async () => {
    const f = useFixture({
      'main.ts': 'export function f(size: number, label: string): number {\n  return /*|*/lable.length + size;\n}\n',
    });
    const requests: RepairRequest[] = [];
    const source: CandidateSource = {
      name: 'scripted',
      rounds: 3,
      candidates: async (request) => {
        requests.push(structuredClone(request));
        return request.round === 0 ? ['size'] : ['label', 'String(size)'];
      },
    };
    // The embedded engine finds `label` too, and enough repairs: the source is asked all the same.
    const { repairs } = await repairsAtCursor(f, 'main.ts', { sources: [source], limit: 3 });
    expect(requests.map((r) => r.round)).toEqual([0, 1]);
    expect(requests[0]).toMatchObject({ family: 'name', hole: { text: 'lable' }, rejected: [] });
    expect(requests[1].rejected).toEqual([
      { text: 'size', errors: ["TS2339: Property 'length' does not exist on type 'number'."] },
    ]);
    // The source's repairs lead, closest first; what the embedded engine found too is not offered twice.
    expect(repairs.map((r) => [r.text, r.source])).toEqual([
      ['label', 'scripted'],
      ['String(size)', 'scripted'],
    ]);
    expect(repairs[0].rationale).toBe('proposed by scripted, verified after 1 error round');
  });

  test('a text that rewrites a whole access is described as a replacement of it', async () => {
    const f = useFixture({
      'main.ts': `interface User { name: string }
function nameOf(user: User): string { return user.name; }
export function f(user: User): string {
  return user./*|*/nmae;
}
`,
    });
    const source: CandidateSource = {
      name: 'scripted',
      rounds: 1,
      candidates: async () => ['nameOf(user)', 'user.name'],
    };
    const { repairs } = await repairsAtCursor(f, 'main.ts', { sources: [source] });
    expect(repairs.map((r) => r.description)).toEqual([
      'change `nmae` to `name`',
      'replace `user.nmae` with `nameOf(user)`',
    ]);
  });

  test('is proven where its text reaches, as the embedded repairs are', async () => {
    // `'all'` removes the error at the declaration but makes the comparison below one: it is not offered.
    const f = useFixture({
      'main.ts': `export function f(): number {
  let /*|*/mode: 'none' | 'all' | 'some' = 'nne';
  if (mode === 'none') return 0;
  return 1;
}
`,
    });
    const source: CandidateSource = { name: 'scripted', rounds: 1, candidates: async () => ["'all'"] };
    const { repairs } = await repairsAtCursor(f, 'main.ts', { sources: [source] });
    expect(repairs.map((r) => [r.text, r.source])).toEqual([["'none'", 'embedded']]);
  });
});

describe('repairing a whole file', () => {
  test('applies the best repair of each error, proven together, and says why the others have none', async () => {
    const f = useFixture({
      'main.ts': `interface User { name: string; age: number }
export function f(user: User, count: number): number {
  const n: string = user.nmae;
  return cout + n.length + zzyzx;
}
`,
    });
    const result = await repairFile(f.workspace, f.file('main.ts'), {}, Budget.of(10_000));
    expect(result.fixed.map((r) => r.description)).toEqual(['change `nmae` to `name`', 'change `cout` to `count`']);
    expect(result.unfixed.map((u) => [u.target.code, u.reason])).toEqual([[2304, 'no candidate']]);
    expect(errorsWith(f, result.changes)).toEqual(["TS2304 Cannot find name 'zzyzx'."]);
    expect(applyChanges(f.text('main.ts'), result.changes)).toContain('user.name;\n  return count + n.length');
  });

  test('imports a name once for all its uses', async () => {
    const f = useFixture({
      'limits.ts': 'export const LIMIT = 3;\n',
      'main.ts': 'export const a = LIMIT + 1;\nexport const b = LIMIT * 2;\n',
    });
    const result = await repairFile(f.workspace, f.file('main.ts'), {}, Budget.of(10_000));
    expect(result.fixed).toHaveLength(2);
    expect(result.changes).toEqual([{ start: 0, end: 0, text: "import { LIMIT } from './limits';\n" }]);
  });
});

describe('what the types decide without a speculative program', () => {
  const SCHEDULER = `export interface Scheduler {
  flush(): void;
  flash(): void;
  fail(): never;
  fetch(id: number): void;
  frozen: boolean;
  forget(): void;
}
`;

  test('members called as written, whose result nobody uses, hold by types; the others fail by them', async () => {
    const f = useFixture({
      'main.ts': `${SCHEDULER}export function run(s: Scheduler): void {\n  s./*|*/flsuh();\n}\n`,
    });
    const { repairs, stats } = await repairsAtCursor(f);
    expect(repairs.map((r) => r.text)).toEqual(['s.flush', 's.flash', 's.fail']);
    // `fetch` takes an argument and `frozen` is no function: refuted; `fail` never returns: a program decides it.
    expect(stats).toMatchObject({ checked: 1, byType: 5 });
    for (const r of repairs) expect(errorsWith(f, r.changes)).toEqual([]);
  });

  test('a member whose value meets a type the context fixes holds when the types are the same', async () => {
    const f = useFixture({
      'main.ts': `interface Box { count: number; label: string; total: number }
export function n(b: Box): number {
  const c: number = b./*|*/cuont;
  return c;
}
`,
    });
    const { repairs, stats } = await repairsAtCursor(f);
    expect(repairs.map((r) => r.text)).toEqual(['b.count', 'b.total']);
    expect(stats.checked).toBe(1);
    expect(stats.byType).toBe(2);
  });

  test('private members fail outside their class, and are checked inside it', async () => {
    const source = `export class Vault {
  private secret(): void {}
  open(): void { this./*|*/secrte(); }
}
export function peek(v: Vault): void {
  v.secrte();
}
`;
    const inside = await repairsAtCursor(useFixture({ 'main.ts': source }));
    expect(inside.repairs.map((r) => r.text)).toContain('this.secret');
    const outside = await repairsAtCursor(
      useFixture({ 'main.ts': source.replace('this./*|*/secrte', 'this.secrte').replace('v.secrte', 'v./*|*/secrte') }),
    );
    expect(outside.repairs.map((r) => r.text)).not.toContain('v.secret');
    expect(outside.stats.checked).toBe(0);
  });
});

describe('repairs asked again', () => {
  const main =
    'interface User { name: string }\nexport function f(user: User): string {\n  return user./*|*/nmae;\n}\n';

  test('on the same program are those found before; after an edit, or with a model asked, are found anew', async () => {
    const f = useFixture({ 'main.ts': main });
    const first = await repairsAtCursor(f);
    expect(first.repairs.map((r) => r.text)).toContain('user.name');
    expect(await repairsAtCursor(f)).toBe(first);
    expect(
      await repairsAtCursor(f, 'main.ts', {
        sources: [{ name: 'model', rounds: 1, candidates: async () => ['user.name'] }],
      }),
    ).not.toBe(first);
    f.workspace.change(f.file('main.ts'), `${f.text('main.ts')}\n// edited`);
    const again = await repairsAtCursor(f);
    expect(again).not.toBe(first);
    expect(again.repairs).toEqual(first.repairs);
  });

  test('an answer the deadline cut short: only to askers with less time than it had', async () => {
    const f = useFixture({ 'main.ts': main });
    const cut = await repairsAtCursor(f, 'main.ts', {}, Budget.of(0));
    expect(cut.stats.timedOut).toBe(true);
    const again = await repairsAtCursor(f, 'main.ts', {}, Budget.of(0));
    expect(again).not.toBe(cut);
    expect(again.stats.timedOut).toBe(true);
    // Work ahead with a long deadline, cut short, is reused by a request with a short one; here 0 ms and less.
    expect(await repairsAtCursor(f, 'main.ts', {}, Budget.of(-1))).toBe(again);
  });
});
