/** The project of the completion-anywhere tests: a function with an empty body, and the model that writes it. */
import type { FakeRequest, Reply } from './fakeOpenAI.js';
import type { Spot } from './fillProject.js';

/** A file whose function has an empty body: a model completes it there (completion anywhere). */
export const WELCOME_FILE = 'src/welcome.ts';

export const WELCOME: Record<string, string> = {
  [WELCOME_FILE]: `import type { User } from './types';
import { label } from './users';

// A welcome line for a user.
export function welcome(user: User): string {
  
}
`,
};

/** The empty line of the body, where the editor leaves the cursor (indented) after `{` and Enter. */
export const WELCOME_BODY: Spot = { file: WELCOME_FILE, around: 'string {\n  /*|*/\n}' };

/** What the scripted model writes there: a body that type-checks in place. */
export const WELCOME_ANSWER = 'const name = label(user);\n  return `Welcome, ${name}!`;';

/**
 * The scripted model of the editors' and stdio tests: the body above where a prompt asks for one; asked to go on
 * (after a correction), nothing more.
 */
export function welcomeModel(request: FakeRequest): Reply {
  if (request.prefill) return { text: '' };
  return { text: request.prompt.includes('function welcome(user: User): string {') ? WELCOME_ANSWER : '' };
}
