/**
 * The one place the engine is chosen (setting `engine`: `embedded`, `llm` or `both`). Every fill surface
 * (`lsp/fills.ts`, `spackle fill`) asks `fillWithEngine`, which gives the LLM its deadline and cancellation and, when
 * the model fails or finds nothing, serves the embedded engine's fills with the reason in each; every repair surface
 * takes its extra candidate sources from `repairSources`; with a model, a cursor that takes code rather than fills
 * (`cursorSuggests`) is completed by `completeWithEngine`. Invariant: every engine returns a `FillResult`.
 */
import { CodeCompletion, completeAt, CursorTakes, cursorTakes } from './complete/anywhere.js';
import type { Settings } from './config.js';
import { Budget, cancellation } from './budget.js';
import { LlmFailure, llmFill, LlmReport } from './llm/llmFill.js';
import { llmRepairSource } from './llm/repairSource.js';
import type { Logger } from './log.js';
import { ModelError } from './models/modelData.js';
import type { CandidateSource } from './repair/repairData.js';
import { byScore } from './synth/rank.js';
import { fillHoleAsync } from './synth/fill.js';
import type { FillResult } from './synth/fillData.js';
import type { Workspace } from './workspace/workspace.js';

/** What every surface asks an engine: the hole at `offset` of `file`, filled with the user's settings. */
export interface FillRequest {
  workspace: Workspace;
  file: string;
  offset: number;
  settings: Settings;
  limit: number;
  logger: Logger;
}

/** The same FillResult from every engine; the LLM's account of what it did when it took part. */
export type EngineResult = FillResult & { llm?: LlmReport };

type Engine = (request: FillRequest, budget: Budget) => Promise<EngineResult>;

/** Beyond its deadline, what the embedded fallback may take (bringing its program up to date). */
const FALLBACK_MARGIN_MS = 100;
/** The embedded fallback always gets this long, however late the model failed. */
const MIN_FALLBACK_MS = 50;

const embedded: Engine = ({ workspace, file, offset, settings, limit }, budget) => {
  // The clock starts once the program is up to date: loading a project is not the engine's time to spend.
  workspace.snapshot(file);
  const options = { limit, mode: settings.fill.mode };
  return fillHoleAsync(workspace, file, offset, options, budget.within(settings.fill.deadlineMs));
};

/** The model's fill, or the embedded engine's fills with the reason the model's is missing in each of them. */
const llm: Engine = async (request, budget) => {
  try {
    const { result, report } = await withLlmBudget(request, budget, (model) => llmFill({ ...request, budget: model }));
    request.logger.log(
      'debug',
      `LLM fill \`${result.fills[0].text}\`: ${report.requests} requests, ${report.rounds} error rounds, ` +
        `${report.interventions.length} interventions, ${report.ms} ms`,
    );
    return { ...result, llm: report };
  } catch (error) {
    if (!(error instanceof LlmFailure)) throw error;
    const fallback = await embedded(withinDeadline(request, error.report.ms), budget);
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
const both: Engine = async (request, budget) => {
  const [model, own] = await Promise.all([
    withLlmBudget(request, budget, (b) => llmFill({ ...request, budget: b })).catch((error: unknown) => {
      if (error instanceof LlmFailure) return error;
      throw error;
    }),
    embedded(request, budget),
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
/**
 * Fills the hole with the engine the settings choose: the one place that choice is made. Each engine's time comes
 * from the settings and starts once the program is up to date; `budget` cancels it (and may end it sooner).
 */
export function fillWithEngine(request: FillRequest, budget: Budget): Promise<EngineResult> {
  return ENGINES[request.settings.engine](request, budget);
}

/** The embedded engine's fills whatever the settings: where a model is not to be asked. */
export function embeddedFills(request: FillRequest, budget: Budget): Promise<EngineResult> {
  return embedded(request, budget);
}

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

/** The code a model completes the cursor with (verified in place), where the cursor takes code. */
export async function completeWithEngine(
  request: FillRequest,
  takes: Extract<CursorTakes, { kind: 'code' }>,
  budget: Budget,
): Promise<CodeCompletion> {
  const completion = await completeAt(request, takes.hole, takes.site, budget);
  const { report } = completion;
  const what = completion.text
    ? `${completion.verified ? '' : 'unverified, '}${report.requests} requests, ${report.rounds} error rounds, ` +
      `${report.interventions.length} interventions, ${Math.round(report.ms)} ms`
    : (report.failure ?? 'nothing');
  request.logger.log('debug', `completion (${report.shape}) at ${request.offset}: ${what}`);
  return completion;
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
      'LLM repair: no model is configured (spackle.llm.baseUrl and spackle.llm.model); ' +
        'the embedded engine repairs alone',
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
 * Runs an LLM fill within `llm.deadlineMs`, less the embedded engine's own deadline (the fallback must fit too); a
 * cancelled `budget` aborts it.
 */
async function withLlmBudget<T>(request: FillRequest, budget: Budget, work: (model: Budget) => Promise<T>): Promise<T> {
  // As for the embedded engine, the clock starts once the program is up to date: loading a project is not the
  // model's time to spend.
  request.workspace.snapshot(request.file);
  const { llm, fill } = request.settings;
  const model = budget.within(llm.deadlineMs - Math.min(fill.deadlineMs + FALLBACK_MARGIN_MS, llm.deadlineMs / 2));
  try {
    return await work(model);
  } catch (error) {
    if (budget.isCancelled() || (error instanceof ModelError && error.failure === 'cancelled')) throw cancellation();
    throw error;
  }
}
