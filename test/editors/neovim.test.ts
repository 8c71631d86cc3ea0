import { describe, expect, test } from 'vitest';
import { REPO } from '../helpers/lspClient.js';
import {
  AnywhereReport, anywhereScenario, editorProject, expectCompletedAnywhere, expectSession, MISSING_COMMAND, planFor,
  runEditor, SERVER_COMMAND, SessionReport,
} from './editors.js';

const PLUGIN = `${REPO}/clients/neovim`;

/** Headless Neovim with no user config and the plugin on its runtime path, running a scenario of test/editors/nvim/. */
function nvim<R>(scenario: string, plan: Record<string, unknown>) {
  const args = ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '--cmd', `set rtp^=${PLUGIN}`, '-c', `luafile ${REPO}/test/editors/nvim/${scenario}.lua`];
  return runEditor<R & { error?: string; notifications: string[]; messages: string[] }>('nvim', args, plan);
}

describe('Neovim 0.7 with the Spackle plugin', () => {
  const project = editorProject();

  test('completion, hover, :SpackleContext, the "Fill hole" code action and :SpackleFill change the buffer into code that type-checks; stopping is clean', async () => {
    const run = await nvim<SessionReport & { hover: string[] }>('session', planFor(project()));
    // <C-x><C-o> in `_()`: the chosen item replaces the whole hole, not just what precedes the cursor.
    expectSession(project(), run, 'spackle:');
    const { report } = run;
    expect(report.diagnostics).toContain('hole: expected User');
    expect(report.hover[0]).toBe('**hole**: expected `User`');
    expect(report.context[0]).toBe('**explicit hole**: expected `User`');
    expect(report.context).toEqual(expect.arrayContaining(['**Relevant types**', 'export interface User {', '**Relevant headers**', 'function makeUser(name: string): User']));
    expect(report.notifications.filter((n) => n.includes('server stopped'))).toEqual([]);
  });
});

describe('Neovim 0.7 with a model: completion anywhere', () => {
  const anywhere = anywhereScenario();

  test('<C-x><C-o> on the empty line of a body lists the model\'s code as one item; chosen, it fills the body over its lines', async () => {
    const run = await nvim<AnywhereReport>('anywhere', anywhere.plan());
    expectCompletedAnywhere(anywhere.project(), run);
    expect(run.report.items[0]).toBe('const name = label(user); … | type-checks in place');
  });
});

interface FailureReport {
  attached: boolean;
  pid?: number;
  crash?: string;
  fill: string;
}

describe('Neovim 0.7 when the server is missing or crashes', () => {
  const project = editorProject();
  // The default settings (none given), as most users start.
  const plan = (cmd: string[], crash: boolean) => planFor(project(), { cmd, crash, settings: undefined });

  test('a missing binary: one clear message naming the command and how to fix it; :SpackleFill says Spackle is not running', async () => {
    const run = await nvim<FailureReport>('failures', plan(MISSING_COMMAND, false));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.attached).toBe(false);
    expect(run.report.notifications[0]).toBe(
      "spackle: cannot start the server: 'spackle-not-installed' is not an executable on PATH (cmd = { \"spackle-not-installed\", \"--stdio\" }). "
      + "Put it on PATH (npm link in the Spackle repository) or set cmd in require('spackle').setup{}.",
    );
    expect(run.report.fill).toMatch(/^spackle: not running in this buffer/);
  });

  test('a crash: the user is told the server stopped and where its log is; :SpackleFill then says so instead of hanging', async () => {
    const run = await nvim<FailureReport>('failures', plan(SERVER_COMMAND, true));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.messages.filter((m) => m.startsWith('LSP[spackle]')), 'no complaint about the settings').toEqual([]);
    expect(run.report.crash).toMatch(/^spackle: the server stopped \(exit code \d+, signal 9\); its stderr is in .*lsp\.log/);
    expect(run.report.attached).toBe(false);
    expect(run.report.fill).toMatch(/^spackle: not running in this buffer/);
  });
});
