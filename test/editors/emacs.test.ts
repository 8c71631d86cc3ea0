import { describe, expect, test } from 'vitest';
import { REPO } from '../helpers/lspClient.js';
import {
  AnywhereReport, anywhereScenario, editorProject, expectCompletedAnywhere, expectSession, MISSING_COMMAND, planFor,
  runEditor, SERVER_COMMAND, SessionReport,
} from './editors.js';

/** Batch Emacs (no user init file; eglot from Debian's package, found by its site-start) running a scenario of test/editors/emacs/. */
function emacs<R>(scenario: string, plan: Record<string, unknown>) {
  return runEditor<R & { error?: string; messages: string[] }>('emacs', ['--batch', '-q', '-l', `${REPO}/test/editors/emacs/${scenario}.el`], plan);
}

/** Emacs' commands report their errors as the echo area would show them; lsp-mode's client is an add-on. */
interface EmacsSessionReport extends SessionReport {
  fillError: string | null;
  addOn?: boolean;
}

const CONTEXT_LINES = ['explicit hole: expected User', 'Relevant types:', 'export interface User {', 'Relevant headers:', 'function makeUser(name: string): User'];

describe('Emacs 28 with spackle.el', () => {
  const project = editorProject();

  test('eglot 1.9: completion-at-point, spackle-show-context, the "Fill hole" code action and spackle-fill-hole change the buffer into code that type-checks; shutdown is clean', async () => {
    const run = await emacs<EmacsSessionReport>('session', planFor(project()));
    // The first candidate in *Completions*, with its type; eglot replaces the whole `_()` with it.
    expectSession(project(), run, 'Spackle:');
    const { report } = run;
    expect(report.diagnostics).toContain('spackle: hole: expected User');
    expect(report.context).toEqual(expect.arrayContaining(CONTEXT_LINES));
    expect(report.fillError).toBeNull();
    expect(report.messages.filter((m) => m.startsWith('Spackle: the server stopped'))).toEqual([]);
  });

  test('lsp-mode 8: Spackle runs as an add-on client, and the same session works through it', async () => {
    const run = await emacs<EmacsSessionReport>('lsp-mode', planFor(project()));
    expectSession(project(), run, 'Spackle:');
    expect(run.report.addOn).toBe(true);
    expect(run.report.context).toEqual(expect.arrayContaining(CONTEXT_LINES));
    expect(run.report.fillError).toBeNull();
  });
});

describe('Emacs 28 with eglot and a model: completion anywhere', () => {
  const anywhere = anywhereScenario();

  test('completion-at-point on the empty line of a body offers the model\'s code, which fills the body over its lines', async () => {
    const run = await emacs<AnywhereReport>('anywhere', anywhere.plan());
    expectCompletedAnywhere(anywhere.project(), run);
    expect(run.report.items).toEqual(['const name = label(user); …']);
  });
});

interface FailureReport {
  start: string | null;
  crash?: string;
  fill: string;
  context: string;
}

describe('Emacs with eglot when the server is missing or crashes', () => {
  const project = editorProject();
  // The default settings (none given), as most users start.
  const plan = (cmd: string[], crash: boolean) => planFor(project(), { cmd, crash, settings: undefined });
  const NOT_RUNNING = /^Spackle: not running in this buffer; start it with M-x eglot or M-x lsp/;

  test('a missing binary: M-x eglot fails with a message naming the command and how to fix it; the commands say Spackle is not running', async () => {
    const run = await emacs<FailureReport>('failures', plan(MISSING_COMMAND, false));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.start).toBe(
      "Spackle: cannot start the server: ‘spackle-not-installed’ is not an executable on PATH (spackle-command is (\"spackle-not-installed\" \"--stdio\")).  "
      + 'Put it on PATH (npm link in the Spackle repository) or customize ‘spackle-command’',
    );
    expect(run.report.fill).toMatch(NOT_RUNNING);
    expect(run.report.context).toMatch(NOT_RUNNING);
  });

  test('a crash: the user is told the server stopped and where its stderr is; the commands then say Spackle is not running instead of hanging', async () => {
    const run = await emacs<FailureReport>('failures', plan(SERVER_COMMAND, true));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.start).toBeNull();
    expect(run.report.messages.filter((m) => m.includes('Spackle settings')), 'no complaint about the settings').toEqual([]);
    expect(run.report.crash).toMatch(/^Spackle: the server stopped \(signal 9\); its stderr is in the buffer " \*EGLOT .* stderr\*"\.  M-x eglot starts it again$/);
    expect(run.report.fill).toMatch(NOT_RUNNING);
  });
});
