import { describe, expect, test } from 'vitest';
import { REPO } from '../helpers/lspClient.js';
import {
  AnywhereReport,
  anywhereScenario,
  EditorPlan,
  editorSetup,
  expectCompletedAnywhere,
  expectSession,
  MISSING_COMMAND,
  planFor,
  runEditor,
  SessionReport,
} from '../helpers/editors.js';

/**
 * Headless Neovim with no user config running a scenario of test/editors/nvim/, which sets the installed plugin up
 * from the README's lazy.nvim spec.
 */
function nvim<R>(scenario: string, plan: EditorPlan) {
  const args = ['--headless', '-u', 'NONE', '-i', 'NONE', '-n'];
  args.push('-c', `luafile ${REPO}/test/editors/nvim/${scenario}.lua`);
  return runEditor<R & { error?: string; notifications: string[]; messages: string[] }>('nvim', args, plan);
}

describe('Neovim 0.7 with the Spackle plugin, installed', () => {
  const setup = editorSetup();

  test('completion, hover, :SpackleContext, "Fill hole", :SpackleFill make type-correct code; clean stop', async () => {
    const run = await nvim<SessionReport & { hover: string[] }>('session', planFor(setup()));
    // <C-x><C-o> in `_()`: the chosen item replaces the whole hole, not just what precedes the cursor.
    expectSession(setup(), run, 'spackle:');
    const { report } = run;
    expect(report.diagnostics).toContain('hole: expected User');
    expect(report.hover[0]).toBe('**hole**: expected `User`');
    expect(report.context[0]).toBe('**explicit hole**: expected `User`');
    expect(report.context).toEqual(
      expect.arrayContaining([
        '**Relevant types**',
        'export interface User {',
        '**Relevant headers**',
        'function makeUser(name: string): User',
      ]),
    );
    expect(report.notifications.filter((n) => n.includes('server stopped'))).toEqual([]);
  });
});

describe('Neovim 0.7 with a model: completion anywhere', () => {
  const anywhere = anywhereScenario();

  test("<C-x><C-o> on an empty line of a body lists the model's code as one item, which fills the body", async () => {
    const run = await nvim<AnywhereReport>('anywhere', anywhere.plan());
    expectCompletedAnywhere(anywhere.setup(), run);
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
  const setup = editorSetup();
  // The README's settings, as most users start.
  const plan = (options: { cmd?: string[]; crash?: boolean }) => planFor(setup(), { ...options, settings: undefined });

  test('a missing binary: one message naming the command and its fix; :SpackleFill says Spackle is off', async () => {
    const run = await nvim<FailureReport>('failures', plan({ cmd: MISSING_COMMAND }));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.attached).toBe(false);
    expect(run.report.notifications[0]).toBe(
      "spackle: cannot start the server: 'spackle-not-installed' is not an executable on PATH " +
        '(cmd = { "spackle-not-installed", "--stdio" }). ' +
        "Install Spackle (npm install -g, see its README) or set cmd in require('spackle').setup{}.",
    );
    expect(run.report.fill).toMatch(/^spackle: not running in this buffer/);
  });

  test('a crash: the user is told the server stopped and where its log is; :SpackleFill says so, no hang', async () => {
    const run = await nvim<FailureReport>('failures', plan({ crash: true }));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(
      run.report.messages.filter((m) => m.startsWith('LSP[spackle]')),
      'no complaint about the settings',
    ).toEqual([]);
    expect(run.report.crash).toMatch(
      /^spackle: the server stopped \(exit code \d+, signal 9\); its stderr is in .*lsp\.log/,
    );
    expect(run.report.attached).toBe(false);
    expect(run.report.fill).toMatch(/^spackle: not running in this buffer/);
  });
});
