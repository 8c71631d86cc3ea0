/**
 * How a repair reads to the user (`Change 'nmae' to 'name'`) and its change narrowed to what differs.
 */
import type { Proposal } from './proposals.js';
import type { RepairSite } from './repairSite.js';
import type { TextChange } from './repairData.js';

const IDENTIFIER_CHAR = /[\p{ID_Continue}$]/u;
const SHOWN_CHARS = 48;

/**
 * The change from `original` (at `start`) to `text`, cut down to what differs, in whole words: an editor then moves
 * nothing else, and comments or formatting around the fix stay as they are.
 */
export function narrowed(start: number, original: string, text: string): TextChange {
  const word = (c: string | undefined) => c !== undefined && IDENTIFIER_CHAR.test(c);
  let prefix = 0;
  while (prefix < original.length && prefix < text.length && original[prefix] === text[prefix]) prefix++;
  while (prefix > 0 && word(original[prefix - 1]) && (word(original[prefix]) || word(text[prefix]))) prefix--;
  let suffix = 0;
  const room = Math.min(original.length, text.length) - prefix;
  while (suffix < room && original[original.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
  while (
    suffix > 0 &&
    word(original[original.length - suffix]) &&
    (word(original[original.length - suffix - 1]) || word(text[text.length - suffix - 1]))
  )
    suffix--;
  return {
    start: start + prefix,
    end: start + original.length - suffix,
    text: text.slice(prefix, text.length - suffix),
  };
}

/** What a repair does, in a few words for a title: "change `naem` to `name`", "import `LIMIT` from './a'". */
export function describe(site: RepairSite, p: Proposal): string {
  switch (site.family) {
    case 'member':
      // A model may rewrite the access whole (`nameOf(user)`): then the whole access is what changes.
      if (p.text.startsWith(site.receiverText ?? ''))
        return `change \`${site.wrong}\` to \`${shown(p.text.slice(site.receiverText?.length ?? 0))}\``;
      break;
    case 'name':
      if (!p.extra) return `change \`${site.wrong}\` to \`${shown(p.text)}\``;
      return p.text === site.wrong
        ? p.extra.description
        : `change \`${site.wrong}\` to \`${p.text}\` and ${p.extra.description}`;
    case 'arity': {
      const change = narrowed(0, site.original, p.text);
      const removed = argumentText(site.original.slice(change.start, change.end));
      const added = argumentText(change.text);
      if (!added) return `remove argument \`${shown(removed)}\``;
      if (!removed) return `add argument \`${shown(added)}\``;
      return `change the call to \`${shown(p.text)}\``;
    }
  }
  return `replace \`${shown(site.original)}\` with \`${shown(p.text)}\``;
}

/** `, 2` or `2, ` as the argument `2`. */
function argumentText(text: string): string {
  return text.replace(/^\s*,\s*|\s*,\s*$/g, '').trim();
}

function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS - 1)}…` : line;
}
