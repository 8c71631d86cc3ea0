import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, expect } from 'vitest';
import { Fixture, sharedFixture, withoutCursor } from './fixture.js';
import { INSTALL_TIMEOUT_MS, InstalledPackage, installedPackage } from './installedPackage.js';
import { REPO } from './lspClient.js';
import { scriptedModel } from './scriptedModel.js';
import { WELCOME, WELCOME_ANSWER, WELCOME_BODY, welcomeModel } from './anywhereProject.js';
import { FILL_PROJECT, Spot, SPOTS, UNHURRIED_FILL } from './fillProject.js';
import { typeErrors } from './typeCheck.js';

/**
 * The fill project plus a file with an explicit hole of its own, so that each editor action has a file to change, and
 * one with an empty function body for completion anywhere.
 */
export const EDITOR_PROJECT: Record<string, string> = {
  ...FILL_PROJECT,
  ...WELCOME,
  'src/owner.ts': `import type { User } from './types';
import { makeUser } from './users';

export const defaultName = 'ada';
export const owner: User = _();
`,
};

const ownerHole: Spot = { file: 'src/owner.ts', around: 'User = _(/*|*/)', hole: '_()' };

/**
 * Where each scenario acts: completion in `_()`, the context and code action of another `_()`, a fill at a cursor hole.
 */
export const EDITOR_SPOTS = {
  completion: SPOTS.explicit,
  context: ownerHole,
  codeAction: ownerHole,
  fill: SPOTS.prefix,
  noHole: SPOTS.comment,
  /** The empty line of a body, where a model completes code (completion anywhere). */
  anywhere: WELCOME_BODY,
} satisfies Record<string, Spot>;

/** A command that is on no PATH: the missing-binary scenarios. */
export const MISSING_COMMAND = ['spackle-not-installed', '--stdio'];
const EDITOR_SETTINGS = { fill: UNHURRIED_FILL };

/**
 * What the editor tests of a file share: the fixture project, and Spackle installed from its packed tarball, whose
 * `spackle` is on the editors' PATH and whose README's setup the scenarios follow.
 */
export interface EditorSetup {
  project: Fixture;
  installed: InstalledPackage;
}

/** A scenario's plan, and the environment the editor runs in. */
export interface EditorPlan {
  plan: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

/**
 * A scenario's plan: the installed README (whose setup the editor follows), the server's command (none: the clients'
 * default, `spackle --stdio` on PATH), settings (none: the README's), the project and where to act.
 */
export function planFor(
  setup: EditorSetup,
  options: { cmd?: string[]; settings?: unknown; crash?: boolean } = {},
): EditorPlan {
  const readme = path.join(setup.installed.root, 'README.md');
  const spots = Object.fromEntries(Object.entries(EDITOR_SPOTS).map(([name, spot]) => [name, driverSpot(spot)]));
  const plan = { readme, settings: EDITOR_SETTINGS, root: setup.project.dir, spots, ...options };
  return { plan, env: setup.installed.env };
}

/** A spot as the editors' drivers take it: `around` without the cursor marker, `cursor` characters into it. */
function driverSpot(spot: Spot): Spot & { cursor: number } {
  const { text, cursor = 0 } = withoutCursor(spot.around);
  return { ...spot, around: text, cursor };
}

/** What the editors need, installed by the project's own script (also the pretest script of `npm test`). */
const INSTALL_SCRIPT = path.join(REPO, 'scripts/install-editors.sh');

function ensureEditors(): void {
  execFileSync('sh', [INSTALL_SCRIPT], { stdio: 'inherit', timeout: 600_000 });
}

/** The setup of a file's editor tests, once the editors and Spackle are installed. */
export function editorSetup(): () => EditorSetup {
  let installed: InstalledPackage | undefined;
  beforeAll(async () => {
    ensureEditors();
    installed = await installedPackage();
  }, INSTALL_TIMEOUT_MS);
  const project = sharedFixture(EDITOR_PROJECT);
  return () => ({ project: project(), installed: installed! });
}

/** What a session scenario reports (nvim/session.lua, emacs/session.el, emacs/lsp-mode.el), as the user saw it. */
export interface SessionReport {
  /** The step that failed, if one did. */
  error?: string;
  /** The file the client was loaded from. */
  client: string;
  /** The server's process, and the executable it runs (its command as PATH resolves it). */
  pid: number;
  server: string;
  diagnostics: string[];
  /** The first completion candidate at the explicit hole, as the editor lists it, and the buffer once it is chosen. */
  completion: string;
  completionText: string;
  /** The lines of the context window. */
  context: string[];
  /** The code actions' titles at the other explicit hole, and the buffer once the first "Fill hole" one is applied. */
  codeActions: string[];
  codeActionText: string;
  /** The buffer after the fill command at the cursor hole, and the message it showed. */
  fillText: string;
  fillMessage: string;
  /** What the fill command said where there is no hole. */
  noHole: string;
  /** The server was shut down and its process ended. */
  shutdown: boolean;
  /** Every message shown in the message area (echo area), in order. */
  messages: string[];
}

export interface EditorRun<R> {
  /** The editor's exit code; null when it was killed. */
  code: number | null;
  timedOut: boolean;
  /** What the scenario wrote: what the user saw, plus `error` when a step failed. */
  report: R;
  output: string;
}

/**
 * Runs an editor headless on a scenario, in the plan's environment. The plan (JSON in SPACKLE_PLAN) says what to run
 * and where to write the report; the editor is killed after `timeoutMs`, which a scenario that hangs reaches.
 */
export async function runEditor<R>(
  command: string,
  args: string[],
  { plan, env: base }: EditorPlan,
  timeoutMs = 90_000,
): Promise<EditorRun<R>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'spackle-editor-'));
  const reportFile = path.join(dir, 'report.json');
  try {
    const env = { ...base, SPACKLE_PLAN: JSON.stringify({ ...plan, report: reportFile }), HOME: dir };
    const { code, timedOut, output } = await new Promise<{ code: number | null; timedOut: boolean; output: string }>(
      (resolve) => {
        const child = execFile(
          command,
          args,
          { cwd: REPO, env, timeout: timeoutMs, killSignal: 'SIGKILL' },
          (error, stdout, stderr) => {
            const killed = child.killed || (error as { killed?: boolean } | null)?.killed === true;
            resolve({ code: child.exitCode, timedOut: killed, output: stdout + stderr });
          },
        );
        child.stdin?.end();
      },
    );
    let report: R;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8'));
    } catch {
      throw new Error(
        `${command} wrote no report (exit ${code}${timedOut ? ', killed after the timeout' : ''}):\n${output}`,
      );
    }
    return { code, timedOut, report, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a fixture file with the hole at `spot` replaced by `fill`. */
function filled(project: Fixture, spot: Spot, fill: string): string {
  const text = project.text(spot.file);
  const around = withoutCursor(spot.around);
  const at = text.indexOf(around.text) + (around.cursor ?? 0);
  const start = text.lastIndexOf(spot.hole!, at);
  return text.slice(0, start) + fill + text.slice(start + spot.hole!.length);
}

/**
 * The editor's buffer is the fixture file with the hole at `spot` replaced by `fill`, and a fresh program of the
 * project (independent of the server) finds no error in it.
 */
function expectFilled(project: Fixture, spot: Spot, text: string, fill: string): void {
  expect(text).toBe(filled(project, spot, fill));
  expect(typeErrors(project.dir, project.file(spot.file), text)).toEqual([]);
}

/**
 * The editor offered "Fill hole with `x`" actions first, and the buffer after the first one applied is filled with x.
 */
function expectCodeActionApplied(project: Fixture, spot: Spot, titles: string[], text: string): void {
  expect(titles[0]).toMatch(/^Fill hole with `.+`$/);
  expectFilled(project, spot, text, titles[0].match(/`(.+)`/)![1]);
}

/**
 * What every editor session ends with, the buffer type-checking after each step: the client and the server were the
 * installed package's; the first completion candidate is `guest` of type User, and choosing it fills the hole; the
 * first code action fills its hole; the fill command fills the cursor hole and says so (its messages start with
 * `prefix`), and says there is no hole where there is none; the server was shut down and its process is gone.
 */
export function expectSession(setup: EditorSetup, run: EditorRun<SessionReport>, prefix: string): void {
  const { project, installed } = setup;
  const { report } = run;
  expect(report.error, run.output).toBeUndefined();
  expect(run.code).toBe(0);
  const clients = path.join(realpathSync(installed.root), 'clients') + path.sep;
  expect(report.client.startsWith(clients), `${report.client} is in ${clients}`).toBe(true);
  expect(report.server).toBe(installed.bin);
  expect(report.completion).toMatch(/^guest User\b/);
  expectFilled(project, EDITOR_SPOTS.completion, report.completionText, 'guest');
  expectCodeActionApplied(project, EDITOR_SPOTS.codeAction, report.codeActions, report.codeActionText);
  expectFilled(project, EDITOR_SPOTS.fill, report.fillText, 'guest');
  expect(report.fillMessage).toBe(`${prefix} filled with guest: User`);
  expect(report.noHole).toMatch(new RegExp(`^${prefix} no hole here`));
  expect(report.shutdown).toBe(true);
  expect(isRunning(report.pid)).toBe(false);
  expect(
    report.messages.filter((m) => /Spackle settings|must be/.test(m)),
    'the settings the editor sent are valid',
  ).toEqual([]);
}

/** Whether a process is still running. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What a completion-anywhere scenario reports: the completion items as the editor lists them, the buffer once the
 * first is chosen. */
export interface AnywhereReport {
  error?: string;
  items: string[];
  text: string;
}

/**
 * A completion-anywhere scenario's setup and plan, for the tests of the enclosing block: the LLM engine on the
 * scripted model (a local OpenAI-compatible server the block runs), which writes a body that type-checks.
 */
export function anywhereScenario(): { setup: () => EditorSetup; plan: () => EditorPlan } {
  const setup = editorSetup();
  const model = scriptedModel(welcomeModel);
  const settings = () => ({
    ...EDITOR_SETTINGS,
    engine: 'llm',
    llm: { baseUrl: model().baseUrl, model: 'scripted-coder', timeoutMs: 5000, deadlineMs: 20_000 },
  });
  return { setup, plan: () => planFor(setup(), { settings: settings() }) };
}

/**
 * The scenario ran through, and the buffer once the model's code was accepted is the body as the model wrote it, and
 * the file type-checks.
 */
export function expectCompletedAnywhere({ project }: EditorSetup, run: EditorRun<AnywhereReport>): void {
  expect(run.report.error, run.output).toBeUndefined();
  const original = project.text(WELCOME_BODY.file);
  const around = withoutCursor(WELCOME_BODY.around);
  const at = original.indexOf(around.text) + (around.cursor ?? 0);
  expect(run.report.text).toBe(original.slice(0, at) + WELCOME_ANSWER + original.slice(at));
  expect(typeErrors(project.dir, project.file(WELCOME_BODY.file), run.report.text)).toEqual([]);
}
