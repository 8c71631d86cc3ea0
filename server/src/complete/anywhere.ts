/**
 * Completion anywhere: code a model writes at a cursor, under the type monitors, checked in place before it is shown.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import type { LlmSettings, Settings } from '../config.js';
import { codeMonitor } from '../decode/monitors.js';
import { guidedDecode } from '../decode/driver.js';
import type { Intervention, Monitor } from '../decode/types.js';
import type { AddedError } from '../check/validate.js';
import { nodeAt } from '../ts/ast.js';
import { isUninformative } from '../holes/expectedType.js';
import { HoleSite, holeSiteAt } from '../holes/site.js';
import { ERROR_ROUNDS } from '../llm/llmFill.js';
import { Asking, askAbout, nameUsage } from '../llm/query.js';
import type { Logger } from '../log.js';
import { ModelError } from '../models/modelData.js';
import type { AnswerShape, Feedback } from '../prompt/holePrompt.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { completionContext } from './completionContext.js';
import { CompletionShape, CompletionSite, completionSite } from './completionSite.js';
import { completionCode, completionEnd, linesSoFar, placed, prepared } from './trim.js';
import { SiteChecks } from './siteChecks.js';

const UNCHECKED = 'the deadline passed before the completion was checked';
/** Bindings in scope typed for a completion's context, the nearest first. */
const TYPED_BINDINGS = 12;
/** A check ahead this slow ends checking ahead for the answer (a first one resolving the calls' types: ~100 ms). */
const SLOW_AHEAD_MS = 200;

/** What a cursor takes: fills of its hole (an explicit `_()`, an expression of a known type) or code completing it. */
export type CursorTakes = { kind: 'fill' } | { kind: 'code'; hole: HoleSite; site: CompletionSite };

export interface CompletionRequest {
  workspace: Workspace;
  file: string;
  offset: number;
  settings: Settings;
  logger: Logger;
}

/** What the model and the checks did for one completion: in the log, the CLI's JSON and the benchmarks. */
export interface CompletionReport {
  model: string;
  shape: CompletionShape;
  requests: number;
  /** Error rounds used (0: the first answer type-checked, or none did and no round was left). */
  rounds: number;
  interventions: Intervention[];
  /** Each answer as cut for the cursor, with the errors it adds (none for one that type-checks). */
  answers: Array<{ code: string; errors: string[] }>;
  /** What is shown is the longest prefix of the last answer that adds no error. */
  cut: boolean;
  /** Lines checked while the model wrote on (`linesSoFar`): the answer's check finds their types resolved. */
  checkedAhead: number;
  /** Why nothing is shown, when nothing is. */
  failure?: string;
  /**
   * Before the first request (context, prompt, monitors), the model's own time (from each request to its last piece),
   * the monitors' checks, the checks in place, all: ms.
   */
  setupMs: number;
  modelMs: number;
  monitorMs: number;
  verifyMs: number;
  ms: number;
}

/** Code to insert at the cursor; empty when nothing may be shown. */
export interface CodeCompletion {
  offset: number;
  text: string;
  /** It adds no error in place; unverified ones are shown in lenient mode only, with their errors. */
  verified: boolean;
  errors: string[];
  /** Who wrote it and what made it hold, for the user. */
  rationale: string;
  report: CompletionReport;
}

/**
 * What the cursor at `offset` takes. An explicit hole, or a cursor in an expression whose expected type says something,
 * takes fills as before; elsewhere in code the cursor takes code: the rest of its line, statements, a body. Undefined
 * where no code can go (the core refuses positions in comments and strings with `invalidPosition`).
 */
export function cursorTakes(snapshot: FileSnapshot, offset: number): CursorTakes | undefined {
  let known = taken.get(snapshot.program);
  if (!known) taken.set(snapshot.program, (known = new Map()));
  const key = `${snapshot.sourceFile.fileName}:${offset}`;
  if (known.has(key)) return known.get(key);
  const hole = holeSiteAt(snapshot, offset);
  const site = completionSite(snapshot.sourceFile, offset);
  const takes: CursorTakes | undefined =
    hole.hole.kind === 'explicit' || (site?.shape === 'line' && isConstrained(hole))
      ? { kind: 'fill' }
      : site && { kind: 'code', hole, site };
  known.set(key, takes);
  return takes;
}

/**
 * What cursors take, per program (a cursor's hole site costs a speculative program): the editor asks what a cursor
 * takes, then for its completion, before the next edit.
 */
const taken = new WeakMap<ts.Program, Map<string, CursorTakes | undefined>>();

function isConstrained(hole: HoleSite): boolean {
  return (
    !!hole.expression &&
    !!hole.expected &&
    !isUninformative(hole.expected) &&
    !hole.unresolved &&
    !(hole.expected.flags & ts.TypeFlags.Unknown)
  );
}

/**
 * The code a model completes the site with (BENCHMARKS.md §5): prompted with the code around the cursor and the
 * place's context, decoded under the type monitors (names the code declares included), cut as peers cut, then checked
 * in place against the document as it is. An answer that adds errors goes back with the compiler's messages for up to
 * ERROR_ROUNDS rounds within `llm.deadlineMs` (and `budget`, which cancels it); then the longest prefix of whole lines
 * that adds no error is shown, else nothing (lenient mode: the answer, marked unverified).
 */
export async function completeAt(
  request: CompletionRequest,
  hole: HoleSite,
  site: CompletionSite,
  budget: Budget,
): Promise<CodeCompletion> {
  const { workspace, file, settings, logger } = request;
  const llm = settings.llm;
  const run = new CompletionRun(site, llm.model ?? '');
  if (!llm.baseUrl || !llm.model) return run.fail('no model is configured (spackle.llm.baseUrl and spackle.llm.model)');
  const snapshot = workspace.snapshot(file);
  const text = snapshot.sourceFile.text;
  const time = budget.within(llm.deadlineMs);
  // The context goes before the model's time: only the nearest bindings are typed (on a fresh checker, printing the
  // types of every binding in scope costs more than the rest of the context).
  const ctx = completionContext(snapshot, hole, site, { ...settings.context, typedBindings: TYPED_BINDINGS }, time);
  const asking = await askAbout(request, { base: snapshot, ctx, text }, answerShape(site, llm));
  if (typeof asking === 'string') return run.fail(asking);
  const monitor = llm.monitors ? monitorAt(snapshot, site) : undefined;
  const checks = new SiteChecks(snapshot, site, time);
  run.report.setupMs = run.elapsedMs();
  const rounds = await errorRounds(run, { asking, monitor, checks, settings, time }, budget);
  if ('completion' in rounds) return rounds.completion;
  const { last } = rounds;
  const prefix = run.verify(() => checks.longestPrefix(last.code, last.errors));
  if (prefix.code) {
    run.report.cut = true;
    return run.done(prefix.code, true);
  }
  const messages = last.errors.map((e) => e.message);
  if (settings.fill.mode === 'lenient') return run.done(last.code, false, messages);
  run.report.failure = `no answer type-checks in place (last: ${messages[0]})`;
  logger.log('debug', `completion at ${site.offset}: ${run.report.failure}`);
  return run.done('', false, messages);
}

/** One completion under way: what it reports, and the completion it ends with. */
class CompletionRun {
  readonly report: CompletionReport;
  private readonly started = performance.now();

  constructor(
    readonly site: CompletionSite,
    model: string,
  ) {
    this.report = {
      model,
      shape: site.shape,
      requests: 0,
      rounds: 0,
      interventions: [],
      answers: [],
      cut: false,
      checkedAhead: 0,
      setupMs: 0,
      modelMs: 0,
      monitorMs: 0,
      verifyMs: 0,
      ms: 0,
    };
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  done(code: string, verified: boolean, errors: string[] = []): CodeCompletion {
    const { report, site } = this;
    report.ms = this.elapsedMs();
    return { offset: site.offset, text: placed(code, site), verified, errors, rationale: rationaleOf(report), report };
  }

  fail(why: string): CodeCompletion {
    this.report.failure = why;
    return this.done('', false);
  }

  /** `work`, a check in place, timed in the report. */
  verify<T>(work: () => T): T {
    const from = performance.now();
    try {
      return work();
    } finally {
      this.report.verifyMs += performance.now() - from;
    }
  }
}

/** The type monitors for code at the site: names the code declares included. */
function monitorAt(snapshot: FileSnapshot, site: CompletionSite): Monitor | undefined {
  if (site.leadStart === undefined) return undefined;
  const place = {
    snapshot,
    node: nodeAt(snapshot.sourceFile, site.offset),
    offset: site.offset,
    lead: snapshot.sourceFile.text.slice(site.leadStart, site.offset),
    inClassBody: site.inClassBody,
  };
  return codeMonitor(place, nameUsage(snapshot));
}

/** What the error rounds ask the model with, and what checks its answers in place within `time`. */
interface RoundsInput {
  asking: Asking;
  monitor?: Monitor;
  checks: SiteChecks;
  settings: Settings;
  time: Budget;
}

/** The last answer, which adds errors. */
interface LastAnswer {
  code: string;
  errors: AddedError[];
}

/**
 * The model asked for up to 1 + ERROR_ROUNDS answers, each checked in place, the errors of one fed back for the next:
 * the completion once one type-checks or nothing can be shown, else the last answer with its errors.
 */
async function errorRounds(
  run: CompletionRun,
  input: RoundsInput,
  budget: Budget,
): Promise<{ completion: CodeCompletion } | { last: LastAnswer }> {
  const { asking, monitor, checks, settings, time } = input;
  const { prompt, provider, tokenizer } = asking;
  const { report, site } = run;
  const llm = settings.llm;
  const end = (answer: string) => completionEnd(prepared(answer, site), site, llm.multiline, false);
  const ends = (completion: CodeCompletion) => ({ completion });
  const ahead = checkingAhead(run, checks, llm.multiline);
  const requestsBefore = provider.requests;
  const feedback: Feedback[] = [];
  let last: LastAnswer | undefined;
  try {
    for (let round = 0; round <= ERROR_ROUNDS; round++) {
      const roundStarted = performance.now();
      report.rounds = round;
      const avoid = report.answers.map((a) => a.code);
      const decoded = await guidedDecode({
        provider,
        prompt,
        feedback,
        budget: time,
        end,
        tokenizer,
        monitor,
        avoid,
        ahead,
      });
      report.interventions.push(...decoded.interventions);
      report.modelMs += decoded.modelMs;
      report.monitorMs += decoded.checkMs.reduce((sum, ms) => sum + ms, 0);
      const code = completionCode(decoded.text, site, llm.multiline);
      if (!code) {
        report.answers.push({ code, errors: [] });
        return ends(run.fail('the model wrote no code for this place'));
      }
      const errors = run.verify(() => checks.errors(code));
      if (!errors && budget.isCancelled()) return ends(run.fail('cancelled'));
      if (!errors)
        return ends(settings.fill.mode === 'lenient' ? run.done(code, false, [UNCHECKED]) : run.fail(UNCHECKED));
      report.answers.push({ code, errors: errors.map((e) => e.message) });
      if (!errors.length) return ends(run.done(code, true));
      last = { code, errors };
      feedback.push({ text: code, errors: located(errors, site, code) });
      // Another round must leave time for its answer and for the prefix of the last one to be checked.
      if (time.remainingMs < 2 * (performance.now() - roundStarted)) break;
    }
  } catch (error) {
    if (budget.isCancelled() || (error instanceof ModelError && error.failure === 'cancelled'))
      return ends(run.fail('cancelled'));
    if (!(error instanceof ModelError)) throw error;
    if (!last) return ends(run.fail(error.message));
  } finally {
    report.requests = provider.requests - requestsBefore;
  }
  return { last: last! };
}

/**
 * The lines the model has written so far checked while it writes on (each text once): the answer's check then finds
 * their types resolved. Only where the file's warm checker makes the checks (elsewhere each is a program of its own,
 * which holds the stream up longer than it saves: zod's largest files, seconds an answer), and no more once one took
 * over SLOW_AHEAD_MS (the next is as costly).
 */
function checkingAhead(
  run: CompletionRun,
  checks: SiteChecks,
  multiline: boolean,
): ((text: string) => void) | undefined {
  if (!checks.warm) return undefined;
  let slow = false;
  return (text) => {
    const lines = !slow && linesSoFar(text, run.site, multiline);
    if (!lines || checks.has(lines)) return;
    run.report.checkedAhead++;
    const started = performance.now();
    run.verify(() => checks.errors(lines));
    slow = performance.now() - started > SLOW_AHEAD_MS;
  };
}

function rationaleOf(report: CompletionReport): string {
  const notes = [`by ${report.model}`];
  const fixes = report.interventions;
  if (fixes.length)
    notes.push(
      `${fixes.length} ${fixes.length === 1 ? 'correction' : 'corrections'} by the type monitors ` +
        `(${fixes.map((i) => `${i.rejected} → ${i.chosen}`).join(', ')})`,
    );
  if (report.rounds && !report.cut)
    notes.push(`type-checks after ${report.rounds} error ${report.rounds === 1 ? 'round' : 'rounds'}`);
  if (report.cut) notes.push('the lines of its answer before the first that adds an error');
  return notes.join('; ');
}

/** What the model is asked for at a site, and how much of it. */
function answerShape(site: CompletionSite, llm: LlmSettings): AnswerShape {
  const description = {
    line: 'the TypeScript code that ends the line (on more lines only to close what it opens)',
    statement: 'the TypeScript statements for the empty line',
    body: 'the TypeScript statements of the body (without its braces)',
  }[site.shape];
  const stop = !llm.multiline ? ['\n'] : site.shape === 'body' ? [] : ['\n\n'];
  return { description, maxTokens: llm.completionTokens, stop };
}

/** The compiler's messages for an error round, each with the line of the completion it is on. */
function located(errors: readonly AddedError[], site: CompletionSite, code: string): string[] {
  const text = placed(code, site);
  return errors.map((e) => {
    const at = e.start - site.offset;
    if (at < 0 || at > text.length) return e.message;
    const line = text
      .slice(0, at)
      .replace(/^\r?\n/, '')
      .split('\n').length;
    return `${e.message} (line ${line} of the completion)`;
  });
}
