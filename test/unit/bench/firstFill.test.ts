import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';
import { loadCorpus } from '../../../bench/lib/corpus.js';
import { measureFirstFills } from '../../../bench/lib/firstFill.js';
import type { SampledCorpus } from '../../../bench/lib/sampledCorpus.js';
import { sitesOf } from '../../../bench/lib/sites.js';

const dir = mkdtempSync(path.join(tmpdir(), 'spackle-first-fill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a site without a fill even unhurried is counted apart from those the first request missed', async () => {
  writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, "types": [] } }');
  const text = [
    'class Vault {',
    '  private constructor(readonly key: string) {}',
    '}',
    'declare const count: number;',
    'export const total: number = count;',
    "export const vault: Vault = { key: 'k' } as any;",
  ].join('\n');
  const file = path.join(dir, 'main.ts');
  writeFileSync(file, text);
  const corpus = loadCorpus(dir);
  const sites = sitesOf(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), ['initializer']);
  expect(sites.map((s) => text.slice(s.start, s.end))).toEqual(['count', "{ key: 'k' } as any"]);
  const sampled = { corpus, originals: new Map([[file, text]]) } as SampledCorpus;
  const first = await measureFirstFills(sampled, sites, 2000);
  expect(first.perSite.map((s) => [s.readied.fills > 0, s.unhurriedFills > 0])).toEqual([
    [true, true],
    [false, false],
  ]);
  expect(first).toMatchObject({ readiedAnswered: 0.5, fillable: 1, readiedAnsweredFillable: 1 });
});
