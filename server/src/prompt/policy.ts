/**
 * Which files may reach a prompt: none outside the workspace folders, none holding secrets by convention (`.env*`,
 * `*.pem`, `*.key`, `id_*`) nor matching the user's deny globs. Invariant: a refused file's declarations are named in a
 * prompt, never shown.
 */
import * as path from 'node:path';
import type { HoleContext } from '../holes/holeData.js';

/** What may go into a prompt: files inside these folders that match no secret pattern nor deny glob. */
export interface PromptPolicy {
  folders: readonly string[];
  denyGlobs: readonly string[];
}

/** Files that hold secrets by convention, by base name: `.env*`, `*.pem`, `*.key`, `id_*` (SSH keys). */
const SECRET_NAMES = [/^\.env/, /\.pem$/i, /\.key$/i, /^id_/];

/** Why `file` must not reach a model, or undefined when it may. */
export function refusal(file: string, policy: PromptPolicy): string | undefined {
  const folder = policy.folders.find((f) => file.startsWith(f.endsWith('/') ? f : `${f}/`));
  if (!folder) return `${path.basename(file)} is outside the workspace folders`;
  const relative = file.slice(folder.length).replace(/^\//, '');
  if (relative.split('/').some((part) => SECRET_NAMES.some((pattern) => pattern.test(part))))
    return `${relative} matches a secret pattern`;
  const glob = policy.denyGlobs.find((g) => globPattern(g).test(relative));
  return glob && `${relative} matches the deny glob ${glob}`;
}

/**
 * The context without what other files would leak: declarations from files the policy refuses are named, not shown;
 * signatures from them are left out. The hole's own file is the caller's to refuse.
 */
export function promptable(ctx: HoleContext, policy: PromptPolicy): HoleContext {
  const allowed = (file: string) => refusal(file, policy) === undefined;
  return {
    ...ctx,
    relevantTypes: ctx.relevantTypes.map((t) => (allowed(t.ref.file) ? t : { ...t, text: t.name })),
    relevantHeaders: ctx.relevantHeaders.filter((h) => allowed(h.ref.file)),
  };
}

/** A glob as a regular expression over `/`-separated relative paths: `**` any folders, `*` and `?` within a name. A
 * pattern without `/` matches a name at any depth, as in .gitignore. */
function globPattern(glob: string): RegExp {
  const anchored = glob.includes('/') ? glob.replace(/^\//, '') : `**/${glob}`;
  let source = '';
  for (let i = 0; i < anchored.length; i++) {
    const c = anchored[i];
    if (anchored.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (anchored.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
