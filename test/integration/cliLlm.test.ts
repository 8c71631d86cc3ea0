import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeOpenAI, FakeRequest, Reply } from '../helpers/fakeOpenAI.js';
import { Fixture, fixture } from '../helpers/fixture.js';
import { lineCol, spackle } from '../helpers/cliRun.js';
import { FILL_PROJECT, SPOTS } from '../helpers/fillProject.js';

describe('spackle fill with the LLM engine', () => {
  let project: Fixture;
  let fake: FakeOpenAI;
  let script: (request: FakeRequest) => Reply;
  beforeAll(async () => {
    project = fixture(FILL_PROJECT);
    fake = await FakeOpenAI.start((request) => script(request));
  });
  afterAll(async () => {
    project.dispose();
    await fake.stop();
  });
  const at = (where = SPOTS.member) =>
    `${where.file}:${lineCol(project.text(where.file), project.offsetOf(where.file, where.around))}`;
  const llmFlags = () => ['--engine', 'llm', '--base-url', fake.baseUrl, '--model', 'cli-coder'];

  test("--engine llm --base-url --model: the model's fill, corrected by monitors, what the engine did", async () => {
    script = (r) => ({ text: r.prefill ? '' : 'cty' });
    const run = await spackle(['fill', at(), ...llmFlags(), '--json'], project.dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(run.stdout);
    expect(result.fills).toEqual([expect.objectContaining({ text: 'city', source: 'llm', verified: true })]);
    expect(result.llm).toMatchObject({
      model: 'cli-coder',
      rounds: 0,
      interventions: [expect.objectContaining({ trigger: 'guest.address.', chosen: 'city' })],
    });
  });

  test('a model server that is down: the embedded fills, saying why, exit code 0', async () => {
    const run = await spackle(
      ['fill', at(), '--engine', 'llm', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm'],
      project.dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\. (city|street): string .*embedded engine; LLM: cannot reach the model server/);
  });

  test('an LLM engine without a model: a clear message naming the options', async () => {
    const run = await spackle(['fill', at(), '--engine', 'llm'], project.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--engine llm needs --base-url and --model');
  });
});
