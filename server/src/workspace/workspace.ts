import * as path from 'node:path';
import ts from 'typescript';
import { SpackleError } from '../errors.js';
import { Logger, silentLogger } from '../log.js';
import { FileStore } from './files.js';
import { JSDOC_PARSING, Project, projectDirectory } from './project.js';
import { CONFIG_NAMES, configsAbove, flattenMessage, isScriptFile, normalizePath } from './tsconfig.js';

export interface WorkspaceEvents {
  /** The tsconfig of a project has errors; the project loads with what could be read. */
  configProblems?(project: string, messages: string[]): void;
}

/** A file's current program: what every feature reads. */
export interface FileSnapshot {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
  sourceFile: ts.SourceFile;
}

/** Files larger than this are not analysed: parsing them on every keystroke would stall the server. */
export const MAX_FILE_CHARS = 8 * 1024 * 1024;

/** Parsed SourceFiles keyed by path, options and version, shared by every project and workspace of the process. */
const registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, undefined, JSDOC_PARSING);

/**
 * All projects of the open folders. Each file belongs to the project of its nearest tsconfig.json/jsconfig.json
 * that includes it, else to the inferred (strict) project of its workspace folder.
 */
export class Workspace {
  readonly files = new FileStore();
  private readonly configured = new Map<string, Project>();
  private readonly inferred = new Map<string, Project>();
  private readonly owner = new Map<string, Project>();
  private readonly loaded = new WeakSet<Project>();
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
    this.owner.clear();
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
    const project = this.owner.get(file);
    if (project && !project.includesByConfig(file)) {
      project.removeRoot(file);
      this.owner.delete(file);
      if (!project.configPath && project.isEmpty) this.dropInferred(project);
    }
  }

  /** A file watcher saw a file created, changed or deleted on disk. */
  fileChanged(fileName: string): void {
    const file = normalizePath(fileName);
    this.files.invalidate(file);
    if (CONFIG_NAMES.includes(path.basename(file))) {
      const project = this.configured.get(file);
      if (project) {
        project.reload();
        this.reportConfigProblems(project);
      }
      // A new or deleted config can move files between projects.
      this.owner.clear();
      for (const open of this.files.openFiles()) if (isScriptFile(open)) this.projectFor(open).addRoot(open);
    }
  }

  /** The project a file belongs to, created on first use. */
  projectFor(fileName: string): Project {
    const file = normalizePath(fileName);
    if (!isScriptFile(file)) {
      throw new SpackleError('unsupportedFile', `${path.basename(file)} is not a TypeScript or JavaScript file`);
    }
    const known = this.owner.get(file);
    if (known) return known;
    const folder = this.folderOf(file);
    let chosen: Project | undefined;
    for (const config of configsAbove(path.dirname(file), folder)) {
      const project = this.configuredProject(config);
      if (project.includesByConfig(file)) { chosen = project; break; }
    }
    chosen ??= this.inferredProject(folder ?? path.dirname(file));
    this.owner.set(file, chosen);
    return chosen;
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
    this.logger.log('info', `loaded ${project.name}: ${program.getSourceFiles().length} files in ${(performance.now() - started).toFixed(0)} ms`);
    return program;
  }

  private configuredProject(configPath: string): Project {
    let project = this.configured.get(configPath);
    if (!project) {
      project = new Project(configPath, projectDirectory(configPath, ''), this.files, registry);
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

  private inferredProject(directory: string): Project {
    const dir = normalizePath(directory);
    let project = this.inferred.get(dir);
    if (!project) {
      project = new Project(undefined, dir, this.files, registry);
      this.inferred.set(dir, project);
    }
    return project;
  }

  private dropInferred(project: Project): void {
    this.inferred.delete(project.directory);
    project.dispose();
  }

  private folderOf(file: string): string | undefined {
    return this.folders
      .filter((f) => file === f || file.startsWith(f.endsWith('/') ? f : f + '/'))
      .sort((a, b) => b.length - a.length)[0];
  }
}
