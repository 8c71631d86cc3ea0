/**
 * The layouts users have (test/helpers/layouts.ts) loaded as tsc loads them: for every file, the errors Spackle
 * finds equal those `tsc -b`/`tsc -p` reports; at every hole the expected type is the real one and the fills at
 * default settings hold the original expression.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holeContextAt } from '../../../server/src/holes/context.js';
import { fileErrors } from '../../../server/src/repair/fileErrors.js';
import { Workspace } from '../../../server/src/workspace/workspace.js';
import {
  holeOffset,
  Layout,
  LAYOUTS,
  makeLayout,
  MONOREPO,
  tscErrors,
  VITE_REACT_TS,
} from '../../../bench/lib/layouts.js';

/** The errors of every file, as `tscErrors` gives tsc's. */
function spackleErrors(workspace: Workspace, layout: Layout): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const file of layout.sources()) {
    const snapshot = workspace.snapshot(layout.file(file));
    const found = fileErrors(snapshot).map((e) => {
      const { line, character } = snapshot.sourceFile.getLineAndCharacterOfPosition(e.start);
      return `${line + 1}:${character + 1} TS${e.code}`;
    });
    if (found.length) errors.set(file, found);
  }
  return errors;
}

describe.each(LAYOUTS)('$name', (spec) => {
  let layout: Layout;
  let workspace: Workspace;
  beforeAll(() => {
    layout = makeLayout(spec);
    workspace = new Workspace([layout.dir]);
  });
  afterAll(() => {
    workspace.dispose();
    layout.dispose();
  });

  test("the errors of every file are tsc's", () => {
    const tsc = tscErrors(layout);
    for (const file of spec.erroneous) expect(tsc.get(file), `tsc finds the error of ${file}`).toBeDefined();
    expect(Object.fromEntries(spackleErrors(workspace, layout))).toEqual(Object.fromEntries(tsc));
  });

  test.each(spec.holes)('a hole at `$original` in $file: its real type', (hole) => {
    const file = layout.file(hole.file);
    const text = workspace.files.text(file)!;
    const offset = holeOffset(hole, text);
    workspace.change(file, text.slice(0, offset) + '_()' + text.slice(offset + hole.original.length));
    try {
      expect(holeContextAt(workspace, file, offset).expectedType?.text).toBe(hole.expectedType);
    } finally {
      workspace.change(file, text);
    }
  });
});

describe('a monorepo', () => {
  test('reads the source of a referenced package even once it is built, and sees its edits at once', () => {
    const layout = makeLayout(MONOREPO);
    const workspace = new Workspace([layout.dir]);
    try {
      // The build ends with the app's error; core is built all the same.
      const tsc = path.resolve('node_modules/typescript/bin/tsc');
      expect(() => execFileSync(process.execPath, [tsc, '-b'], { cwd: layout.dir, stdio: 'ignore' })).toThrow();
      expect(existsSync(layout.file('packages/core/dist/money.d.ts'))).toBe(true);
      const receipt = layout.file('packages/app/src/receipt.ts');
      const { program } = workspace.snapshot(receipt);
      const money = program
        .getSourceFiles()
        .map((f) => path.relative(layout.dir, f.fileName))
        .filter((f) => f.includes('money'));
      expect(money).toEqual(['packages/core/src/money.ts']);

      const moneyFile = layout.file('packages/core/src/money.ts');
      workspace.open(
        moneyFile,
        workspace.files.text(moneyFile)!.replace('export function formatMoney', 'export function printMoney'),
      );
      const errors = fileErrors(workspace.snapshot(receipt)).map((e) => e.message);
      expect(errors).toEqual([`Module '"@acme/core"' has no exported member 'formatMoney'.`]);
    } finally {
      workspace.dispose();
      layout.dispose();
    }
  });
});

describe('a file no config takes', () => {
  test('goes to an inferred project, and the user is told once which config was nearest and why', () => {
    const layout = makeLayout(VITE_REACT_TS);
    const told: string[] = [];
    const workspace = new Workspace([layout.dir], undefined, {
      inferredProject: (file, nearest, why) =>
        told.push(`${path.relative(layout.dir, file)}: ${path.relative(layout.dir, nearest ?? '')}: ${why}`),
    });
    try {
      workspace.open(layout.file('scripts/seed.ts'), 'export const seeded = true;\n');
      workspace.open(layout.file('scripts/clean.ts'), 'export const cleaned = true;\n');
      expect(workspace.projectFor(layout.file('scripts/seed.ts')).configPath).toBeUndefined();
      expect(workspace.projectFor(layout.file('src/App.tsx')).configPath).toBe(layout.file('tsconfig.app.json'));
      expect(workspace.projectChoice(layout.file('src/App.tsx'))).toEqual({
        config: layout.file('tsconfig.app.json'),
        chain: [layout.file('tsconfig.json'), layout.file('tsconfig.app.json')],
      });
      expect(told).toEqual([
        'scripts/seed.ts: tsconfig.json: it is a solution: its "files" are empty, and none of its references ' +
          '(tsconfig.app.json, tsconfig.node.json) takes it: its "include" ("src") does not match it; ' +
          'its "include" ("vite.config.ts") does not match it',
      ]);
    } finally {
      workspace.dispose();
      layout.dispose();
    }
  });
});
