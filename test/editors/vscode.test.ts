import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  CodeAction,
  CompletionList,
  Hover,
  InlineCompletionList,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { holeContextMarkdown } from '../../clients/vscode/src/holeContext.js';
import { settingsForServer } from '../../clients/vscode/src/settings.js';
import type { FillHoleResult, HoleContextResult } from '../../protocol/index.js';
import { DEFAULT_SETTINGS, validateSettings } from '../../server/src/config.js';
import { INSTALL_TIMEOUT_MS, installedPackage } from '../helpers/installedPackage.js';
import { REPO } from '../helpers/lspClient.js';
import { WELCOME, WELCOME_ANSWER, WELCOME_BODY, welcomeModel } from '../helpers/anywhereProject.js';
import { errorsWith, FILL_PROJECT, openSpot, SPOTS, UNHURRIED } from '../helpers/fillProject.js';
import { scriptedModel } from '../helpers/scriptedModel.js';
import { Served, serveProject, serverForBlock } from '../helpers/shop.js';
import { vscodeClientCapabilities } from '../helpers/vscodeCapabilities.js';
import { unzip } from '../helpers/vsix.js';

const EXTENSION = path.join(REPO, 'clients/vscode');
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));

interface SettingSchema {
  type: 'string' | 'integer' | 'boolean' | 'array' | 'object';
  default: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  format?: 'uri';
  properties?: Record<string, unknown>;
}

/** Leaves of the server's defaults by dotted path (a list or an empty group is a leaf). */
function leaves(settings: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(settings).flatMap(([key, value]): Array<[string, unknown]> =>
    value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

/** What the server finds wrong in one setting, as the extension sends it. */
/** Sets a value by dotted path, as VS Code builds a section from its settings. */
function setAt(section: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let at = section;
  for (const key of keys) at = (at[key] ??= {}) as Record<string, unknown>;
  at[last] = value;
  return section;
}

function problemsWith(dotted: string, value: unknown): string[] {
  return validateSettings(settingsForServer(setAt({}, dotted, value)), DEFAULT_SETTINGS, true).problems;
}

/**
 * Values a setting's schema allows (all of them the server must accept), and values it does not (each one it must
 * reject).
 */
function samples(schema: SettingSchema): { allowed: unknown[]; refused: unknown[] } {
  if (schema.enum) return { allowed: schema.enum.filter((v) => v !== ''), refused: ['unheard-of'] };
  switch (schema.type) {
    case 'integer':
      return { allowed: [schema.minimum, schema.maximum], refused: [schema.minimum! - 1, schema.maximum! + 1, 1.5] };
    case 'boolean':
      return { allowed: [true, false], refused: ['yes'] };
    case 'string':
      return schema.format === 'uri'
        ? { allowed: ['http://127.0.0.1:8080/v1'], refused: ['not a url'] }
        : { allowed: ['a name'], refused: [42] };
    case 'array':
      return { allowed: [['**/secrets/**']], refused: ['**/secrets/**'] };
    case 'object': {
      const names = Object.keys(schema.properties!);
      return {
        allowed: [Object.fromEntries(names.map((n) => [n, true]))],
        refused: [{ [names[0]]: 'yes' }, { unheardOf: true }],
      };
    }
  }
}

describe('the VS Code extension, around the server of the packed package', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'spackle-vsix-'));
  const vsixFile = path.join(work, 'spackle.vsix');
  const installed = path.join(work, 'installed');
  let files: Map<string, Buffer>;

  // What CI does with the extension: type-check, bundle (the server as npm installs it), package; then what VS Code
  // does on install: unpack.
  beforeAll(async () => {
    const { root } = await installedPackage();
    const script = path.join(EXTENSION, 'scripts/package.mjs');
    const args = [script, '--out', vsixFile, '--server', root];
    execFileSync(process.execPath, args, { cwd: REPO, stdio: 'pipe', timeout: 180_000 });
    files = unzip(vsixFile);
    for (const [name, data] of files) {
      const target = path.join(installed, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
  }, INSTALL_TIMEOUT_MS + 200_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the .vsix holds the manifest, README, extension and server bundles, TypeScript's libs, no sources", () => {
    const names = [...files.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/readme.md',
        'extension/dist/extension.js',
        'extension/dist/server/spackle.js',
        'extension/dist/server/lib.d.ts',
        'extension/dist/server/lib.es2022.d.ts',
        'extension/dist/server/lib.dom.d.ts',
      ]),
    );
    const packaged = /^extension\/(package\.json|readme\.md|dist\/.*\.js|dist\/server\/lib\.[\w.]*d\.ts)$/;
    const unexpected = names.filter(
      (n) => !['[Content_Types].xml', 'extension.vsixmanifest'].includes(n) && !packaged.test(n),
    );
    expect(unexpected).toEqual([]);
    const extension = files.get('extension/dist/extension.js')!.toString('utf8');
    expect(extension).toContain('require("vscode")');
    expect(extension, 'vscode-languageclient is bundled, not required').not.toMatch(/require\("vscode-languageclient/);
  });

  test("its server is the packed package's: every module in the server bundle comes from the installed package", () => {
    const bundle = files.get('extension/dist/server/spackle.js')!.toString('utf8');
    // esbuild heads each module it bundles with its path.
    const modules = [...bundle.matchAll(/^\/\/ (\S+\.c?js)$/gm)].map((m) => m[1]);
    expect(modules).toContainEqual(expect.stringMatching(/\/node_modules\/spackle\/dist\/server\/src\/main\.js$/));
    expect(modules.filter((module) => !module.includes('/node_modules/spackle/'))).toEqual([]);
  });

  test('its manifest: the bundled server beside main, both commands, activation on TS/JS, package version', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual([
      'spackle.fillHoleAtCursor',
      'spackle.showHoleContext',
    ]);
    expect(manifest.activationEvents).toEqual(
      ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((l) => `onLanguage:${l}`),
    );
    expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  describe("its settings mirror the server's schema (server/src/config.ts)", () => {
    const properties: Record<string, SettingSchema> = manifest.contributes.configuration.properties;

    test("every server setting is one of the extension's; VS Code's defaults, as sent, are the server's", () => {
      for (const [name] of leaves(DEFAULT_SETTINGS)) expect(properties, name).toHaveProperty([`spackle.${name}`]);
      const vscodeDefaults = Object.entries(properties).reduce(
        (section, [key, schema]) => setAt(section, key.replace(/^spackle\./, ''), schema.default),
        {},
      );
      expect(validateSettings(settingsForServer(vscodeDefaults))).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    });

    test.each(Object.keys(manifest.contributes.configuration.properties))(
      '%s: the server takes every value the schema allows, names the setting if it refuses one the schema does not',
      (key) => {
        const name = key.replace(/^spackle\./, '');
        const { allowed, refused } = samples(properties[key]);
        for (const value of allowed) expect(problemsWith(name, value), JSON.stringify(value)).toEqual([]);
        for (const value of refused)
          expect(problemsWith(name, value), JSON.stringify(value)).toEqual([
            expect.stringMatching(new RegExp(`^${key.replaceAll('.', '\\.')}\\b`)),
          ]);
      },
    );
  });

  describe("its bundled server with a model, for VS Code's client: ghost text anywhere in code", () => {
    const model = scriptedModel(welcomeModel);
    let served: Served;
    beforeAll(async () => {
      served = await serveProject(
        { ...FILL_PROJECT, ...WELCOME },
        {
          capabilities: vscodeClientCapabilities(manifest.engines.vscode.replace(/^\^/, '')),
          command: [process.execPath, path.join(installed, 'extension/dist/server/spackle.js'), '--stdio'],
          initializationOptions: {
            engine: 'llm',
            llm: { baseUrl: model().baseUrl, model: 'scripted-coder', deadlineMs: 20_000 },
          },
        },
      );
    });
    afterAll(() => served?.dispose());

    test("inline completion on the empty line of a body: the model's code, type-checking once accepted", async () => {
      const params = await openSpot(served, WELCOME_BODY);
      const inline = await served.client.request<InlineCompletionList>('textDocument/inlineCompletion', {
        ...params,
        context: { triggerKind: 1 },
      });
      const range = { start: params.position, end: params.position };
      expect(inline.items).toEqual([{ insertText: WELCOME_ANSWER, range }]);
      expect(errorsWith(served, params.textDocument.uri, [{ range, newText: WELCOME_ANSWER }])).toEqual([]);
    });
  });

  describe("its bundled server, run from the unpacked .vsix, for a client announcing VS Code's capabilities", () => {
    const capabilities = vscodeClientCapabilities(manifest.engines.vscode.replace(/^\^/, ''));
    const block = serverForBlock(FILL_PROJECT, 'src/visitor.ts', {
      ...UNHURRIED,
      capabilities,
      command: [process.execPath, path.join(installed, 'extension/dist/server/spackle.js'), '--stdio'],
    });

    test('VS Code asks for inline completion; the server offers it, completion, fixes, hover, fill, version', () => {
      expect(capabilities.textDocument?.inlineCompletion).toEqual({ dynamicRegistration: true });
      const { capabilities: offered, serverInfo } = block.client.initializeResult;
      expect(offered).toMatchObject({
        completionProvider: { triggerCharacters: ['.'] },
        inlineCompletionProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: expect.arrayContaining(['spackle.fillHole']) },
        hoverProvider: true,
      });
      expect(serverInfo).toEqual({ name: 'spackle', version: manifest.version });
    });

    test('completion, inline completion, "Fill hole" and hover at `_()` offer the fill that type-checks', async () => {
      const params = await openSpot(block.served, SPOTS.explicit);
      const uri = params.textDocument.uri;
      const completion = await block.client.request<CompletionList>('textDocument/completion', {
        ...params,
        context: { triggerKind: 1 },
      });
      const edit = completion.items[0].textEdit as TextEdit;
      expect(edit.newText).toBe('guest');
      expect(block.client.textAt({ uri, range: edit.range })).toBe('_()');
      expect(errorsWith(block.served, uri, [edit])).toEqual([]);

      const inline = await block.client.request<InlineCompletionList>('textDocument/inlineCompletion', {
        ...params,
        context: { triggerKind: 1 },
      });
      expect(inline.items[0]).toMatchObject({ insertText: 'guest', range: edit.range });

      const { diagnostics } = await block.client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const range = { start: params.position, end: params.position };
      const actions = await block.client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics, triggerKind: 1 },
      });
      expect(actions[0]).toMatchObject({
        title: 'Fill hole with `guest`',
        isPreferred: true,
        edit: { changes: { [uri]: [edit] } },
      });

      const hover = await block.client.request<Hover>('textDocument/hover', params);
      expect((hover.contents as MarkupContent).value).toContain('**hole**: expected `User`');
    });

    test('"Spackle: Show Hole Context" renders the server\'s context of the hole', async () => {
      const params = await openSpot(block.served, SPOTS.explicit);
      const markdown = holeContextMarkdown(
        await block.client.request<HoleContextResult>('spackle/holeContext', params),
      );
      expect(markdown.split('\n')).toEqual(
        expect.arrayContaining([
          '# explicit hole: expected `User`',
          '## Relevant types',
          'export interface User {',
          '## Relevant headers',
          'function makeUser(name: string): User',
        ]),
      );
    });

    test('"Spackle: Fill Hole at Cursor" sends what the extension does; the edit, applied, type-checks', async () => {
      const {
        textDocument: { uri },
        position,
      } = await openSpot(block.served, SPOTS.prefix);
      const before = block.client.text(uri);
      const result = await block.client.request<FillHoleResult>('workspace/executeCommand', {
        command: 'spackle.fillHole',
        arguments: [{ uri, position }],
      });
      expect(result).toMatchObject({ text: 'guest', type: 'User' });
      expect(block.client.text(uri)).toBe(before.replace('label(gu)', 'label(guest)'));
      expect(errorsWith(block.served, uri, [])).toEqual([]);
    });
  });
});
