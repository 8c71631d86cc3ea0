import { statSync } from 'node:fs';
import ts from 'typescript';

interface Entry { text: string | undefined; version: string; snapshot?: ts.IScriptSnapshot }

/** Versions of open documents are unique in the process, so no two stores ever share one for different text. */
let documentVersions = 0;

/**
 * Text of every file the projects read: open documents from memory (the editor's truth), the rest from disk,
 * cached until a file watcher says otherwise.
 *
 * A disk file's version is its modification time and size (plus how often a watcher reported it), the same in
 * every store: the shared DocumentRegistry then parses `lib.*.d.ts` and packages once per process, however many
 * workspaces or projects read them.
 */
export class FileStore {
  private readonly open = new Map<string, Entry>();
  private readonly disk = new Map<string, Entry>();
  private readonly reported = new Map<string, number>();
  private changes = 0;
  private layouts = 0;

  openDocument(fileName: string, text: string): void {
    if (!this.open.has(fileName)) this.layouts++;
    this.open.set(fileName, { text, version: `open:${++documentVersions}` });
    this.changes++;
  }

  /** Replace an open document's text; returns false if it is not open. */
  changeDocument(fileName: string, text: string): boolean {
    if (!this.open.has(fileName)) return false;
    this.openDocument(fileName, text);
    return true;
  }

  closeDocument(fileName: string): void {
    this.open.delete(fileName);
    this.disk.delete(fileName);
    this.changes++;
    this.layouts++;
  }

  /** Grows with every change to any file; part of each project's version. */
  get generation(): number {
    return this.changes;
  }

  /** Grows whenever which files exist, or what a file on disk holds, may have changed; not with an open document's
   * edits. Module resolutions stay true while it stands. */
  get layout(): number {
    return this.layouts;
  }

  isOpen(fileName: string): boolean {
    return this.open.has(fileName);
  }

  openFiles(): string[] {
    return [...this.open.keys()];
  }

  /** Forget the cached disk text of a file (watcher said it changed, was created or deleted). */
  invalidate(fileName: string): void {
    this.disk.delete(fileName);
    this.reported.set(fileName, (this.reported.get(fileName) ?? 0) + 1);
    this.changes++;
    this.layouts++;
  }

  text(fileName: string): string | undefined {
    return this.entry(fileName).text;
  }

  version(fileName: string): string {
    return this.entry(fileName).version;
  }

  /** The text as the language service reads it; one snapshot per version, as the service asks for every file on
   * every update. */
  snapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const entry = this.entry(fileName);
    if (entry.text === undefined) return undefined;
    return (entry.snapshot ??= ts.ScriptSnapshot.fromString(entry.text));
  }

  exists(fileName: string): boolean {
    return this.open.has(fileName) || this.entry(fileName).text !== undefined;
  }

  private entry(fileName: string): Entry {
    const opened = this.open.get(fileName);
    if (opened) return opened;
    let cached = this.disk.get(fileName);
    if (!cached) {
      const text = ts.sys.readFile(fileName);
      const stat = text === undefined ? undefined : statSync(fileName, { throwIfNoEntry: false });
      const version = stat ? `disk:${stat.mtimeMs}:${stat.size}:${this.reported.get(fileName) ?? 0}` : 'missing';
      cached = { text, version };
      this.disk.set(fileName, cached);
    }
    return cached;
  }
}
