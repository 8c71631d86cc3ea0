import { afterAll, beforeAll, expect } from 'vitest';
import type { TextDocumentPositionParams } from 'vscode-languageserver-protocol';
import { Fixture, fixture, FixtureOptions, withoutCursor } from './fixture.js';
import { LspClient, StartOptions, uriOf } from './lspClient.js';

/** A small strict project: types in one module, functions in another, holes in a third. */
export const SHOP: Record<string, string> = {
  'src/types.ts': `export interface Address {
  street: string;
  city: string;
}

export interface User {
  id: number;
  name: string;
  address: Address;
}
`,
  'src/users.ts': `import type { Address, User } from './types';

export function makeUser(name: string): User {
  const address: Address = { street: '', city: '' };
  return { id: 1, name, address };
}

export const guest: User = { id: 0, name: 'guest', address: { street: '', city: '' } };

export function label(user: User): string {
  return user.name;
}
`,
  'src/main.ts': `import type { User } from './types';
import { label } from './users';

function greet(user: User, times: number): string {
  return user.name.repeat(times);
}

export const owner: User = _();
export const greeting: string = greet();
export const caption = label(_());

export function rename(user: User, name: string): User {
  return { ...user, name: _() };
}
`,
  // CRLF line ends and characters outside the BMP: LSP positions count UTF-16 code units.
  'src/emoji.ts': "// h\u00E9llo\r\nexport const smile = '\u{1F600}'; export const total: number = _();\r\n",
};

/** The holes of SHOP's main.ts in document order: text around each (the cursor marker at its start) and its type. */
export const SHOP_HOLES = {
  owner: { around: 'owner: User = /*|*/_()', expected: 'User' },
  caption: { around: 'label(/*|*/_())', expected: 'User' },
  rename: { around: 'name: /*|*/_()', expected: 'string' },
};

/** Params pointing at the start of a hole of SHOP's main.ts. */
export function atShopHole(client: LspClient, uri: string, hole: keyof typeof SHOP_HOLES): TextDocumentPositionParams {
  const { text, cursor } = withoutCursor(SHOP_HOLES[hole].around);
  return client.at(uri, text, cursor);
}

/** A fixture project on disk and a server whose workspace folder it is. */
export interface Served {
  project: Fixture;
  client: LspClient;
  uri(name: string): string;
  /** Opens a fixture file as the editor would (text from disk); resolves to its URI. */
  open(name: string, languageId?: string): Promise<string>;
  /** shutdown + exit (asserting exit code 0), then removes the files. */
  dispose(): Promise<void>;
}

export async function serveProject(
  files: Record<string, string>,
  options: Omit<StartOptions, 'root'> = {},
  fixtureOptions: FixtureOptions = {},
): Promise<Served> {
  const project = fixture(files, {}, fixtureOptions);
  const client = await LspClient.start({ ...options, root: project.dir });
  const uri = (name: string) => uriOf(project.file(name));
  return {
    project,
    client,
    uri,
    open: (name, languageId) => client.open(uri(name), undefined, languageId),
    async dispose() {
      try {
        expect(await client.stop()).toBe(0);
      } finally {
        project.dispose();
      }
    },
  };
}

/** A server shared by the tests of a describe block, started before them with one file open, stopped after. */
export interface BlockServer {
  served: Served;
  client: LspClient;
  /** URI of the open file. */
  main: string;
}

/** Call inside a describe block; the returned object is filled in by its beforeAll. */
export function serverForBlock(
  files: Record<string, string> = SHOP,
  open = 'src/main.ts',
  options: Omit<StartOptions, 'root'> = {},
): BlockServer {
  const block = {} as BlockServer;
  beforeAll(async () => {
    block.served = await serveProject(files, options);
    block.client = block.served.client;
    block.main = await block.served.open(open);
  });
  afterAll(() => block.served.dispose());
  return block;
}

/** Asserts the server still answers a good request: the holes of SHOP's main.ts (which must be open). */
export async function expectStillServing(served: Served): Promise<void> {
  const holes = await served.client.request<unknown[]>('spackle/holes', {
    textDocument: { uri: served.uri('src/main.ts') },
  });
  expect(holes).toHaveLength(Object.keys(SHOP_HOLES).length);
}
