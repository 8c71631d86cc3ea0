/**
 * What every handler shares: the connection, the workspace, the settings (initial, changed, validated), the client's
 * capabilities, the line maps, the logger and the report of failures.
 */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { baseSettings, DEFAULT_SETTINGS, Settings, validateSettings } from '../config.js';
import { levelled, Logger, LogLevel } from '../log.js';
import { Analysis, WorkspaceEvents } from '../analysis.js';
import { Activity, AnalysisHost } from './activity.js';
import { Positions, uriToPath } from './convert.js';
import { Failures } from './guard.js';
import { Suggestions } from './suggestions.js';

const MESSAGE_TYPE: Record<LogLevel, number> = { error: 1, warn: 2, info: 3, debug: 4 };

/** What every handler shares: the connection, the analysis, settings and what the client can do. */
export class Session {
  settings: Settings = DEFAULT_SETTINGS;
  private initialSettings: Settings = DEFAULT_SETTINGS;
  capabilities: ClientCapabilities = {};
  analysis: Analysis;
  positions: Positions;
  readonly logger: Logger;
  readonly failures: Failures;
  readonly activity: Activity;
  /** Suggestions at each document's cursor while the user types. */
  readonly suggestions = new Suggestions();

  constructor(
    readonly connection: Connection,
    host?: AnalysisHost,
  ) {
    this.activity = new Activity(host);
    this.logger = levelled(
      (level, message) => void connection.sendNotification('window/logMessage', { type: MESSAGE_TYPE[level], message }),
      () => this.settings.logLevel,
    );
    this.failures = new Failures(
      this.logger,
      (message) => void connection.sendNotification('window/showMessage', { type: MESSAGE_TYPE.error, message }),
    );
    this.analysis = this.createAnalysis([]);
    this.positions = new Positions(this.analysis.files);
  }

  /** Called once by `initialize`, with the client's folders. */
  resetWorkspace(folders: string[]): void {
    this.analysis.dispose();
    this.analysis = this.createAnalysis(folders);
    this.positions = new Positions(this.analysis.files);
  }

  /** initializationOptions: the settings every later configuration snapshot is applied over. */
  applyInitializationOptions(raw: unknown): void {
    // The environment (SPACKLE_ENGINE, SPACKLE_BASE_URL, …) lies under what the client sends.
    const environment = baseSettings();
    if (environment.problems.length) this.showWarning(`Spackle settings: ${environment.problems.join('; ')}`);
    this.initialSettings = this.validated(raw ?? {}, environment.settings);
    this.settings = this.initialSettings;
    this.settingsChanged();
  }

  /**
   * A whole configuration snapshot (pushed or pulled). It replaces the previous one, so a setting the user removed
   * returns to its initial value instead of keeping the last one.
   */
  applyConfiguration(raw: unknown): void {
    this.settings = this.validated(raw, this.initialSettings);
    this.settingsChanged();
  }

  /**
   * Runs work about the document at `uri`, told to the main thread as it starts and ends; `loading` when its
   * project has not built its first program yet (which may take long).
   */
  working<T>(uri: string | undefined, work: () => T | Promise<T>): Promise<T> {
    return this.activity.during(uri, uri !== undefined && !this.isLoaded(uri), work);
  }

  private isLoaded(uri: string): boolean {
    try {
      return this.analysis.isLoaded(uriToPath(uri));
    } catch {
      return true;
    }
  }

  private settingsChanged(): void {
    const { engine, fill, llm } = this.settings;
    // A completion anywhere waits out the debounce before its deadline starts.
    this.activity.workBudget(engine === 'embedded' ? fill.deadlineMs : llm.deadlineMs + llm.debounceMs);
  }

  /** Bad values keep their `base` value and are reported to the user. */
  private validated(raw: unknown, base: Settings): Settings {
    const { settings, problems } = validateSettings(raw, base);
    if (problems.length) this.showWarning(`Spackle settings: ${problems.join('; ')}`);
    return settings;
  }

  showWarning(message: string): void {
    this.logger.log('warn', message);
    void this.connection.sendNotification('window/showMessage', { type: 2, message });
  }

  private createAnalysis(folders: string[]): Analysis {
    const events: WorkspaceEvents = {
      configProblems: (project, messages) =>
        this.showWarning(`${project} has errors; loading what could be read: ${messages.join('; ')}`),
      inferredProject: (file, nearest, why) => {
        const where = nearest ? `the nearest config, ${nearest}, does not take it: ${why}` : why;
        void this.connection.sendNotification('window/showMessage', {
          type: 3,
          message: `Spackle checks ${file} with default options (strict, an inferred project): ${where}.`,
        });
      },
    };
    const analysis = new Analysis(folders, { settings: () => this.settings, logger: this.logger, events });
    analysis.files.onRefused = (file, refusal) => {
      this.showWarning(
        `Spackle does not read ${file}: ${refusal.message}; the rest of the project is analysed without it`,
      );
    };
    return analysis;
  }
}
