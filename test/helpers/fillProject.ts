import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentPositionParams, TextEdit } from 'vscode-languageserver-protocol';
import { withoutCursor } from './fixture.js';
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

/** A place to ask for fills: the text around it with the cursor marker where the cursor goes, and the hole's text. */
export interface Spot {
  file: string;
  around: string;
  /**
   * What a fill replaces: `_()` at an explicit hole, the identifier at a cursor hole; nothing where there is no hole.
   */
  hole?: string;
}

export const SPOTS = {
  /** Inside `_()`, where the editor leaves the cursor after typing it. */
  explicit: { file: 'src/visitor.ts', around: 'signedIn ?? _(/*|*/)', hole: '_()' },
  /** After an identifier being typed, as an argument of type User. */
  prefix: { file: 'src/caption.ts', around: 'label(gu/*|*/)', hole: 'gu' },
  /** After `.`, where a member name of type string goes. */
  member: { file: 'src/town.ts', around: 'address./*|*/;', hole: '' },
  /** A receiver nothing constrains: no fill type-checks in place of `console`. */
  unconstrained: { file: 'src/audit.ts', around: '/*|*/console.info', hole: 'console' },
  /** A class with a private constructor and no value of it in scope: nothing fills it. */
  unfillable: { file: 'src/vault.ts', around: 'Vault = _(/*|*/)', hole: '_()' },
  /** Inside a comment: no hole at all. */
  comment: { file: 'src/visitor.ts', around: 'the gu/*|*/est until' },
} satisfies Record<string, Spot>;

/** A deadline no test machine reaches: the fills are those the engine finds, not those a slow machine had time for. */
export const UNHURRIED_FILL = { deadlineMs: 5_000 };
export const UNHURRIED = { initializationOptions: { fill: UNHURRIED_FILL } };

/** Opens the spot's file (if not yet open); the params of a request at the spot. */
export async function openSpot(served: Served, where: Spot): Promise<TextDocumentPositionParams> {
  const uri = served.uri(where.file);
  if (!served.client.isOpen(uri)) await served.client.open(uri);
  const { text, cursor = 0 } = withoutCursor(where.around);
  return served.client.at(uri, text, cursor);
}

/** The compiler's errors in an open document of `served` if `edits` were applied to it (they are not sent). */
export function errorsWith(served: Served, uri: string, edits: TextEdit[]): string[] {
  const doc = TextDocument.create(uri, 'typescript', 0, served.client.text(uri));
  return typeErrors(served.project.dir, fileURLToPath(uri), TextDocument.applyEdits(doc, edits));
}
