import ts from 'typescript';

interface Entry { text: string | undefined; version: number }

/**
 * Text of every file the projects read: open documents from memory (the editor's truth), the rest from disk,
 * cached until a file watcher says otherwise. Versions only grow, so a LanguageService never reuses stale text.
 */
export class FileStore {
  private readonly open = new Map<string, Entry>();
  private readonly disk = new Map<string, Entry>();
  /** Source of versions; reading a file takes one without counting as a change. */
  private versions = 0;
  private changes = 0;

  openDocument(fileName: string, text: string): void {
    this.open.set(fileName, { text, version: ++this.versions });
    this.changes++;
  }

  /** Replace an open document's text; returns false if it is not open. */
  changeDocument(fileName: string, text: string): boolean {
    if (!this.open.has(fileName)) return false;
    this.open.set(fileName, { text, version: ++this.versions });
    this.changes++;
    return true;
  }

  closeDocument(fileName: string): void {
    this.open.delete(fileName);
    this.disk.delete(fileName);
    this.changes++;
  }

  /** Grows with every change to any file; part of each project's version. */
  get generation(): number {
    return this.changes;
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
    this.changes++;
  }

  text(fileName: string): string | undefined {
    return this.entry(fileName).text;
  }

  version(fileName: string): string {
    return String(this.entry(fileName).version);
  }

  exists(fileName: string): boolean {
    return this.open.has(fileName) || this.entry(fileName).text !== undefined;
  }

  private entry(fileName: string): Entry {
    const opened = this.open.get(fileName);
    if (opened) return opened;
    let cached = this.disk.get(fileName);
    if (!cached) {
      cached = { text: ts.sys.readFile(fileName), version: ++this.versions };
      this.disk.set(fileName, cached);
    }
    return cached;
  }
}
