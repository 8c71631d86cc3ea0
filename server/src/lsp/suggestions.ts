/**
 * Suggestions at a document's cursor while the user types: what is shown, what is asked, what is waited for.
 */
import { Budget } from '../budget.js';
import type { CodeCompletion, FillResult } from '../analysis.js';
import type { Session } from './session.js';

/** What a cursor gets: the fills of its hole, or code a model completes it with. */
export type Suggestion = { kind: 'fill'; result: FillResult } | { kind: 'code'; completion: CodeCompletion };

/** The code completion last shown in a document: typing its first characters keeps the rest of it. */
interface Shown {
  before: string;
  after: string;
  completion: CodeCompletion;
}

/** The model's work for one place, shared by the requests that ask for it (completion and inline completion alike). */
interface Work {
  text: string;
  offset: number;
  kind: 'fill' | 'code';
  promise: Promise<Suggestion | undefined>;
  askers: Budget[];
  /** A request at another place (the user typed on) made this one moot. */
  superseded: boolean;
}

interface DocumentState {
  shown?: Shown;
  running?: Work;
  /** The text and offset of the newest request. */
  newest?: { text: string; offset: number };
}

/** Documents whose state is kept: those typed in last. */
const KEPT_DOCUMENTS = 16;

/**
 * Requests for suggestions at a cursor, per document, as the user types. A request whose document is a shown code
 * completion's with its first characters typed answers with the rest of it, asking no model. A newer request at
 * another place cancels the older one's work; requests at the same place share it (an editor asks completion and
 * inline completion at once), so at most one model request is in flight per document. With `llm.debounceMs`, a request
 * first waits that long for the typing to pause (for editors that ask at every keystroke).
 */
export class Suggestions {
  private readonly documents = new Map<string, DocumentState>();

  /**
   * The suggestion for a request at `offset` of `file`: code where the cursor takes code and the client can show it
   * (`wantsCode`), else fills (the embedded engine's where the cursor takes code). Undefined when a newer request made
   * it moot or nothing can go there; cancelled (the cancellation error) when the client cancels it.
   */
  async at(
    session: Session,
    file: string,
    offset: number,
    budget: Budget,
    wantsCode: boolean,
  ): Promise<Suggestion | undefined> {
    const { analysis, settings } = session;
    const limit = settings.fill.limit;
    const text = session.positions.document(file).getText();
    const state = this.stateOf(file);
    state.newest = { text, offset };
    if (state.running && !at(state.running, text, offset)) state.running.superseded = true;
    const moot = () => {
      budget.check();
      return state.newest?.text !== text || state.newest.offset !== offset;
    };
    if (wantsCode) {
      const kept = typedAhead(state.shown, text, offset);
      if (kept) return { kind: 'code', completion: kept };
    }
    if (settings.engine === 'embedded')
      return { kind: 'fill', result: await analysis.fill(file, offset, limit, budget) };
    if (settings.llm.debounceMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, settings.llm.debounceMs));
      if (moot()) return undefined;
    }
    const takes = analysis.cursorTakes(file, offset);
    if (!takes) return undefined;
    if (takes === 'code' && !wantsCode)
      return { kind: 'fill', result: await analysis.embeddedFill(file, offset, limit, budget) };
    let work = state.running;
    if (!work || work.superseded || !at(work, text, offset) || work.kind !== takes) {
      if (work) {
        work.superseded = true;
        await work.promise.catch(() => undefined);
      }
      if (moot()) return undefined;
      work = this.start(session, file, offset, takes, text);
      state.running = work;
    }
    work.askers.push(budget);
    const running = work;
    let suggestion: Suggestion | undefined;
    try {
      suggestion = await untilCancelled(running.promise, budget);
    } catch (error) {
      // Work a newer request cancelled ends as cancelled: that request answers instead.
      if (budget.isCancelled() || !running.superseded) throw error;
    } finally {
      if (state.running === running) state.running = undefined;
    }
    if (!suggestion || moot()) return undefined;
    if (suggestion.kind === 'code' && suggestion.completion.text)
      state.shown = { before: text.slice(0, offset), after: text.slice(offset), completion: suggestion.completion };
    return suggestion;
  }

  /** A closed document's state goes. */
  forget(file: string): void {
    this.documents.delete(file);
  }

  private start(session: Session, file: string, offset: number, kind: Work['kind'], text: string): Work {
    const work: Work = { text, offset, kind, promise: undefined!, askers: [], superseded: false };
    // The work stops when a newer request made it moot, or when every request waiting for it was cancelled.
    const budget = Budget.earliestOf(
      work.askers,
      () => work.superseded || (work.askers.length > 0 && work.askers.every((asker) => asker.isCancelled())),
    );
    const { analysis, settings } = session;
    work.promise =
      kind === 'fill'
        ? analysis.fill(file, offset, settings.fill.limit, budget).then((result) => ({ kind, result }))
        : analysis.completeAt(file, offset, budget).then((completion) => completion && { kind, completion });
    return work;
  }

  private stateOf(file: string): DocumentState {
    let state = this.documents.get(file);
    if (state) this.documents.delete(file);
    else state = {};
    this.documents.set(file, state);
    for (const old of [...this.documents.keys()].slice(0, Math.max(0, this.documents.size - KEPT_DOCUMENTS)))
      this.documents.delete(old);
    return state;
  }
}

function at(work: Work, text: string, offset: number): boolean {
  return work.text === text && work.offset === offset;
}

/**
 * The rest of the shown completion when the document is what it was with its first characters typed at the cursor:
 * the same text, once inserted, as the one checked — no model, no check. Asked again where nothing was typed, the
 * model is asked again (the project may have changed).
 */
function typedAhead(shown: Shown | undefined, text: string, offset: number): CodeCompletion | undefined {
  if (!shown) return undefined;
  const { before, after, completion } = shown;
  if (text.length - after.length !== offset || !text.startsWith(before) || !text.endsWith(after)) return undefined;
  const typed = text.slice(before.length, offset);
  if (!typed || !completion.text.startsWith(typed) || typed.length === completion.text.length) return undefined;
  return { ...completion, offset, text: completion.text.slice(typed.length) };
}

/** The work's answer, or undefined as soon as this request is cancelled (the work may go on for others). */
function untilCancelled<T>(work: Promise<T>, budget: Budget): Promise<T | undefined> {
  const { signal } = budget;
  if (signal.aborted) return Promise.resolve(undefined);
  const cancelled = new Promise<undefined>((resolve) =>
    signal.addEventListener('abort', () => resolve(undefined), { once: true }),
  );
  return Promise.race([work, cancelled]);
}
