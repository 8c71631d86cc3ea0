import { CodeCompletion, completeAt, CursorTakes, cursorTakes } from './complete/anywhere.js';
import type { Settings } from './config.js';
import { SpackleError } from './errors.js';
import { cancellationSignal } from './llm/cancel.js';
import { LlmFailure, llmFill, LlmReport } from './llm/fill.js';
import { llmRepairSource } from './llm/repairSource.js';
import type { Logger } from './log.js';
import { ModelError } from './models/types.js';
import type { CandidateSource } from './repair/types.js';
import { byScore } from './synth/rank.js';
import { fillHoleAsync } from './synth/fill.js';
import type { FillResult } from './synth/types.js';
import type { Workspace } from './workspace/workspace.js';

/** What every surface asks an engine: the hole at `offset` of `file`, filled with the user's settings. */
export interface FillRequest {
  workspace: Workspace;
  file: string;
  offset: number;
  settings: Settings;
  limit: number;
  isCancelled: () => boolean;
  logger: Logger;
}

/** The same FillResult from every engine; the LLM's account of what it did when it took part. */
export type EngineResult = FillResult & { llm?: LlmReport };

type Engine = (request: FillRequest) => Promise<EngineResult>;

/** Beyond its deadline, what the embedded fallback may take (bringing its program up to date). */
const FALLBACK_MARGIN_MS = 100;
/** The embedded fallback always gets this long, however late the model failed. */
const MIN_FALLBACK_MS = 50;

const embedded: Engine = ({ workspace, file, offset, settings, limit, isCancelled }) =>
  fillHoleAsync(workspace, file, offset, { ...settings.fill, limit, isCancelled });

/** The model's fill, or the embedded engine's fills with the reason the model's is missing in each of them. */
const llm: Engine = async (request) => {
  try {
    const { result, report } = await withLlmBudget(request, (budget) => llmFill({ ...request, budget }));
    request.logger.log(
      'debug',
      `LLM fill \`${result.fills[0].text}\`: ${report.requests} requests, ${report.rounds} error rounds, ${report.interventions.length} interventions, ${report.ms} ms`,
    );
    return { ...result, llm: report };
  } catch (error) {
    if (!(error instanceof LlmFailure)) throw error;
    const fallback = await embedded(withinDeadline(request, error.report.ms));
    const reason = `LLM: ${error.message}`;
    request.logger.log('info', `${reason}; serving the embedded engine's fills`);
    return {
      ...fallback,
      fills: fallback.fills.map((fill) => ({ ...fill, rationale: `${fill.rationale} (embedded engine; ${reason})` })),
      llm: { ...error.report, fallback: error.message },
    };
  }
};

/** The model's fill first (when it type-checks), then the embedded engine's. */
const both: Engine = async (request) => {
  const [model, own] = await Promise.all([
    withLlmBudget(request, (budget) => llmFill({ ...request, budget })).catch((error: unknown) => {
      if (error instanceof LlmFailure) return error;
      throw error;
    }),
    embedded(request),
  ]);
  if (model instanceof LlmFailure) return { ...own, llm: { ...model.report, fallback: model.message } };
  const [first] = model.result.fills;
  const rest = own.fills.filter((f) => f.text !== first.text).sort(byScore);
  return {
    ...own,
    constrained: model.result.constrained,
    fills: [first, ...rest].slice(0, request.limit),
    llm: model.report,
  };
};

const ENGINES: Record<Settings['engine'], Engine> = { embedded, llm, both };
/** Fills the hole with the engine the settings choose: the one place that choice is made. */
export function fillWithEngine(request: FillRequest): Promise<EngineResult> {
  return ENGINES[request.settings.engine](request);
}

/** The embedded engine's fills whatever the settings: where a model is not to be asked. */
export function embeddedFills(request: FillRequest): Promise<EngineResult> {
  return embedded(request);
}

/** What a cursor gets: the fills of its hole, or code a model completes it with. */
export type Suggestion = { kind: 'fill'; result: EngineResult } | { kind: 'code'; completion: CodeCompletion };

/**
 * What the cursor at `offset` takes from the engines the settings choose: with the embedded engine alone, fills (as
 * ever); with a model, code wherever no typed hole is (completion anywhere). Undefined where nothing can go.
 */
export function cursorSuggests(
  workspace: Workspace,
  file: string,
  offset: number,
  settings: Settings,
): CursorTakes | undefined {
  return settings.engine === 'embedded' ? { kind: 'fill' } : cursorTakes(workspace.snapshot(file), offset);
}

/** The suggestion the cursor takes: the engines' fills, or the model's code (verified in place). */
export async function suggestWithEngine(request: FillRequest, takes: CursorTakes): Promise<Suggestion> {
  if (takes.kind === 'fill') return { kind: 'fill', result: await fillWithEngine(request) };
  const completion = await completeAt(request, takes.hole, takes.site);
  const { report } = completion;
  const what = completion.text
    ? `${completion.verified ? '' : 'unverified, '}${report.requests} requests, ${report.rounds} error rounds, ` +
      `${report.interventions.length} interventions, ${Math.round(report.ms)} ms`
    : (report.failure ?? 'nothing');
  request.logger.log('debug', `completion (${report.shape}) at ${request.offset}: ${what}`);
  return { kind: 'code', completion };
}

/**
 * What repairs ask besides the embedded engine: the model, under `llm` and `both` alike (a repair's list has room for
 * the model's answer and the embedded ones, and the embedded ones are verified fast). One source per request.
 */
export function repairSources(workspace: Workspace, settings: Settings, logger: Logger): CandidateSource[] {
  if (settings.engine === 'embedded') return [];
  if (!settings.llm.baseUrl || !settings.llm.model) {
    logger.log(
      'info',
      'LLM repair: no model is configured (spackle.llm.baseUrl and spackle.llm.model); the embedded engine repairs alone',
    );
    return [];
  }
  return [llmRepairSource(workspace, settings, logger)];
}

/** The request with the embedded engine's deadline cut to what is left of `llm.deadlineMs` after `spentMs`. */
function withinDeadline(request: FillRequest, spentMs: number): FillRequest {
  const { llm, fill } = request.settings;
  const left = Math.max(MIN_FALLBACK_MS, Math.min(fill.deadlineMs, llm.deadlineMs - spentMs - FALLBACK_MARGIN_MS));
  return { ...request, settings: { ...request.settings, fill: { ...fill, deadlineMs: Math.round(left) } } };
}

/**
 * Runs an LLM fill within `llm.deadlineMs`, less the embedded engine's own deadline (the fallback must fit too), and
 * aborts it when the request is cancelled.
 */
async function withLlmBudget<T>(
  request: FillRequest,
  work: (budget: { deadline: number; signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  // As for the embedded engine, the clock starts once the program is up to date: loading a project is not the
  // model's time to spend.
  request.workspace.snapshot(request.file);
  const cancellation = cancellationSignal(request.isCancelled);
  const { llm, fill } = request.settings;
  const deadline =
    performance.now() + llm.deadlineMs - Math.min(fill.deadlineMs + FALLBACK_MARGIN_MS, llm.deadlineMs / 2);
  try {
    return await work({ deadline, signal: cancellation.signal });
  } catch (error) {
    if (cancellation.signal.aborted || (error instanceof LlmFailure && request.isCancelled()))
      throw new SpackleError('cancelled', 'request cancelled');
    if (error instanceof ModelError && error.failure === 'cancelled')
      throw new SpackleError('cancelled', 'request cancelled');
    throw error;
  } finally {
    cancellation.stop();
  }
}
