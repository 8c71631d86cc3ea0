import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MessageType, ShowMessageParams } from 'vscode-languageserver-protocol';
import type { ExpectedTypeResult } from '../../protocol/index.js';
import { Served, serveProject } from '../helpers/shop.js';

const HOLE = '_()';

/** Three projects under one workspace folder, each with a tsconfig an editor meets in the wild. */
const PROJECTS: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ files: [] }),
  // TypeScript 6 deprecates both options (rxjs still uses them); `paths` relies on baseUrl.
  'legacy/tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, baseUrl: '.', moduleResolution: 'node', paths: { '@models/*': ['models/*'] } },
  }),
  'legacy/models/member.ts': 'export interface Member { id: string; since: Date }\n',
  'legacy/app.ts': "import type { Member } from '@models/member';\n\nexport const member: Member = _();\n",
  'broken/tsconfig.json': '{ "compilerOptions": { "strict": true,\n',
  'broken/app.ts': 'export const count: number = _();\n',
  'unknownOption/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, frobnicate: true } }),
  'unknownOption/app.ts': 'export const ready: boolean = _();\n',
};

describe('projects whose tsconfig is deprecated or broken', () => {
  let served: Served;
  const expectedTypeIn = async (name: string) => {
    const uri = await served.open(name);
    return served.client.request<ExpectedTypeResult>('textDocument/expectedType', served.client.at(uri, HOLE));
  };
  const isWarningAbout = (config: string) => (m: ShowMessageParams) =>
    m.type === MessageType.Warning && m.message.includes(served.project.file(config));
  const warningAbout = (config: string) =>
    served.client.waitForNotification('window/showMessage', isWarningAbout(config));

  beforeAll(async () => {
    served = await serveProject(PROJECTS);
  });
  afterAll(() => served.dispose());

  test('baseUrl and moduleResolution "node" still load: paths resolve, no warning', async () => {
    const result = await expectedTypeIn('legacy/app.ts');
    expect(result.text).toBe('Member');
    expect(result.definitions.map((d) => d.uri)).toEqual([served.uri('legacy/models/member.ts')]);
    expect(served.client.notifications('window/showMessage').filter(isWarningAbout('legacy/tsconfig.json'))).toEqual(
      [],
    );
  });

  test('a tsconfig that is not valid JSON: a warning names it, and requests still answer', async () => {
    const result = await expectedTypeIn('broken/app.ts');
    expect(result.text).toBe('number');
    const warning = await warningAbout('broken/tsconfig.json');
    expect(warning.message).toMatch(/expected/i);
  });

  test('an unknown compiler option: a warning names the option, and requests still answer', async () => {
    const result = await expectedTypeIn('unknownOption/app.ts');
    expect(result.text).toBe('boolean');
    const warning = await warningAbout('unknownOption/tsconfig.json');
    expect(warning.message).toContain('frobnicate');
  });
});
