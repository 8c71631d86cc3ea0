/**
 * The workspace: every project of the open folders and the file store. `snapshot(file)` picks the file's project
 * (`discovery.ts`; else the folder's inferred strict project, the user told why) and returns its up-to-date program
 * from the project's LanguageService (`project.ts`: open documents from memory, the rest from disk; referenced
 * projects' sources instead of their build output). Module resolutions and package scopes are kept across programs
 * (speculative ones too) until a file appears, disappears or changes on disk. Invariant: nothing here knows about
 * holes.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { SpackleError } from '../errors.js';
import { Logger, silentLogger } from '../log.js';
import { ConfigCache } from './configs.js';
import { chooseProject, ProjectChoice } from './discovery.js';
import { FileStore, MAX_FILE_CHARS } from './files.js';
import { JSDOC_PARSING, Project, projectDirectory } from './project.js';
import { flattenMessage, isScriptFile, normalizePath } from './tsconfig.js';

export interface WorkspaceEvents {
  /** The tsconfig of a project has errors; the project loads with what could be read. */
  configProblems?(project: string, messages: string[]): void;
  /**
   * No config takes a file, so it is checked in an inferred project; `nearest` is the config nearest to it and
   * `why` says why that config did not take it. Told once per nearest config.
   */
  inferredProject?(file: string, nearest: string | undefined, why: string): void;
}

/** How a file on disk changed, as a file watcher tells it. */
export type FileChange = 'created' | 'changed' | 'deleted';

/** A file's current program: what every feature reads. */
export interface FileSnapshot {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
  sourceFile: ts.SourceFile;
}

/** Parsed SourceFiles keyed by path, options and version, shared by every project and workspace of the process. */
const registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, undefined, JSDOC_PARSING);

/**
 * All projects of the open folders. Each file belongs to the project discovery.ts chooses for it (the nearest config
 * that takes it, through `references` and up to the root), else to the inferred (strict) project of its workspace
 * folder.
 */
export class Workspace {
  readonly files = new FileStore();
  private readonly configs = new ConfigCache();
  private readonly configured = new Map<string, Project>();
  private readonly inferred = new Map<string, Project>();
  private readonly owner = new Map<string, { project: Project; choice: ProjectChoice }>();
  private readonly loaded = new WeakSet<Project>();
  /** The nearest configs already told about for a file they did not take: each is told once. */
  private readonly toldInferred = new Set<string>();
  private folders: string[];

  constructor(
    folders: string[] = [],
    private readonly logger: Logger = silentLogger,
    private readonly events: WorkspaceEvents = {},
  ) {
    this.folders = folders.map(normalizePath);
  }

  /** The workspace folders, normalised. */
  get folderPaths(): readonly string[] {
    return this.folders;
  }

  setFolders(folders: string[]): void {
    this.folders = folders.map(normalizePath);
    this.rehomeOpenFiles();
  }

  open(fileName: string, text: string): void {
    const file = normalizePath(fileName);
    this.files.openDocument(file, text);
    if (isScriptFile(file)) this.projectFor(file).addRoot(file);
  }

  change(fileName: string, text: string): void {
    const file = normalizePath(fileName);
    if (!this.files.changeDocument(file, text)) this.open(file, text);
  }

  close(fileName: string): void {
    const file = normalizePath(fileName);
    this.files.closeDocument(file);
    const owned = this.owner.get(file);
    if (owned && !owned.project.includesByConfig(file)) {
      this.owner.delete(file);
      this.leave(owned.project, file);
    }
  }

  /**
   * A file watcher saw a file created, changed or deleted on disk. A config read by a project (its own, or one it
   * extends or references) is read again; a script file created or deleted may change what a config's include takes.
   * Either way open files may move between projects.
   */
  fileChanged(fileName: string, change: FileChange = 'changed'): void {
    const file = normalizePath(fileName);
    this.files.invalidate(file);
    const isConfig = this.configs.isConfigSource(file) || /(^|\/)[jt]sconfig[^/]*\.json$/.test(file);
    if (isConfig) this.configs.configChanged(file);
    else if (change !== 'changed' && isScriptFile(file)) this.configs.filesAddedOrRemoved();
    else return;
    for (const project of this.configured.values()) {
      if (project.refresh() && isConfig) this.reportConfigProblems(project);
    }
    this.rehomeOpenFiles();
  }

  /** The project a file belongs to, created on first use. */
  projectFor(fileName: string): Project {
    const file = normalizePath(fileName);
    if (!isScriptFile(file)) {
      throw new SpackleError('unsupportedFile', `${path.basename(file)} is not a TypeScript or JavaScript file`);
    }
    const known = this.owner.get(file);
    if (known) return known.project;
    const choice = chooseProject(file, this.configs, (f) => !this.files.isOpen(f) || ts.sys.fileExists(f));
    let project: Project;
    if (choice.config !== undefined) project = this.configuredProject(choice.config);
    else {
      project = this.inferredProject(this.folderOf(file) ?? path.dirname(file));
      this.tellInferred(file, choice);
    }
    this.owner.set(file, { project, choice });
    return project;
  }

  /** Why a file is in its project: the chain of configs that led there, or why no config took it. */
  projectChoice(fileName: string): ProjectChoice {
    const file = normalizePath(fileName);
    this.projectFor(file);
    return this.owner.get(file)!.choice;
  }

  /** The current program of a file, loading its project if needed. */
  snapshot(fileName: string): FileSnapshot {
    const file = normalizePath(fileName);
    const project = this.projectFor(file);
    const text = this.files.text(file);
    if (text === undefined) throw new SpackleError('unknownFile', `${file} is neither open nor on disk`);
    if (text.length > MAX_FILE_CHARS) {
      throw new SpackleError('tooLarge', `${path.basename(file)} is too large to analyse (${text.length} characters)`);
    }
    project.addRoot(file);
    const program = this.load(project);
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new SpackleError('unknownFile', `${file} is not part of ${project.name}`);
    return { project, program, checker: program.getTypeChecker(), sourceFile };
  }

  projects(): Project[] {
    return [...this.configured.values(), ...this.inferred.values()];
  }

  dispose(): void {
    for (const p of this.projects()) p.dispose();
    this.configured.clear();
    this.inferred.clear();
    this.owner.clear();
  }

  /** Has the project of this file built its first program (the slow step of opening a project)? */
  isLoaded(fileName: string): boolean {
    return this.loaded.has(this.projectFor(fileName));
  }

  private load(project: Project): ts.Program {
    if (this.loaded.has(project)) return project.program();
    const started = performance.now();
    const program = project.program();
    this.loaded.add(project);
    const ms = (performance.now() - started).toFixed(0);
    this.logger.log('info', `loaded ${project.name}: ${program.getSourceFiles().length} files in ${ms} ms`);
    return program;
  }

  /** Open files go to the project discovery chooses now; a project left without a reason to exist goes. */
  private rehomeOpenFiles(): void {
    const before = new Map(this.owner);
    this.owner.clear();
    for (const file of this.files.openFiles()) {
      if (!isScriptFile(file)) continue;
      const project = this.projectFor(file);
      project.addRoot(file);
      const previous = before.get(file)?.project;
      if (previous && previous !== project) this.leave(previous, file);
    }
    for (const [configPath, project] of this.configured) {
      if (ts.sys.fileExists(configPath)) continue;
      this.configured.delete(configPath);
      project.dispose();
    }
  }

  /** `file` no longer belongs to `project`; an inferred project holding no file goes. */
  private leave(project: Project, file: string): void {
    project.removeRoot(file);
    if (!project.configPath && project.isEmpty) {
      this.inferred.delete(project.directory);
      project.dispose();
    }
  }

  private configuredProject(configPath: string): Project {
    let project = this.configured.get(configPath);
    if (!project) {
      project = new Project(configPath, projectDirectory(configPath, ''), this.files, this.configs, registry);
      this.configured.set(configPath, project);
      this.reportConfigProblems(project);
    }
    return project;
  }

  private reportConfigProblems(project: Project): void {
    if (!project.configPath || !project.configErrors.length) return;
    const messages = project.configErrors.map(flattenMessage);
    this.logger.log('warn', `${project.configPath}: ${messages.join('; ')}`);
    this.events.configProblems?.(project.configPath, messages);
  }

  private tellInferred(file: string, choice: Extract<ProjectChoice, { config: undefined }>): void {
    const where = choice.nearest
      ? `the nearest config, ${choice.nearest}, does not take it: ${choice.why}`
      : choice.why;
    this.logger.log('info', `${file} is in an inferred project (default options): ${where}`);
    const key = choice.nearest ?? '';
    if (this.toldInferred.has(key)) return;
    this.toldInferred.add(key);
    this.events.inferredProject?.(file, choice.nearest, choice.why);
  }

  private inferredProject(directory: string): Project {
    const dir = normalizePath(directory);
    let project = this.inferred.get(dir);
    if (!project) {
      project = new Project(undefined, dir, this.files, this.configs, registry);
      this.inferred.set(dir, project);
    }
    return project;
  }

  private folderOf(file: string): string | undefined {
    return this.folders
      .filter((f) => file === f || file.startsWith(f.endsWith('/') ? f : f + '/'))
      .sort((a, b) => b.length - a.length)[0];
  }
}
