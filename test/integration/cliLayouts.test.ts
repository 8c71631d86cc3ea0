/**
 * The CLI on the layouts users have, run from elsewhere than the project (as a script or CI would): `spackle repair`
 * reports for each file the errors tsc reports for it, and `spackle context` the real expected type.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holeOffset, Layout, LAYOUTS, makeLayout, tscErrors } from '../../bench/lib/layouts.js';
import { lineCol, spackle } from '../helpers/cliRun.js';

describe.each(LAYOUTS)('$name', (spec) => {
  let layout: Layout;
  let tsc: Map<string, string[]>;
  beforeAll(() => {
    layout = makeLayout(spec);
    tsc = tscErrors(layout);
  });
  afterAll(() => layout.dispose());

  test.each(spec.erroneous)("spackle repair %s, from the file system root, finds tsc's errors", async (file) => {
    const run = await spackle(['repair', layout.file(file), '--json'], '/');
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { fixed: { target: Target }[]; unfixed: { target: Target }[] };
    const text = layout.read(file);
    const found = [...result.fixed, ...result.unfixed].map(
      ({ target }) => `${lineCol(text, target.start)} TS${target.code}`,
    );
    expect(found.sort()).toEqual([...(tsc.get(file) ?? [])].sort());
    expect(run.code).toBe(result.unfixed.length ? 1 : 0);
  });

  // Each hole's type is tested in process (test/unit/workspace/layouts.test.ts); here a process per layout.
  test.each(spec.holes.slice(0, 1))(
    'spackle context at a hole for `$original` in $file, from its folder: the real type',
    async (hole) => {
      const file = layout.file(hole.file);
      const text = layout.read(hole.file);
      const offset = holeOffset(hole, text);
      writeFileSync(file, text.slice(0, offset) + '_()' + text.slice(offset + hole.original.length));
      try {
        const run = await spackle(['context', `${file}:${lineCol(text, offset)}`, '--json'], path.dirname(file));
        expect(JSON.parse(run.stdout).expectedType?.text).toBe(hole.expectedType);
      } finally {
        writeFileSync(file, text);
      }
    },
  );
});

interface Target {
  code: number;
  start: number;
}
