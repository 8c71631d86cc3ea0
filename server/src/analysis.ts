/**
 * The front door of the core, as rust-analyzer's `Analysis` or Volar's language service: one object over a
 * `Workspace` whose methods take files, offsets and settings and answer in plain data (offsets, texts, types as
 * text), never a compiler object. `lsp/` and `cli/` reach the core only through this module (a test reads their
 * imports). Every long method takes a `Budget`, last: it cancels the work and may end it sooner; the settings'
 * deadlines start once the file's program is up to date (loading a project is not the engine's time to spend).
 */
import type { Budget } from './budget.js';
import { DEFAULT_SETTINGS, Settings } from './config.js';
import type { CodeCompletion } from './complete/anywhere.js';
import {
  completeWithEngine,
  cursorSuggests,
  embeddedFills,
  EngineResult,
  FillRequest,
  fillWithEngine,
  repairSources,
} from './engines.js';
import { ContextOptions, holeContextAt, holesIn } from './holes/context.js';
import { explicitHoleAt, holeOf } from './holes/find.js';
import type { Hole, HoleContext, HoleSummary } from './holes/holeData.js';
import { Logger, silentLogger } from './log.js';
import { Anticipation, anticipateRepairs } from './repair/anticipate.js';
import { repairFile } from './repair/file.js';
import type { CompilerError, FileRepair, TargetRepairs, TextChange } from './repair/repairData.js';
import { REPAIR_DEFAULTS } from './repair/repairError.js';
import { KnownError, repairsAt } from './repair/repairsAt.js';
import { Check, proveChanges } from './repair/verify.js';
import { Preparation, prepareFills } from './synth/prepare.js';
import { configsOfFolder, ProjectFacts, projectFacts } from './workspace/facts.js';
import type { FileStore } from './workspace/files.js';
import { parseConfig } from './workspace/tsconfig.js';
import { warmCheckerLost } from './workspace/warmChecker.js';
import { FileChange, Workspace, WorkspaceEvents } from './workspace/workspace.js';

export type { Budget } from './budget.js';
export type { CodeCompletion, CompletionReport } from './complete/anywhere.js';
export type { EngineResult } from './engines.js';
export type { ContextOptions } from './holes/context.js';
export type { Hole, HoleContext, HoleKind, HoleSummary, SourceRef, Unresolved } from './holes/holeData.js';
export type { ExpectedType, RelevantHeader, RelevantType } from './holes/holeData.js';
export type { EndpointProbe } from './models/probe.js';
export type { CompilerError, FileRepair, TargetRepairs, TextChange } from './repair/repairData.js';
export type { KnownError } from './repair/repairsAt.js';
export type { Candidate, CandidateForm, FillResult } from './synth/fillData.js';
export type { ProjectFacts } from './workspace/facts.js';
export type { FileStore } from './workspace/files.js';
export type { FileChange, WorkspaceEvents } from './workspace/workspace.js';
export { probeEndpoint } from './models/probe.js';
export { REPAIRABLE_CODES } from './repair/repairSite.js';
export { sameError } from './repair/repairsAt.js';
export { applyChanges } from './workspace/textChanges.js';
export { isScriptFile, normalizePath } from './workspace/tsconfig.js';

/** What the engines are asked with: the user's settings (read at each request: they change) and where to log. */
export interface AnalysisOptions {
  /** Default: the default settings. */
  settings?: () => Settings;
  /** Default: silent. */
  logger?: Logger;
  events?: WorkspaceEvents;
}

export class Analysis {
  private readonly workspace: Workspace;
  private readonly settings: () => Settings;
  private readonly logger: Logger;

  constructor(folders: string[] = [], options: AnalysisOptions = {}) {
    this.settings = options.settings ?? (() => DEFAULT_SETTINGS);
    this.logger = options.logger ?? silentLogger;
    this.workspace = new Workspace(folders, this.logger, options.events);
  }

  // Files: the client's documents and the disk, as the analysis reads them.

  /** Open documents and cached disk files: texts, versions, refusals (too large, unreadable). */
  get files(): FileStore {
    return this.workspace.files;
  }

  get folders(): readonly string[] {
    return this.workspace.folderPaths;
  }

  setFolders(folders: string[]): void {
    this.workspace.setFolders(folders);
  }

  open(file: string, text: string): void {
    this.workspace.open(file, text);
  }

  change(file: string, text: string): void {
    this.workspace.change(file, text);
  }

  close(file: string): void {
    this.workspace.close(file);
  }

  /** A file changed on disk (the client watches for us). */
  fileChanged(file: string, change: FileChange): void {
    this.workspace.fileChanged(file, change);
  }

  dispose(): void {
    this.workspace.dispose();
  }

  // Projects.

  /** Whether the file's project has built its first program (a first load may take seconds). */
  isLoaded(file: string): boolean {
    return this.workspace.isLoaded(file);
  }

  /** Brings the file's program up to date: what the first request about it would otherwise pay. */
  load(file: string): void {
    this.workspace.snapshot(file);
  }

  projectName(file: string): string {
    return this.workspace.projectFor(file).name;
  }

  /** What `spackle doctor` says of the file's project: its config and how it was reached, its options, its size. */
  projectFacts(file: string): ProjectFacts {
    return projectFacts(this.workspace, file);
  }

  // Holes.

  /** The hole at `offset` (an explicit `_()` there, else the cursor) and everything it needs. */
  holeContext(file: string, offset: number, options: ContextOptions, budget?: Budget): HoleContext {
    return holeContextAt(this.workspace, file, offset, options, budget);
  }

  /** Every explicit hole of a file with its expected type. */
  holes(file: string): HoleSummary[] {
    return holesIn(this.workspace, file);
  }

  /** The innermost explicit hole `_()` at `offset` (inside or touching it), if any. */
  explicitHoleAt(file: string, offset: number): Hole | undefined {
    const { sourceFile, checker } = this.workspace.snapshot(file);
    const call = explicitHoleAt(sourceFile, checker, offset);
    return call && holeOf(call, sourceFile);
  }

  /** The fills of the hole at `offset`, at most `limit`, by the engine the settings choose. */
  fill(file: string, offset: number, limit: number, budget: Budget): Promise<EngineResult> {
    return fillWithEngine(this.fillRequest(file, offset, limit), budget);
  }

  /** The embedded engine's fills of the hole at `offset`, whatever the settings: where no model is to be asked. */
  embeddedFill(file: string, offset: number, limit: number, budget: Budget): Promise<EngineResult> {
    return embeddedFills(this.fillRequest(file, offset, limit), budget);
  }

  // Completion anywhere.

  /**
   * What the cursor at `offset` takes: the fills of a hole (an explicit one, a typed expression, or any cursor with
   * the embedded engine alone), or, with a model, code; undefined where no code goes.
   */
  cursorTakes(file: string, offset: number): 'fill' | 'code' | undefined {
    return cursorSuggests(this.workspace, file, offset, this.settings())?.kind;
  }

  /** The code a model completes the cursor at `offset` with, checked in place; undefined where it takes no code. */
  async completeAt(file: string, offset: number, budget: Budget): Promise<CodeCompletion | undefined> {
    const takes = cursorSuggests(this.workspace, file, offset, this.settings());
    if (takes?.kind !== 'code') return undefined;
    return completeWithEngine(this.fillRequest(file, offset, 1), takes, budget);
  }

  // Repairs: each error has `budget`'s allowance from when its turn comes.

  /**
   * The verified repairs of the repairable errors touching `start..end` and of those the editor named (`known`),
   * nearest first; the model is asked too (when configured) only if `withModel`.
   */
  // eslint-disable-next-line max-params -- the range's ends apart, as lsp/features/repairActions.ts passes them
  repairsAt(
    file: string,
    start: number,
    end: number,
    known: KnownError[],
    withModel: boolean,
    budget: Budget,
  ): Promise<TargetRepairs[]> {
    const sources = withModel ? repairSources(this.workspace, this.settings(), this.logger) : [];
    const snapshot = this.workspace.snapshot(file);
    return repairsAt(snapshot, { start, end }, known, { limit: REPAIR_DEFAULTS.limit, sources }, budget);
  }

  /** Whether `changes` remove the `targets` errors and add none, on the whole file as it is now. */
  resolveRepair(file: string, changes: TextChange[], targets: CompilerError[]): Check {
    return proveChanges(this.workspace.snapshot(file), changes, targets, 'file');
  }

  /** The best verified repair of every error of the file, proven together (the model's first when configured). */
  repairFile(file: string, budget: Budget): Promise<FileRepair> {
    const sources = repairSources(this.workspace, this.settings(), this.logger);
    return repairFile(this.workspace, file, { sources }, budget);
  }

  // The work after an edit, ahead of the requests it makes likely.

  /** Readies the file's first fill (statistics, export index, its checker warmed). */
  readyFills(file: string, budget: Budget): Promise<Preparation> {
    return prepareFills(this.workspace.snapshot(file), budget);
  }

  /** Does the file need readying again: its warm checker lost (a cancelled check, spent, pushed out by others)? */
  readiedLost(file: string): boolean {
    return warmCheckerLost(this.workspace.snapshot(file));
  }

  /**
   * Repairs the errors the edit from `before` left, so that the code actions asked next are answered at once; with
   * the text that work ran on (the next edit's `before`).
   */
  async repairAhead(file: string, before: string, budget: Budget): Promise<Anticipation & { text: string }> {
    const snapshot = this.workspace.snapshot(file);
    const done = await anticipateRepairs(snapshot, before, { limit: REPAIR_DEFAULTS.limit }, budget);
    return { ...done, text: snapshot.sourceFile.text };
  }

  private fillRequest(file: string, offset: number, limit: number): FillRequest {
    return { workspace: this.workspace, file, offset, settings: this.settings(), limit, logger: this.logger };
  }
}

/** The configs of a folder's project (its references too), and the first file each takes (none for an empty one). */
export function configsOf(folder: string): Array<{ config: string; firstFile?: string }> {
  return configsOfFolder(folder).map((config) => ({ config, firstFile: parseConfig(config).fileNames[0] }));
}
