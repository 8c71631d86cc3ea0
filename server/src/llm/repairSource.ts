/**
 * The model as a repair's `CandidateSource`: the erroneous span as an explicit hole, the conversation opened by the
 * erroneous text and its error, and rejected texts answered with their errors (error rounds).
 */
import type { Settings } from '../config.js';
import { Budget } from '../budget.js';
import { guidedDecode } from '../decode/driver.js';
import { holeContextOf } from '../holes/context.js';
import { holeSiteAt } from '../holes/site.js';
import { splice } from '../holes/speculate.js';
import type { Logger } from '../log.js';
import { ModelError } from '../models/modelData.js';
import type { CandidateSource, RepairRequest } from '../repair/repairData.js';
import type { Workspace } from '../workspace/workspace.js';
import { candidateText } from './extract.js';
import { ERROR_ROUNDS } from './llmFill.js';
import { HoleQuery, holeQuery } from './query.js';

/** What the model did for the repairs of one request: for the log and the tests. */
export interface LlmRepairReport {
  /** Requests sent to the endpoint, retries and interventions included. */
  requests: number;
  /** Each answer with the round it came in (0: before any error round). */
  answers: Array<{ text: string; round: number }>;
  /** Why the model was not asked (again): a refusal, a failed request, the deadline. */
  failure?: string;
}

/**
 * The LLM engine as a repair's candidate source (ChatLSP's error rounds, for repairs): the erroneous span becomes an
 * explicit hole, so that the model gets the context a fill gets (expected type, relevant types and headers, names in
 * scope), and the conversation starts from the erroneous text and the compiler's message about it, as if the model
 * had written it; each later round adds the texts that did not verify with their errors. Answers are decoded under
 * the type monitors. The rounds of one error share `llm.deadlineMs`. One source serves one request: after a failed
 * request to the model it is not asked again (the embedded repairs still stand).
 */
export function llmRepairSource(
  workspace: Workspace,
  settings: Settings,
  logger: Logger,
): CandidateSource & { report: LlmRepairReport } {
  const report: LlmRepairReport = { requests: 0, answers: [] };
  const queries = new Map<string, { query: Promise<HoleQuery | string>; time: Budget }>();
  const fail = (reason: string): string[] => {
    report.failure = reason;
    logger.log('info', `LLM repair: ${reason}; the embedded engine's repairs stand`);
    return [];
  };

  const ask = async (request: RepairRequest, budget: Budget): Promise<string[]> => {
    const key = `${request.file}:${request.hole.start}:${request.hole.end}`;
    if (!queries.has(key)) {
      const query = queryAt(workspace, request, settings, logger);
      queries.set(key, { query, time: Budget.of(settings.llm.deadlineMs) });
    }
    const { query: asked, time } = queries.get(key)!;
    if (time.expired()) return [];
    const query = await asked;
    if (typeof query === 'string') return fail(query);
    const before = query.provider.requests;
    try {
      const text = await answerTo(query, request, budget.restarted(time.remainingMs));
      report.answers.push({ text, round: request.round });
      logger.log(
        'debug',
        `LLM repair of TS${request.target.code} at ${request.hole.start}, round ${request.round}: \`${text}\``,
      );
      return text ? [text] : [];
    } catch (error) {
      if (budget.isCancelled()) return [];
      return fail(
        error instanceof ModelError
          ? error.message
          : `the model's answer failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      report.requests += query.provider.requests - before;
    }
  };

  return {
    name: settings.llm.model ?? 'llm',
    rounds: 1 + ERROR_ROUNDS,
    report,
    candidates: (request, budget) => (report.failure ? Promise.resolve([]) : ask(request, budget)),
  };
}

/** The model's answer to a repair's query, cut to an expression. */
async function answerTo(query: HoleQuery, request: RepairRequest, budget: Budget): Promise<string> {
  const decoded = await guidedDecode({
    provider: query.provider,
    prompt: query.prompt,
    budget,
    // The erroneous text opens the conversation as the model's own answer, rejected with the target error.
    feedback: [
      { text: request.hole.text, errors: [`TS${request.target.code}: ${request.target.message}`] },
      ...request.rejected,
    ],
    end: query.end,
    tokenizer: query.tokenizer,
    monitor: query.monitor,
    avoid: [request.hole.text, ...request.rejected.map((r) => r.text)],
  });
  return candidateText(decoded.text, query.shape);
}

/** The query for a repair's hole: its span as an explicit `_()` in a copy of the file; a reason when there is none. */
async function queryAt(
  workspace: Workspace,
  request: RepairRequest,
  settings: Settings,
  logger: Logger,
): Promise<HoleQuery | string> {
  const base = workspace.snapshot(request.file);
  const spliced = splice(base, [{ start: request.hole.start, end: request.hole.end, text: '_()' }]);
  try {
    const site = holeSiteAt(spliced.snapshot, spliced.starts[0]);
    // Where `_()` means something else (a `_` of the file's own), the model is not asked.
    if (site.hole.kind !== 'explicit') return 'the erroneous span cannot be an expression hole';
    const ctx = holeContextOf(site, { ...settings.context });
    const place = { base, ctx, text: spliced.snapshot.sourceFile.text };
    return await holeQuery({ workspace, settings, logger }, place, site);
  } catch (error) {
    // A type name, say: `_()` cannot stand there.
    const why = error instanceof Error ? error.message : String(error);
    return `the erroneous span cannot be an expression hole (${why})`;
  }
}
