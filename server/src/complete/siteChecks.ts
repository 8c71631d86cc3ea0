/**
 * A completion checked in place before it is shown, and its longest part that type-checks.
 */
import type { Budget } from '../budget.js';
import { insertionErrors } from '../check/insertion.js';
import type { AddedError } from '../check/validate.js';
import { checksWarm } from '../workspace/warmChecker.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { CompletionSite, openBrackets } from './completionSite.js';
import { placed } from './trim.js';

/** Prefixes checked at most once the whole completion failed: each costs a program. */
const MAX_PREFIXES = 3;

/**
 * The checks of one completion site: each text is checked once (a model may give an answer again in an error round,
 * and a prefix may be an earlier answer), within `budget`.
 */
export class SiteChecks {
  private readonly known = new Map<string, AddedError[]>();

  constructor(
    private readonly base: FileSnapshot,
    private readonly site: CompletionSite,
    private readonly budget: Budget,
  ) {}

  /** Are the checks cheap (the file's warm checker makes them) rather than a program each? */
  get warm(): boolean {
    return checksWarm(this.base);
  }

  has(code: string): boolean {
    return this.known.has(code);
  }

  /** The errors `code` (a completion as `completionCode` cuts it) adds at the site; undefined when time ran out. */
  errors(code: string): AddedError[] | undefined {
    const known = this.known.get(code);
    if (known) return known;
    const added = insertionErrors(this.base, this.site.offset, placed(code, this.site), this.budget);
    if (added) this.known.set(code, added);
    return added;
  }

  /**
   * The longest prefix of whole lines of `code` that adds no error, knowing the errors the whole code adds: it ends
   * before the line of the first error in it (anywhere before the end when the errors lie outside it: an unused name,
   * a use further down), with every bracket it opens closed. At most MAX_PREFIXES are checked; '' when none holds.
   */
  longestPrefix(code: string, errors: readonly AddedError[]): { code: string; checks: number } {
    const { site } = this;
    const lines = code.split('\n');
    let checks = 0;
    for (
      let count = Math.min(lines.length - 1, firstErrorLine(site, code, errors));
      count > 0 && checks < MAX_PREFIXES;
    ) {
      const prefix = lines.slice(0, count).join('\n').trimEnd();
      if (!prefix.trim() || openBrackets(prefix) > 0) {
        count--;
        continue;
      }
      const added = this.errors(prefix);
      checks++;
      if (!added) break;
      if (!added.length) return { code: prefix, checks };
      count = Math.min(count - 1, firstErrorLine(site, prefix, added));
    }
    return { code: '', checks };
  }
}

/** The line of `code` holding the first error that lies in it; its line count when none does. */
function firstErrorLine(site: CompletionSite, code: string, errors: readonly AddedError[]): number {
  const text = placed(code, site);
  // What `placed` puts before the code: a body's line break and indentation, or the indentation the cursor lacks.
  const lead = text.replace(/\r\n/g, '\n').indexOf(code.split('\n')[0]);
  let line = code.split('\n').length;
  for (const error of errors) {
    const at = error.start - site.offset;
    if (at < lead || at > text.length) continue;
    const before = text.slice(0, at).replace(/\r\n/g, '\n').slice(lead);
    line = Math.min(line, before.split('\n').length - 1);
  }
  return line;
}
