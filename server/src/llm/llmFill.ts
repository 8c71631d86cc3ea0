/**
 * The LLM engine's fill: the hole's query (`query.ts`: the prompt, `prompt/holePrompt.ts`, within a token budget), the
 * answer streamed through `models/provider.ts` and guided decoding (`decode/driver.ts`), cut to an expression
 * (`extract.ts`) and validated by `check/validate.ts`; its compiler errors go back to the model for up to ERROR_ROUNDS
 * rounds. The `LlmReport` says what happened (requests, rounds, interventions, answers), and why `engines.ts` serves
 * the embedded engine's fills instead when it does.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import { validateCandidates } from '../check/validate.js';
import type { Settings } from '../config.js';
import { guidedDecode } from '../decode/driver.js';
import type { Intervention } from '../decode/types.js';
import { innermostAt, typeText } from '../ts/ast.js';
import { holeContextAt } from '../holes/context.js';
import { HoleSite, holeSiteAt } from '../holes/site.js';
import { splice, typedHole } from '../holes/speculate.js';
import type { Logger } from '../log.js';
import type { Feedback } from '../prompt/holePrompt.js';
import { HOLE } from '../synth/enumerate.js';
import { MISSING_MEMBER } from '../synth/fill.js';
import type { FillResult } from '../synth/fillData.js';
import { toFillResult } from '../synth/fillResult.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { candidateText, formOf } from './extract.js';
import { holeQuery } from './query.js';

/** Rounds that feed the compiler's messages back to the model (ChatLSP) before the embedded engine takes over. */
export const ERROR_ROUNDS = 2;

/** What the LLM engine did for one hole: in the CLI's JSON, the log, and the benchmarks. */
export interface LlmReport {
  model: string;
  /** Requests sent, retries and interventions included. */
  requests: number;
  /** Error rounds used (0: the first answer type-checked). */
  rounds: number;
  interventions: Intervention[];
  /** Durations of the monitors' checks as answers grew, in ms. */
  checkMs: number[];
  /** Setting the monitors up for the hole (the receiver's members), in ms. */
  monitorSetupMs: number;
  promptTokens: { context: number; code: number };
  /** Each answer as the model gave it, after extraction, with the compiler's errors (none for the one served). */
  answers: Array<{ text: string; errors: string[] }>;
  /** Why the embedded engine's fills are served instead, when they are. */
  fallback?: string;
  ms: number;
}

export interface LlmFillRequest {
  workspace: Workspace;
  file: string;
  offset: number;
  settings: Settings;
  budget: Budget;
  logger: Logger;
}

/** The LLM could not give a fill that type-checks; the report says what was tried. */
export class LlmFailure extends Error {
  constructor(
    message: string,
    readonly report: LlmReport,
  ) {
    super(message);
    this.name = 'LlmFailure';
  }
}

/**
 * Fills a hole with a model: the hole's context as a prompt, decoded under the type monitors, the answer checked in
 * place; when the checker finds errors, up to ERROR_ROUNDS rounds give its messages back to the model. Resolves to one
 * verified fill, or fails with LlmFailure (the caller falls back to the embedded engine).
 */
export async function llmFill(request: LlmFillRequest): Promise<{ result: FillResult; report: LlmReport }> {
  const { workspace, file, offset, settings, budget } = request;
  const started = performance.now();
  const llm = settings.llm;
  const report = emptyReport(llm.model ?? '');
  if (!llm.baseUrl || !llm.model)
    throw new LlmFailure('no model is configured (spackle.llm.baseUrl and spackle.llm.model)', report);
  const snapshot = workspace.snapshot(file);
  const site = holeSiteAt(snapshot, offset);
  const ctx = holeContextAt(workspace, file, offset, { ...settings.context });
  const query = await holeQuery(request, { base: snapshot, ctx, text: snapshot.sourceFile.text }, site);
  if (typeof query === 'string') throw new LlmFailure(query, report);
  const { prompt, shape, provider, tokenizer, monitor } = query;
  report.monitorSetupMs = query.monitorSetupMs;
  const requestsBefore = provider.requests;
  report.promptTokens = prompt.tokens;
  const finish = () =>
    Object.assign(report, {
      requests: provider.requests - requestsBefore,
      ms: Math.round(performance.now() - started),
    });
  const feedback: Feedback[] = [];
  try {
    for (let round = 0; round <= ERROR_ROUNDS; round++) {
      report.rounds = round;
      const avoid = report.answers.map((a) => a.text);
      const { end } = query;
      const decoded = await guidedDecode({ provider, prompt, feedback, budget, end, tokenizer, monitor, avoid });
      report.interventions.push(...decoded.interventions);
      report.checkMs.push(...decoded.checkMs);
      const candidate = candidateText(decoded.text, shape);
      const errors = candidate
        ? errorsAdded(snapshot, site.hole, candidate, !!site.receiver)
        : ['The answer holds no expression.'];
      report.answers.push({ text: candidate, errors });
      if (!errors.length) {
        const result = served(snapshot, site, candidate, report);
        finish();
        result.stats.ms = report.ms;
        return { result, report };
      }
      feedback.push({ text: candidate || decoded.text.trim().slice(0, 200), errors });
    }
  } catch (error) {
    finish();
    throw new LlmFailure(error instanceof Error ? error.message : String(error), report);
  }
  finish();
  const last = report.answers[report.answers.length - 1];
  throw new LlmFailure(
    `the model's answers did not type-check after ${ERROR_ROUNDS} error rounds ` +
      `(last: \`${last.text}\`: ${last.errors[0]})`,
    report,
  );
}

/** The report before anything is asked. */
function emptyReport(model: string): LlmReport {
  return {
    model,
    requests: 0,
    rounds: 0,
    interventions: [],
    checkMs: [],
    monitorSetupMs: 0,
    promptTokens: { context: 0, code: 0 },
    answers: [],
    ms: 0,
  };
}

/** The fill served for `candidate`, which type-checks in the hole, after the answers `report` holds. */
function served(snapshot: FileSnapshot, site: HoleSite, candidate: string, report: LlmReport): FillResult {
  const fill = {
    text: candidate,
    type: typeOfFill(snapshot, site.hole, candidate),
    form: site.receiver ? 'member' : formOf(candidate),
    score: 10,
    rationale: rationaleOf(report.model, report),
    holes: candidate.split(HOLE).length - 1,
    source: 'llm',
    verified: true,
  } as const;
  const answers = report.answers.length;
  return toFillResult(site, [fill], {
    generated: answers,
    checked: answers,
    rejected: answers - 1,
    ms: 0,
    timedOut: false,
  });
}

/** Messages of the errors `text` adds in the hole; none when it type-checks. */
function errorsAdded(
  snapshot: FileSnapshot,
  hole: { start: number; end: number },
  text: string,
  memberHole: boolean,
): string[] {
  const [verdict] = validateCandidates(
    snapshot,
    hole,
    [text.split(HOLE).join(typedHole(snapshot.sourceFile.fileName))],
    { baseline: memberHole ? MISSING_MEMBER : undefined },
  );
  return verdict.added.map((e) => e.message);
}

/** The checker's type of the fill in place: of the whole expression it completes at a member hole. */
function typeOfFill(snapshot: FileSnapshot, hole: { start: number; end: number }, text: string): string {
  const { snapshot: filled } = splice(snapshot, [{ ...hole, text }]);
  const end = hole.start + text.length;
  const node = innermostAt(
    filled.sourceFile,
    end,
    (n): n is ts.Expression => ts.isExpression(n) && n.end === end && n.getStart(filled.sourceFile) <= hole.start,
  );
  return node ? typeText(filled.checker, filled.checker.getTypeAtLocation(node), node, 200) : '';
}

function rationaleOf(model: string, report: LlmReport): string {
  const notes = [`by ${model}`];
  if (report.interventions.length) {
    const corrections = report.interventions.map((i) => `${i.rejected} → ${i.chosen}`).join(', ');
    const identifiers = report.interventions.length === 1 ? 'identifier' : 'identifiers';
    notes.push(`${report.interventions.length} ${identifiers} corrected by the type monitors (${corrections})`);
  }
  if (report.rounds) notes.push(`type-checks after ${report.rounds} error ${report.rounds === 1 ? 'round' : 'rounds'}`);
  return notes.join('; ');
}
