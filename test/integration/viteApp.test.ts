/**
 * The server on a Vite react-ts app as create-vite writes it (React 19, a solution tsconfig): the app's files get
 * tsconfig.app.json (vite/client types: no error for `import.meta.env`, CSS or `.tsx` imports), a file no config takes
 * is announced once, and a hole typed `JSX.Element` (no global JSX namespace in React 19) is never filled confidently.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, InlineCompletionList } from 'vscode-languageserver-protocol';
import type { ExpectedTypeResult } from '../../protocol/index.js';
import { Layout, makeLayout, VITE_REACT_TS } from '../../bench/lib/layouts.js';
import { LspClient, uriOf } from '../helpers/lspClient.js';

const BANNER = `import { useState } from 'react'

export function Banner(): JSX.Element {
  const [title] = useState('Sale')
  return _()
}
`;

describe('a Vite react-ts app', () => {
  let layout: Layout;
  let client: LspClient;
  beforeAll(async () => {
    layout = makeLayout(VITE_REACT_TS);
    // Tests judge answers, the benchmark judges time: a deadline no test machine reaches.
    client = await LspClient.start({ root: layout.dir, initializationOptions: { fill: { deadlineMs: 10_000 } } });
  });
  afterAll(async () => {
    await client.stop();
    layout.dispose();
  });

  test('main.tsx is in tsconfig.app.json: no error where the app has none', async () => {
    const uri = await client.open(uriOf(layout.file('src/main.tsx')), undefined, 'typescriptreact');
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [] },
    });
    expect(actions).toEqual([]);
    const told = client.notifications('window/showMessage').map((m) => m.message);
    expect(told.filter((m: string) => m.includes('main.tsx'))).toEqual([]);
  });

  test('a script outside every config: one message names the nearest config and why', async () => {
    await client.open(uriOf(layout.file('scripts/seed.ts')), 'export const seeded = 1;\n');
    await client.open(uriOf(layout.file('scripts/clean.ts')), 'export const cleaned = 1;\n');
    const message = await client.waitForNotification('window/showMessage', (m) =>
      m.message.includes('inferred project'),
    );
    expect(message.message).toContain(`the nearest config, ${layout.file('tsconfig.json')}, does not take it`);
    await client.request('spackle/holes', { textDocument: { uri: uriOf(layout.file('scripts/clean.ts')) } });
    expect(
      client.notifications('window/showMessage').filter((m) => m.message.includes('inferred project')),
    ).toHaveLength(1);
  });

  test('JSX.Element does not resolve under React 19: said so, no ghost text, no preferred fill', async () => {
    const uri = await client.open(uriOf(layout.file('src/Banner.tsx')), BANNER, 'typescriptreact');
    const at = client.at(uri, '_()');
    const expected = await client.request<ExpectedTypeResult>('textDocument/expectedType', at);
    expect(expected.unresolved).toEqual({ type: 'JSX.Element', why: "Cannot find namespace 'JSX'." });
    const inline = await client.request<InlineCompletionList>('textDocument/inlineCompletion', {
      ...at,
      context: { triggerKind: 1 },
    });
    expect(inline.items).toEqual([]);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at.position, end: at.position },
      context: { diagnostics: [] },
    });
    const fills = actions.filter((a) => a.title.startsWith('Fill hole'));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((a) => !a.isPreferred && a.title.endsWith('(unverified: JSX.Element does not resolve)'))).toBe(
      true,
    );
  });
});

describe('at log level debug', () => {
  test('the start and each project loaded are logged as spackle doctor tells them', async () => {
    const layout = makeLayout(VITE_REACT_TS);
    const client = await LspClient.start({ root: layout.dir, initializationOptions: { logLevel: 'debug' } });
    try {
      const logged = (text: string) => client.waitForNotification('window/logMessage', (m) => m.message.includes(text));
      expect((await logged('TypeScript 6.')).message).toMatch(
        /^spackle \S+, Node v\d+.*; folders: .*; engine embedded, no model$/,
      );
      await client.open(uriOf(layout.file('src/App.tsx')), undefined, 'typescriptreact');
      const facts = await logged('tsconfig.app.json;');
      expect(facts.message).toContain(
        `${layout.file('tsconfig.json')} → ${layout.file('tsconfig.app.json')}; target=ES2023`,
      );
    } finally {
      await client.stop();
      layout.dispose();
    }
  });
});
