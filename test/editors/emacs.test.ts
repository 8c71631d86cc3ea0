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
 * Batch Emacs (no user init file; eglot and use-package from Debian's packages, found by its site-start) running a
 * scenario of test/editors/emacs/, which sets the installed spackle.el up with the README's use-package form.
 */
function emacs<R>(scenario: string, plan: EditorPlan) {
  return runEditor<R & { error?: string; messages: string[] }>(
    'emacs',
    ['--batch', '-q', '-l', `${REPO}/test/editors/emacs/${scenario}.el`],
    plan,
  );
}

/** Emacs' commands report their errors as the echo area would show them; lsp-mode's client is an add-on. */
interface EmacsSessionReport extends SessionReport {
  fillError: string | null;
  addOn?: boolean;
}

const CONTEXT_LINES = [
  'explicit hole: expected User',
  'Relevant types:',
  'export interface User {',
  'Relevant headers:',
  'function makeUser(name: string): User',
];

describe('Emacs 28 with spackle.el, installed', () => {
  const setup = editorSetup();

  test('eglot 1.9: completion, show-context, "Fill hole", fill-hole make type-correct code; clean exit', async () => {
    const run = await emacs<EmacsSessionReport>('session', planFor(setup()));
    // The first candidate in *Completions*, with its type; eglot replaces the whole `_()` with it.
    expectSession(setup(), run, 'Spackle:');
    const { report } = run;
    expect(report.diagnostics).toContain('spackle: hole: expected User');
    expect(report.context).toEqual(expect.arrayContaining(CONTEXT_LINES));
    expect(report.fillError).toBeNull();
    expect(report.messages.filter((m) => m.startsWith('Spackle: the server stopped'))).toEqual([]);
  });

  test('lsp-mode 8: Spackle runs as an add-on client, and the same session works through it', async () => {
    const run = await emacs<EmacsSessionReport>('lsp-mode', planFor(setup()));
    expectSession(setup(), run, 'Spackle:');
    expect(run.report.addOn).toBe(true);
    expect(run.report.context).toEqual(expect.arrayContaining(CONTEXT_LINES));
    expect(run.report.fillError).toBeNull();
  });
});

describe('Emacs 28 with eglot and a model: completion anywhere', () => {
  const anywhere = anywhereScenario();

  test("completion-at-point on the empty line of a body offers the model's code; it fills the body", async () => {
    const run = await emacs<AnywhereReport>('anywhere', anywhere.plan());
    expectCompletedAnywhere(anywhere.setup(), run);
    expect(run.report.items).toEqual(['const name = label(user); …']);
  });
});

interface FailureReport {
  start: string | null;
  crash?: string;
  restarted?: boolean;
  stderrKept?: boolean;
  fill: string | null;
  context: string | null;
}

describe('Emacs with eglot when the server is missing or crashes', () => {
  const setup = editorSetup();
  // The README's settings, as most users start.
  const plan = (options: { cmd?: string[]; crash?: boolean; autoreconnect?: boolean }) =>
    planFor(setup(), { ...options, settings: undefined });
  /** What a crash's message says of the server's stderr, kept in a buffer of its own; then what happens next. */
  const STOPPED = new RegExp(
    String.raw`^Spackle: the server stopped \(signal 9\); its stderr is in the buffer ` +
      String.raw`" \*EGLOT .* stderr\* \(stopped\)"\.  (.*)$`,
  );
  const NOT_RUNNING = /^Spackle: not running in this buffer; start it with M-x eglot or M-x lsp/;

  test('a missing binary: M-x eglot names the command and its fix; the commands say Spackle is off', async () => {
    const run = await emacs<FailureReport>('failures', plan({ cmd: MISSING_COMMAND }));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.start).toBe(
      'Spackle: cannot start the server: ‘spackle-not-installed’ is not an executable on PATH ' +
        '(spackle-command is ("spackle-not-installed" "--stdio")).  ' +
        'Install Spackle (npm install -g, see its README) or customize ‘spackle-command’',
    );
    expect(run.report.fill).toMatch(NOT_RUNNING);
    expect(run.report.context).toMatch(NOT_RUNNING);
  });

  test('a crash: the user is told the server stopped, where its stderr is; the commands say so, no hang', async () => {
    const run = await emacs<FailureReport>('failures', plan({ crash: true, autoreconnect: false }));
    expect(run.report.error, run.output).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.report.start).toBeNull();
    expect(
      run.report.messages.filter((m) => m.includes('Spackle settings')),
      'no complaint about the settings',
    ).toEqual([]);
    expect(run.report.crash?.match(STOPPED)?.[1], run.report.crash).toBe('M-x eglot starts it again');
    expect(run.report.stderrKept).toBe(true);
    expect(run.report.fill).toMatch(NOT_RUNNING);
  });

  test(
    "a crash eglot restarts the server after: the message says so, the stopped server's stderr is kept, and " +
      'the commands reach the new server',
    async () => {
      const run = await emacs<FailureReport>('failures', plan({ crash: true, autoreconnect: true }));
      expect(run.report.error, run.output).toBeUndefined();
      expect(run.report.crash?.match(STOPPED)?.[1], run.report.crash).toBe('eglot starts it again');
      expect(run.report).toMatchObject({ restarted: true, stderrKept: true, context: null });
      expect(run.report.fill ?? '').not.toMatch(NOT_RUNNING);
    },
  );
});
