import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CodeAction, LSPErrorCodes, TextEdit } from 'vscode-languageserver-protocol/node';
import type { RepairFileResult } from '../../protocol/index.js';
import { CLIENT_CAPABILITIES } from '../helpers/lspClient.js';
import { UNHURRIED } from '../helpers/fillProject.js';
import { serverForBlock } from '../helpers/shop.js';
import { typeErrors } from '../helpers/typeCheck.js';

const REPAIR_PROJECT: Record<string, string> = {
  'src/model.ts': `export interface User {
  name: string;
  age: number;
}

export const LIMIT = 3;
`,
  'src/main.ts': `import type { User } from './model';

export function describeUser(user: User, count: number): string {
  const years: number = user.age;
  return user.nmae + years + cout;
}

export const last = LIMIT - 1;
export const unknown = zzyzx;
`,
};

/** VS Code's code action capabilities: it resolves a repair's edit only when the user picks it. */
const RESOLVING = {
  ...CLIENT_CAPABILITIES,
  textDocument: {
    ...CLIENT_CAPABILITIES.textDocument,
    codeAction: { ...CLIENT_CAPABILITIES.textDocument!.codeAction, resolveSupport: { properties: ['edit'] } },
  },
};

describe('repair code actions', () => {
  const block = serverForBlock(REPAIR_PROJECT, 'src/main.ts', UNHURRIED);
  const errorsAfter = (uri: string, edits: TextEdit[]) => {
    const doc = block.client.text(uri);
    let text = doc;
    for (const e of [...edits].sort((a, b) => offset(doc, b.range.start) - offset(doc, a.range.start))) {
      text = text.slice(0, offset(doc, e.range.start)) + e.newText + text.slice(offset(doc, e.range.end));
    }
    return typeErrors(block.served.project.dir, fileURLToPath(uri), text);
  };
  const actionsAt = (needle: string, diagnostics: unknown[] = []) => {
    const range = {
      start: block.client.position(block.main, needle),
      end: block.client.position(block.main, needle, needle.length),
    };
    return block.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: block.main },
      range,
      context: { diagnostics },
    });
  };

  test('at an error the editor sent nothing about: "Spackle: …" fixes, best first, each removing it', async () => {
    const actions = await actionsAt('nmae');
    expect(actions[0]).toMatchObject({
      title: 'Spackle: change `nmae` to `name`',
      kind: 'quickfix',
      isPreferred: true,
      diagnostics: [],
    });
    expect(actions.length).toBeLessThanOrEqual(3);
    for (const action of actions) {
      const edits = action.edit!.changes![block.main];
      expect(
        errorsAfter(block.main, edits).filter((e) => !/cout|zzyzx|LIMIT/.test(e)),
        action.title,
      ).toEqual([]);
    }
  });

  test('the diagnostic the editor sent (from its TypeScript server) is the one the action fixes', async () => {
    const range = {
      start: block.client.position(block.main, 'cout'),
      end: block.client.position(block.main, 'cout', 4),
    };
    const diagnostic = {
      range,
      code: 2552,
      source: 'ts',
      message: "Cannot find name 'cout'. Did you mean 'count'?",
      severity: 1,
    };
    const line = { start: { line: range.start.line, character: 0 }, end: { line: range.start.line, character: 0 } };
    const actions = await block.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: block.main },
      range: line,
      context: { diagnostics: [diagnostic] },
    });
    expect(actions.map((a) => a.title)).toEqual(['Spackle: change `cout` to `count`']);
    expect(actions[0].diagnostics).toEqual([diagnostic]);
  });

  test('a project export used without import: the import', async () => {
    const [action] = await actionsAt('LIMIT');
    expect(action.title).toBe("Spackle: import `LIMIT` from './model'");
    // After the file's last import.
    const after = block.client.position(block.main, "from './model';", "from './model';".length);
    expect(action.edit!.changes![block.main]).toEqual([
      { range: { start: after, end: after }, newText: "\nimport { LIMIT } from './model';" },
    ]);
  });

  test('where nothing repairs the error, or there is none: no action', async () => {
    expect(await actionsAt('zzyzx')).toEqual([]);
    expect(await actionsAt('describeUser')).toEqual([]);
  });

  test('spackle.repairFile applies the best repair of every error in one edit and reports what it left', async () => {
    const uri = await block.served.open('src/main.ts');
    const result = await block.client.request<RepairFileResult>('workspace/executeCommand', {
      command: 'spackle.repairFile',
      arguments: [{ uri }],
    });
    expect(result.fixed.map((f) => [f.code, f.description])).toEqual([
      [2339, 'change `nmae` to `name`'],
      [2552, 'change `cout` to `count`'],
      [2304, "import `LIMIT` from './model'"],
    ]);
    expect(result.unfixed).toEqual([
      expect.objectContaining({ code: 2304, reason: 'no candidate', message: "Cannot find name 'zzyzx'." }),
    ]);
    expect(block.client.text(uri)).toContain('return user.name + years + count;');
    expect(typeErrors(block.served.project.dir, fileURLToPath(uri), block.client.text(uri))).toEqual([
      "10:24 Cannot find name 'zzyzx'.",
    ]);
  });
});

describe('with a client that resolves code actions', () => {
  const block = serverForBlock(REPAIR_PROJECT, 'src/main.ts', { ...UNHURRIED, capabilities: RESOLVING });
  const offer = async () => {
    const range = { start: block.client.position(block.main, 'nmae'), end: block.client.position(block.main, 'nmae') };
    return block.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: block.main },
      range,
      context: { diagnostics: [] },
    });
  };

  test('the offer carries no edit; resolving proves the repair on the whole file and gives it', async () => {
    const [first] = await offer();
    expect(first.edit).toBeUndefined();
    const resolved = await block.client.request<CodeAction>('codeAction/resolve', first);
    expect(resolved.title).toBe(first.title);
    expect(resolved.edit!.changes![block.main]).toEqual([
      {
        range: { start: block.client.position(block.main, 'nmae'), end: block.client.position(block.main, 'nmae', 4) },
        newText: 'name',
      },
    ]);
  });

  test('after the document changed, resolving says so instead of giving a stale edit', async () => {
    const [first] = await offer();
    await block.client.replace(block.main, 'const years', 'const  years');
    const error = await block.client.requestError('codeAction/resolve', first);
    expect(error.code).toBe(LSPErrorCodes.ContentModified);
  });
});

function offset(text: string, position: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((sum, l) => sum + l.length + 1, 0) + position.character;
}

describe('once an edit settles', () => {
  const block = serverForBlock(REPAIR_PROJECT, 'src/main.ts', {
    initializationOptions: { ...UNHURRIED.initializationOptions, logLevel: 'debug' },
  });

  test('the errors it left are repaired ahead, and the code actions at them give those repairs', async () => {
    await block.client.replace(block.main, 'const years: number = user.age;', 'const years: number = user.aeg;');
    await block.client.waitForNotification<{ message: string }>('window/logMessage', (p) =>
      /repaired ahead 1 error\(s\) in .*main\.ts/.test(p.message),
    );
    const range = { start: block.client.position(block.main, 'aeg'), end: block.client.position(block.main, 'aeg', 3) };
    const actions = await block.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: block.main },
      range,
      context: { diagnostics: [] },
    });
    expect(actions[0].title).toBe('Spackle: change `aeg` to `age`');
  });
});
