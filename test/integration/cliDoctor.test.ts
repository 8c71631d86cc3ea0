/**
 * `spackle doctor` on the layouts users have: the project of a file and the chain of configs that led there, why a
 * file is in an inferred project, a monorepo's configs and what they extend, the model endpoint (reachable or not,
 * the key never shown), and the warnings that explain answers differing from the user's tsc.
 */
import { writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Layout, makeLayout, MONOREPO, VITE_REACT_TS } from '../../bench/lib/layouts.js';
import { FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { spackle } from '../helpers/cliRun.js';

/** A port nothing listens on: one just given up. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const doctorJson = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const run = await spackle(['doctor', ...args, '--json'], '/', env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { report: JSON.parse(run.stdout), stdout: run.stdout };
};

describe('spackle doctor', () => {
  let vite: Layout;
  let monorepo: Layout;
  let model: FakeOpenAI;
  beforeAll(async () => {
    vite = makeLayout(VITE_REACT_TS);
    monorepo = makeLayout(MONOREPO);
    model = await FakeOpenAI.start(() => ({ text: '' }));
  });
  afterAll(async () => {
    vite.dispose();
    monorepo.dispose();
    await model.stop();
  });

  test('a file of a Vite app: its config through the solution, and the TypeScript 7 pin', async () => {
    const { report } = await doctorJson([vite.file('src/App.tsx')]);
    expect(report.projects).toHaveLength(1);
    expect(report.projects[0]).toMatchObject({
      config: vite.file('tsconfig.app.json'),
      chain: [vite.file('tsconfig.json'), vite.file('tsconfig.app.json')],
      options: { jsx: 'ReactJSX', moduleResolution: 'Bundler' },
      deprecated: [],
    });
    expect(report.projects[0].programFiles).toBeGreaterThan(10);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /package\.json pins typescript ~7\.0\.\d+: Spackle reads the project with its own TypeScript 6/,
      ),
    ]);
  });

  test('a file no config takes: why, in the human-readable report', async () => {
    writeFileSync(vite.file('seed.ts'), 'export const seeded = 1;\n');
    const run = await spackle(['doctor', vite.file('seed.ts')], vite.dir);
    expect(run.stdout).toContain('project of seed.ts: inferred (default options)');
    expect(run.stdout).toContain('why: the nearest config, tsconfig.json, does not take it: it is a solution');
  });

  test('a monorepo folder: every config, what each extends, deprecated options named', async () => {
    writeFileSync(
      monorepo.file('tsconfig.emit.json'),
      JSON.stringify({ compilerOptions: { composite: true, declaration: true, baseUrl: '.' } }),
    );
    const { report } = await doctorJson([monorepo.dir]);
    expect(report.configs).toEqual([
      monorepo.file('tsconfig.json'),
      monorepo.file('packages/core/tsconfig.json'),
      monorepo.file('packages/app/tsconfig.json'),
    ]);
    expect(report.projects.map((p: { config: string }) => p.config)).toEqual(report.configs.slice(1));
    expect(report.projects[1].extends).toEqual([
      monorepo.file('tsconfig.base.json'),
      expect.stringMatching(/node_modules\/@tsconfig\/strictest\/tsconfig\.json$/),
      monorepo.file('tsconfig.emit.json'),
    ]);
    expect(report.projects[1].deprecated).toEqual(['baseUrl']);
    expect(report.warnings.filter((w: string) => w.includes('deprecates (baseUrl)'))).toHaveLength(2);
  });

  test('the model endpoint: reachable with its models, the key never printed; or not reachable', async () => {
    const reachable = await doctorJson(
      [vite.file('src/App.tsx'), '--engine', 'llm', '--base-url', model.baseUrl, '--model', 'fake'],
      { OPENAI_API_KEY: 'sk-very-secret' },
    );
    expect(reachable.report.engine).toMatchObject({
      engine: 'llm',
      model: 'fake',
      apiKey: 'set',
      endpoint: { reachable: true, detail: '1 model: fake' },
    });
    expect(reachable.stdout).not.toContain('sk-very-secret');
    const closed = `http://127.0.0.1:${await closedPort()}/v1`;
    const down = await doctorJson([vite.file('src/App.tsx'), '--base-url', closed]);
    expect(down.report.engine.endpoint).toEqual({ reachable: false, detail: 'connection failed (ECONNREFUSED)' });
    expect(down.report.warnings).toContain(
      `the model endpoint ${closed} is not reachable: connection failed (ECONNREFUSED)`,
    );
  });
});
