/**
 * `npm run bench:layouts`: the layouts users have (bench/lib/layouts.ts) as a user meets them. Per layout: files whose
 * errors equal tsc's, and the project load; per hole: the expected type, and the fills at default settings once the
 * file is readied as the server readies it, and asked at once after opening (the original in the top 5, latency).
 */
import { Budget } from '../server/src/budget.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../server/src/config.js';
import { holeContextAt } from '../server/src/holes/context.js';
import { fileErrors } from '../server/src/repair/fileErrors.js';
import { fillHole } from '../server/src/synth/fill.js';
import { prepareFills } from '../server/src/synth/prepare.js';
import { Workspace } from '../server/src/workspace/workspace.js';
import { holeOffset, Layout, LayoutHole, LAYOUTS, makeLayout, tscErrors } from './lib/layouts.js';
import { share, table } from './lib/table.js';

interface HoleRun {
  layout: string;
  hole: string;
  expectedType?: string;
  typeRight: boolean;
  /** Rank of the original in the fills (0: absent), asked once readied and at once. */
  readied: { rank: number; fills: number; ms: number; timedOut: boolean };
  atOnce: { rank: number; fills: number; ms: number; timedOut: boolean };
}

interface LayoutRun {
  layout: string;
  files: number;
  sameAsTsc: number;
  differing: string[];
  loadMs: number;
}

async function main(): Promise<void> {
  const deadlineMs = DEFAULT_SETTINGS.fill.deadlineMs;
  const layouts: LayoutRun[] = [];
  const holes: HoleRun[] = [];
  for (const spec of LAYOUTS) {
    process.stderr.write(`${spec.name}\n`);
    const layout = makeLayout(spec);
    try {
      layouts.push(errorParity(layout));
      for (const hole of spec.holes) holes.push(await holeRun(layout, hole, deadlineMs));
    } finally {
      layout.dispose();
    }
  }
  console.log(`Layouts: every file's errors against tsc's (tsc -b / tsc -p on a copy)`);
  console.log(
    table(
      ['layout', 'files', 'same as tsc', 'load ms', 'differing'],
      layouts.map((l) => [l.layout, l.files, l.sameAsTsc, l.loadMs.toFixed(0), l.differing.join(' ') || '-']),
    ),
  );
  console.log(
    `\nHoles: expected type, and the original among the top 5 at default settings (deadline ${deadlineMs} ms)`,
  );
  const rank = (r: HoleRun['readied']) => `${r.rank ? `#${r.rank}` : '-'} of ${r.fills}${r.timedOut ? ' (cut)' : ''}`;
  console.log(
    table(
      ['layout', 'hole', 'expected type', 'right', 'readied', 'ms', 'at once', 'ms'],
      holes.map((h) => [
        h.layout,
        h.hole,
        h.expectedType ?? '-',
        h.typeRight ? 'yes' : 'NO',
        rank(h.readied),
        h.readied.ms.toFixed(0),
        rank(h.atOnce),
        h.atOnce.ms.toFixed(0),
      ]),
    ),
  );
  const inTop5 = (key: 'readied' | 'atOnce') => holes.filter((h) => h[key].rank > 0).length / holes.length;
  console.log(
    `\nfiles as tsc: ${layouts.reduce((n, l) => n + l.sameAsTsc, 0)}/${layouts.reduce((n, l) => n + l.files, 0)}; ` +
      `types right: ${holes.filter((h) => h.typeRight).length}/${holes.length}; ` +
      `original in top 5: readied ${share(inTop5('readied'))}, ` +
      `at once ${share(inTop5('atOnce'))}`,
  );
  const out = 'bench/results/layouts.json';
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), deadlineMs, layouts, holes }, null, 2));
  console.log(`\nwrote ${out}`);
}

function errorParity(layout: Layout): LayoutRun {
  const tsc = tscErrors(layout);
  const workspace = new Workspace([layout.dir]);
  try {
    const started = performance.now();
    const differing: string[] = [];
    let loadMs = 0;
    for (const file of layout.sources()) {
      const snapshot = workspace.snapshot(layout.file(file));
      if (!loadMs) loadMs = performance.now() - started;
      const ours = fileErrors(snapshot).map((e) => {
        const { line, character } = snapshot.sourceFile.getLineAndCharacterOfPosition(e.start);
        return `${line + 1}:${character + 1} TS${e.code}`;
      });
      if (ours.join() !== (tsc.get(file) ?? []).join()) differing.push(file);
    }
    const files = layout.sources().length;
    return { layout: layout.spec.name, files, sameAsTsc: files - differing.length, differing, loadMs };
  } finally {
    workspace.dispose();
  }
}

async function holeRun(layout: Layout, hole: LayoutHole, deadlineMs: number): Promise<HoleRun> {
  const file = layout.file(hole.file);
  const text = layout.read(hole.file);
  const offset = holeOffset(hole, text);
  const withHole = text.slice(0, offset) + '_()' + text.slice(offset + hole.original.length);
  const ask = async (readied: boolean) => {
    const workspace = new Workspace([layout.dir]);
    try {
      workspace.open(file, withHole);
      const snapshot = workspace.snapshot(file);
      if (readied) await prepareFills(snapshot);
      const started = performance.now();
      const result = fillHole(workspace, file, offset, {}, Budget.of(deadlineMs));
      const ms = performance.now() - started;
      const rank = result.fills.findIndex((f) => f.text === hole.original) + 1;
      const expected = holeContextAt(workspace, file, offset).expectedType?.text;
      return { answer: { rank, fills: result.fills.length, ms, timedOut: result.stats.timedOut }, expected };
    } finally {
      workspace.dispose();
    }
  };
  const atOnce = await ask(false);
  const readied = await ask(true);
  return {
    layout: layout.spec.name,
    hole: `${hole.original} (${hole.file})`,
    expectedType: readied.expected,
    typeRight: readied.expected === hole.expectedType,
    readied: readied.answer,
    atOnce: atOnce.answer,
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
