/**
 * A `HoleContext` rendered as model context within a token budget: sections share the budget in a fixed order and hand
 * unused shares on; what does not fit is still named.
 */
import { estimateTokens } from '../holes/relevantTypes.js';
import type { HoleContext } from '../holes/holeData.js';

/** Sections of the rendered context, highest priority first. */
export const SECTION_ORDER = [
  'expectedType',
  'receiver',
  'relevantTypes',
  'relevantHeaders',
  'bindings',
  'enclosing',
] as const;
export type SectionName = (typeof SECTION_ORDER)[number];

/**
 * The budget share each section may claim, in priority order (shares of sections a hole does not have go to the
 * others in proportion); what a section leaves unused passes to the next, and what is left at the end goes back in
 * priority order. Shares keep long type declarations from starving bindings at small budgets. Chosen by measurement:
 * recall@B of `npm run bench:context` on rxjs and zod (a grid over the shares, tuned on one seed's sites and checked
 * on another's). Headers need little of their own: there are few, and the leftover reaches them early.
 */
export const SECTION_SHARES: Readonly<Record<SectionName, number>> = {
  expectedType: 0.05,
  receiver: 0.5,
  relevantTypes: 0.175,
  relevantHeaders: 0.05,
  bindings: 0.175,
  enclosing: 0.05,
};

/**
 * Of its share, what a section keeps for naming the items it cannot show in full: a name costs a few tokens and
 * tells a model the thing exists, a full line tells it how to use it.
 */
export const NAMES_SHARE = 0.5;

export interface RenderedContext {
  text: string;
  tokens: number;
  /** Tokens each section spent; 0 when it was left out. */
  sections: Record<SectionName, number>;
  /** The text of each section that made it in (templates may place them apart). */
  parts: Partial<Record<SectionName, string>>;
}

interface Item {
  /** How the item is named in the names-only line. */
  name: string;
  /** The item in full; absent for what is only ever named (library types: a model knows them). */
  detail?: string;
}

interface Section {
  name: SectionName;
  title?: string;
  items: Item[];
  /** Heads the line that names the items not shown in full; without it such items are left out. */
  namesTitle?: string;
  /** A declaration cut to its first lines still names the type and its first members. */
  divisible?: boolean;
}

type TokenCounter = (text: string) => number;

export interface RenderOptions {
  /** Tokens of a text; the estimate (chars / 3.6) until a model's tokenizer is known. */
  countTokens?: TokenCounter;
  shares?: Readonly<Record<SectionName, number>>;
  namesShare?: number;
}

/**
 * The HoleContext as a model reads it — expected type, receiver members, type declarations, fitting headers,
 * bindings `name: type`, enclosing signature — cut to `budgetTokens` (an unbounded budget renders everything).
 */
export function renderContext(ctx: HoleContext, budgetTokens: number, options: RenderOptions = {}): RenderedContext {
  const { countTokens = estimateTokens, shares = SECTION_SHARES, namesShare = NAMES_SHARE } = options;
  const cost = (line: string) => countTokens(line + '\n');
  const fills = sectionsOf(ctx).map((section) => new SectionFill(section, cost));
  // Sections this hole has none of (a receiver, say) leave their share to the others, in proportion.
  const present = fills.reduce((sum, f) => sum + shares[f.section.name], 0);
  let carry = 0;
  let spent = 0;
  for (const fill of fills) {
    const share = Math.floor((shares[fill.section.name] / present) * budgetTokens) + carry;
    // A one-line section (the expected type) gets its line when the budget still holds it: priority before shares.
    const allowance = Math.min(budgetTokens - spent, Math.max(share, fill.minimum));
    fill.fill(allowance, fill.section.namesTitle ? Math.floor(allowance * (1 - namesShare)) : allowance);
    carry = allowance - fill.spent;
    spent += fill.spent;
  }
  let left = budgetTokens - spent;
  for (const fill of fills) {
    const before = fill.spent;
    fill.fill(before + left);
    left -= fill.spent - before;
  }

  const counts = Object.fromEntries(SECTION_ORDER.map((name) => [name, 0])) as Record<SectionName, number>;
  const parts: RenderedContext['parts'] = {};
  for (const fill of fills) {
    const lines = fill.lines();
    if (!lines.length) continue;
    parts[fill.section.name] = lines.join('\n');
    counts[fill.section.name] = countTokens(parts[fill.section.name]!);
  }
  const text = Object.values(parts).join('\n');
  return { text, tokens: countTokens(text), sections: counts, parts };
}

/**
 * What a section has taken: items in full (or cut to their first lines) and items by name only. Items are taken in
 * rank order; one too large for what is left is named instead, and a smaller one after it may still come in full.
 */
class SectionFill {
  private readonly full = new Map<number, string>();
  /** Items in `full` cut to their first lines: more room may show more of them. */
  private readonly cut = new Set<number>();
  private readonly named = new Set<number>();
  private fullTokens = 0;
  private namesTokens = 0;

  constructor(
    readonly section: Section,
    private readonly cost: TokenCounter,
  ) {}

  get spent(): number {
    return this.fullTokens + this.namesTokens;
  }

  /** What a section without a names line needs to show its first item. */
  get minimum(): number {
    const {
      title,
      items: [first],
      namesTitle,
    } = this.section;
    if (namesTitle || first?.detail === undefined) return 0;
    return (title ? this.cost(title) : 0) + this.cost(first.detail);
  }

  /**
   * Takes more items while the section spends at most `limit`, in full while it spends at most `fullLimit` (the rest
   * of the limit names the items left); an item named before may move up to full.
   */
  fill(limit: number, fullLimit = limit): void {
    const { items, namesTitle } = this.section;
    items.forEach((item, index) => {
      if ((!this.full.has(index) || this.cut.has(index)) && item.detail !== undefined)
        this.takeFull(index, item.detail, fullLimit);
    });
    if (namesTitle)
      items.forEach((_, index) => {
        if (!this.full.has(index) && !this.named.has(index)) this.takeName(index, limit);
      });
  }

  lines(): string[] {
    const byRank = (indices: Iterable<number>) => [...indices].sort((a, b) => a - b);
    const full = byRank(this.full.keys()).map((i) => this.full.get(i)!);
    const out = full.length && this.section.title ? [this.section.title, ...full] : full;
    if (this.named.size) out.push(this.namesLine(byRank(this.named)));
    return out;
  }

  private takeFull(index: number, detail: string, limit: number): boolean {
    const current = this.full.get(index);
    const held = current === undefined ? 0 : this.cost(current);
    const title = this.full.size === 0 && this.section.title ? this.cost(this.section.title) : 0;
    const names = this.namesCost([...this.named].filter((i) => i !== index));
    const room = limit - (this.fullTokens - held) - title - names;
    const text =
      this.cost(detail) <= room ? detail : this.section.divisible ? leadingLines(detail, room, this.cost) : undefined;
    if (text === undefined || (current !== undefined && text.length <= current.length)) return false;
    this.named.delete(index);
    this.full.set(index, text);
    if (text === detail) this.cut.delete(index);
    else this.cut.add(index);
    this.fullTokens += title + this.cost(text) - held;
    this.namesTokens = names;
    return true;
  }

  private takeName(index: number, limit: number): void {
    const names = this.namesCost([...this.named, index]);
    if (this.fullTokens + names > limit) return;
    this.named.add(index);
    this.namesTokens = names;
  }

  private namesCost(indices: number[]): number {
    return indices.length ? this.cost(this.namesLine(indices)) : 0;
  }

  private namesLine(indices: number[]): string {
    return `${this.section.namesTitle} ${indices.map((i) => this.section.items[i].name).join(', ')}`;
  }
}

const CUT_MARK = '  …';

/** The first lines of a multi-line item that fit in `room` with a cut mark, if at least one does. */
function leadingLines(item: string, room: number, cost: TokenCounter): string | undefined {
  const lines = item.split('\n');
  let used = cost(CUT_MARK);
  let count = 0;
  while (count < lines.length - 1 && used + cost(lines[count]) <= room) used += cost(lines[count++]);
  return count ? [...lines.slice(0, count), CUT_MARK].join('\n') : undefined;
}

function sectionsOf(ctx: HoleContext): Section[] {
  const sections: Section[] = [];
  const add = (section: Section) => {
    if (section.items.length) sections.push(section);
  };
  const one = (name: SectionName, line: string | undefined) =>
    add({ name, items: line ? [{ name, detail: line }] : [] });
  one('expectedType', ctx.expectedType && `// Expected type: ${ctx.expectedType.text}`);
  if (ctx.receiver) {
    add({
      name: 'receiver',
      title: `// Members of ${ctx.receiver.text}: ${ctx.receiver.type}`,
      items: ctx.receiver.members.map((m) => ({ name: m.name, detail: `${m.name}: ${m.type}` })),
      namesTitle: `// More members of ${ctx.receiver.text}:`,
    });
  }
  add({
    name: 'relevantTypes',
    title: '// Types',
    items: ctx.relevantTypes.map((t) => ({ name: t.name, detail: t.text === t.name ? undefined : t.text })),
    namesTitle: '// More types:',
    divisible: true,
  });
  add({
    name: 'relevantHeaders',
    title: '// Values and functions that fit',
    items: ctx.relevantHeaders.map((h) => ({ name: h.name, detail: headerLine(h) })),
    namesTitle: '// More that fit:',
  });
  add({
    name: 'bindings',
    title: '// In scope',
    items: ctx.bindings.map((b) => ({ name: b.name, detail: b.type === undefined ? b.name : `${b.name}: ${b.type}` })),
    namesTitle: '// More in scope:',
  });
  one('enclosing', ctx.enclosing && `// Enclosing: ${ctx.enclosing.signature}`);
  return sections;
}

/** A header's signature, prefixed with how it is reached when that is not already its own name (`source.pipe`). */
function headerLine(header: HoleContext['relevantHeaders'][number]): string {
  const own = header.name.replace(/^new /, '').split('.').pop() ?? header.name;
  const reached = header.name.includes('.') || !header.signature.includes(own);
  return reached ? `${header.name} ~ ${header.signature}` : header.signature;
}
