/**
 * What asking a model about one hole takes: the prompt (`prompt/holePrompt.ts`), the monitors of the hole's site and
 * the provider. Invariant: refused for secret files and files outside the workspace (`prompt/policy.ts`).
 */
import * as path from 'node:path';
import type { Settings } from '../config.js';
import { expressionEnd } from '../decode/lexer.js';
import { NameUsage, siteMonitor } from '../decode/monitors.js';
import type { Monitor } from '../decode/types.js';
import type { HoleSite } from '../holes/site.js';
import type { HoleContext } from '../holes/holeData.js';
import type { Logger } from '../log.js';
import { ModelProvider } from '../models/provider.js';
import { AnswerShape, EXPRESSION, EXPRESSION_LINES, HolePrompt } from '../prompt/holePrompt.js';
import { promptable, refusal } from '../prompt/policy.js';
import { Tokenizer, tokenizerFor } from '../prompt/tokens.js';
import { usageStats } from '../synth/stats.js';
import type { FileSnapshot, Workspace } from '../workspace/workspace.js';
import { HoleShape, holeShape } from './extract.js';

/** What asking a model about one hole takes: the prompt, the monitors that guide its answer, where it goes. */
export interface HoleQuery extends Asking {
  shape: HoleShape;
  /** Where an answer ends, once its text shows it (the expression is complete). */
  end(text: string): number | undefined;
  /** Absent when the settings turn the monitors off. */
  monitor?: Monitor;
  /** Setting the monitors up (the receiver's members, the names in scope), in ms. */
  monitorSetupMs: number;
}

/** Who asks a model: the workspace (its folders bound what may be sent), the settings, the log. */
export interface Asker {
  workspace: Workspace;
  settings: Settings;
  logger: Logger;
}

/**
 * The place asked about: its context `ctx` in `base` (the real file's snapshot, or a copy of it), over `text` (the
 * text the place's positions are in).
 */
export interface AskedPlace {
  base: FileSnapshot;
  ctx: HoleContext;
  text: string;
}

/**
 * The query for the hole at `site`, found in `place.base`; a string saying why nothing may be sent when the file is
 * outside the workspace or holds secrets.
 */
export async function holeQuery(asker: Asker, place: AskedPlace, site: HoleSite): Promise<HoleQuery | string> {
  const shape = holeShape(place.text, site.hole, !!site.receiver);
  const answer = shape.multiLine ? EXPRESSION_LINES : EXPRESSION;
  const asking = await askAbout(asker, place, answer);
  if (typeof asking === 'string') return asking;
  const usage = nameUsage(place.base);
  const setupStarted = performance.now();
  const monitor = asker.settings.llm.monitors ? siteMonitor(site, usage) : undefined;
  const end = (answer: string) => expressionEnd(answer, shape.multiLine);
  return { ...asking, shape, end, monitor, monitorSetupMs: performance.now() - setupStarted };
}

/** What asking a model about a place takes, whatever the answer's shape. */
export interface Asking {
  prompt: HolePrompt;
  provider: ModelProvider;
  tokenizer: Tokenizer;
}

/**
 * The prompt about `place`, asking for `answer`, and where it goes; a string saying why nothing may be sent when the
 * file is outside the workspace or holds secrets.
 */
export async function askAbout(asker: Asker, place: AskedPlace, answer: AnswerShape): Promise<Asking | string> {
  const { workspace, settings, logger } = asker;
  const { base, ctx, text } = place;
  const llm = settings.llm;
  const { fileName } = base.sourceFile;
  const folders = workspace.folderPaths.length ? workspace.folderPaths : [base.project.directory];
  const policy = { folders, denyGlobs: llm.denyGlobs };
  const refused = refusal(fileName, policy);
  if (refused) return `nothing was sent to the model: ${refused}`;
  const tokenizer = await tokenizerFor(llm.model!);
  const folder = folders.find((f) => fileName.startsWith(f)) ?? path.dirname(fileName);
  const prompt = new HolePrompt(promptable(ctx, policy), text, {
    api: llm.api,
    template: llm.template,
    budgetTokens: llm.contextTokens,
    tokenizer,
    answer,
    fileLabel: path.relative(folder, fileName),
  });
  return { prompt, provider: providerFor(settings, logger), tokenizer };
}

/** How the project uses names: what ranks a monitor's corrections. */
export function nameUsage(base: FileSnapshot): NameUsage {
  const stats = usageStats(base.project, base.program);
  return { member: (n) => stats.memberWeight(n), identifier: (n) => stats.identifierWeight(n) };
}

const providers = new Map<string, ModelProvider>();

/** One provider per endpoint and options: its HTTP connections and learned capabilities are reused. */
function providerFor(settings: Settings, logger: Logger): ModelProvider {
  const llm = settings.llm;
  const key = JSON.stringify(llm);
  let provider = providers.get(key);
  if (!provider)
    providers.set(key, (provider = new ModelProvider({ ...llm, baseUrl: llm.baseUrl!, model: llm.model! }, logger)));
  return provider;
}
