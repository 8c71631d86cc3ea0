import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentPositionParams, TextEdit } from 'vscode-languageserver-protocol';
import { Served, SHOP } from './shop.js';
import { typeErrors } from './typeCheck.js';

/**
 * SHOP's types and users, and files that hold one hole each: a fill that type-checks leaves its file without errors.
 */
export const FILL_PROJECT: Record<string, string> = {
  'src/types.ts': SHOP['src/types.ts'],
  'src/users.ts': SHOP['src/users.ts'],
  'src/visitor.ts': `import type { User } from './types';
import { guest } from './users';

// The visitor is the guest until someone signs in.
export function visitor(signedIn: User | undefined): User {
  return signedIn ?? _();
}
`,
  'src/caption.ts': `import { guest, label } from './users';

export const caption: string = label(gu);
`,
  'src/town.ts': `import { guest } from './users';

export const town: string = guest.address.;
`,
  'src/audit.ts': `import type { User } from './types';
import { label } from './users';

export function audit(user: User): void {
  console.info(label(user));
}
`,
  'src/vault.ts': `export class Vault {
  private constructor(readonly key: string) {}
}

export const vault: Vault = _();
`,
};

/** A place to ask for fills: the text around it, where the cursor goes in that text, and the hole's text there. */
export interface Spot {
  file: string;
  around: string;
  cursor: number;
  /** What a fill replaces: `_()` at an explicit hole, the identifier at a cursor hole; nothing where there is no hole. */
  hole?: string;
}

const spot = (file: string, around: string, cursorAfter: string, hole?: string): Spot => ({ file, around, cursor: cursorAfter.length, hole });

export const SPOTS = {
  /** Inside `_()`, where the editor leaves the cursor after typing it. */
  explicit: spot('src/visitor.ts', 'signedIn ?? _()', 'signedIn ?? _(', '_()'),
  /** After an identifier being typed, as an argument of type User. */
  prefix: spot('src/caption.ts', 'label(gu)', 'label(gu', 'gu'),
  /** After `.`, where a member name of type string goes. */
  member: spot('src/town.ts', 'address.;', 'address.', ''),
  /** A receiver nothing constrains: no fill type-checks in place of `console`. */
  unconstrained: spot('src/audit.ts', 'console.info', '', 'console'),
  /** A class with a private constructor and no value of it in scope: nothing fills it. */
  unfillable: spot('src/vault.ts', 'Vault = _()', 'Vault = _(', '_()'),
  /** Inside a comment: no hole at all. */
  comment: spot('src/visitor.ts', 'the guest until', 'the gu'),
} satisfies Record<string, Spot>;

/** A deadline no test machine reaches: the fills are those the engine finds, not those a slow machine had time for. */
export const UNHURRIED_FILL = { deadlineMs: 5_000 };
export const UNHURRIED = { initializationOptions: { fill: UNHURRIED_FILL } };

/** Opens the spot's file (if not yet open); the params of a request at the spot. */
export async function openSpot(served: Served, where: Spot): Promise<TextDocumentPositionParams> {
  const uri = served.uri(where.file);
  if (!served.client.isOpen(uri)) await served.client.open(uri);
  return served.client.at(uri, where.around, where.cursor);
}

/** The compiler's errors in an open document of `served` if `edits` were applied to it (they are not sent). */
export function errorsWith(served: Served, uri: string, edits: TextEdit[]): string[] {
  const doc = TextDocument.create(uri, 'typescript', 0, served.client.text(uri));
  return typeErrors(served.project.dir, fileURLToPath(uri), TextDocument.applyEdits(doc, edits));
}
