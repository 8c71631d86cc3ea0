/**
 * The transports reach the core only through its front door (server/src/analysis.ts): every import of `lsp/` and
 * `cli/` that leaves its own folder goes to the front door, the shared plain modules (budget, config, errors, log,
 * version) or `protocol/`. The lead's lint rule will say the same; this test fails until then too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'server/src');
const SHARED = ['analysis.ts', 'budget.ts', 'config.ts', 'errors.ts', 'log.ts', 'version.ts'].map((f) =>
  path.join(SRC, f),
);
const PROTOCOL = path.join(ROOT, 'protocol');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The relative imports of a file's text (static, re-exports and `import()`), resolved to `.ts` paths. */
function importsOf(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name).replace(/\.js$/, '.ts'));
}

/** The imports of `file` that leave `folder` for anything but the front door and the shared modules. */
function forbidden(folder: string, file: string, text: string): string[] {
  return importsOf(file, text)
    .filter(
      (target) =>
        !target.startsWith(folder + path.sep) && !SHARED.includes(target) && !target.startsWith(PROTOCOL + path.sep),
    )
    .map((target) => path.relative(SRC, target));
}

describe('the front door', () => {
  for (const transport of ['lsp', 'cli']) {
    test(`${transport}/ imports nothing of the core but analysis.ts and the shared modules`, () => {
      const folder = path.join(SRC, transport);
      const files = filesUnder(folder);
      expect(files.length).toBeGreaterThan(5);
      const found = files.flatMap((file) => {
        const name = path.relative(SRC, file);
        return forbidden(folder, file, readFileSync(file, 'utf8')).map((target) => `${name} → ${target}`);
      });
      expect(found).toEqual([]);
    });
  }

  test('the scan sees static, type-only, re-exported and dynamic imports', () => {
    const folder = path.join(SRC, 'lsp');
    const text = [
      "import { holeContextAt } from '../../holes/context.js';",
      "import type { FillResult } from '../../synth/fillData.js';",
      "export { repairFile } from '../../repair/file.js';",
      "const worker = () => import('../../workspace/workspace.js');",
      "import { Analysis } from '../../analysis.js';",
      "import { Budget } from '../../budget.js';",
      "import { HoleContextRequest } from '../../../../protocol/index.js';",
      "import { Session } from '../session.js';",
    ].join('\n');
    expect(forbidden(folder, path.join(folder, 'features/x.ts'), text)).toEqual([
      'holes/context.ts',
      'synth/fillData.ts',
      'repair/file.ts',
      'workspace/workspace.ts',
    ]);
  });
});
