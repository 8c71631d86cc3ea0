/**
 * The FileStore: open documents and cached disk files, with monotonic versions for the LanguageService; an edit says
 * what changed, for an incremental parse. Invariant: only regular files within the size limit are read from disk, and
 * an open document's text is the editor's.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { SpackleError } from '../errors.js';

interface Entry {
  text: string | undefined;
  version: string;
  snapshot?: TextSnapshot;
}

/** Files larger than this are not analysed: parsing them on every keystroke would stall the server. */
export const MAX_FILE_CHARS = 8 * 1024 * 1024;
/** UTF-8 takes at most 3 bytes for a UTF-16 unit: a larger file cannot be within MAX_FILE_CHARS. */
const MAX_FILE_BYTES = 3 * MAX_FILE_CHARS;

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
  private readonly refused = new Map<string, SpackleError>();
  /** Each open document's last snapshot: the next one says how it changed since, for an incremental parse. */
  private readonly lastSnapshots = new Map<string, TextSnapshot>();
  private changes = 0;
  private layouts = 0;
  /** Told once per file and version that a file on disk was not read, and why. */
  onRefused: (fileName: string, refusal: SpackleError) => void = () => {};

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
    this.lastSnapshots.delete(fileName);
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

  /** Why a file on disk that exists was not read (not a regular file, too large); undefined when it was. */
  refusal(fileName: string): SpackleError | undefined {
    this.entry(fileName);
    return this.refused.get(fileName);
  }

  version(fileName: string): string {
    return this.entry(fileName).version;
  }

  /** The text as the language service reads it; one snapshot per version, as the service asks for every file on
   * every update. */
  snapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const entry = this.entry(fileName);
    if (entry.text === undefined) return undefined;
    if (entry.snapshot) return entry.snapshot;
    if (!this.open.has(fileName)) return (entry.snapshot = new TextSnapshot(entry.text));
    entry.snapshot = new TextSnapshot(entry.text, this.lastSnapshots.get(fileName));
    this.lastSnapshots.set(fileName, entry.snapshot);
    return entry.snapshot;
  }

  exists(fileName: string): boolean {
    return this.open.has(fileName) || this.entry(fileName).text !== undefined;
  }

  private entry(fileName: string): Entry {
    const opened = this.open.get(fileName);
    if (opened) return opened;
    let cached = this.disk.get(fileName);
    if (!cached) {
      const read = readDiskFile(fileName);
      const version =
        read.text === undefined ? 'missing' : `disk:${read.mtimeMs}:${read.size}:${this.reported.get(fileName) ?? 0}`;
      cached = { text: read.text, version };
      this.disk.set(fileName, cached);
      if (read.refusal && this.refused.get(fileName)?.message !== read.refusal.message)
        this.onRefused(fileName, read.refusal);
      if (read.refusal) this.refused.set(fileName, read.refusal);
      else this.refused.delete(fileName);
    }
    return cached;
  }
}

/**
 * A version's text, which can say how it differs from the snapshot before it: the language service then parses an
 * edited document incrementally, reusing the unchanged nodes (a full parse of a large file takes seconds). Only the
 * one before is kept, so versions do not pile up.
 */
class TextSnapshot implements ts.IScriptSnapshot {
  constructor(
    private readonly text: string,
    private previous?: TextSnapshot,
  ) {
    if (previous) previous.previous = undefined;
  }

  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }

  getLength(): number {
    return this.text.length;
  }

  getChangeRange(old: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    if (!this.previous || old !== this.previous) return undefined;
    const before = this.previous.text;
    const after = this.text;
    const shorter = Math.min(before.length, after.length);
    let prefix = 0;
    while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < shorter - prefix &&
      before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
    )
      suffix++;
    return ts.createTextChangeRange(
      ts.createTextSpan(prefix, before.length - prefix - suffix),
      after.length - prefix - suffix,
    );
  }
}

interface DiskRead {
  text?: string;
  mtimeMs?: number;
  size?: number;
  refusal?: SpackleError;
}

/**
 * A source file's text from disk. Only a regular file is read: a device (`/dev/zero`) never ends, a FIFO blocks
 * until someone writes to it. It is opened without blocking and checked on that descriptor, so what is checked is
 * what is read. A directory or a missing file has no text and is no refusal: module resolution asks about many.
 */
function readDiskFile(fileName: string): DiskRead {
  let fd: number;
  try {
    fd = openSync(fileName, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return {};
  }
  try {
    const stat = fstatSync(fd);
    const name = path.basename(fileName);
    if (stat.isDirectory()) return {};
    if (!stat.isFile())
      return {
        refusal: new SpackleError('unsupportedFile', `${name} is not a regular file (a device, FIFO or socket)`),
      };
    if (stat.size > MAX_FILE_BYTES) return { refusal: tooLarge(name, stat.size, 'bytes') };
    const text = decode(readFileSync(fd));
    if (text.length > MAX_FILE_CHARS) return { refusal: tooLarge(name, text.length, 'characters') };
    return { text, mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    return {};
  } finally {
    closeSync(fd);
  }
}

function tooLarge(name: string, size: number, unit: string): SpackleError {
  return new SpackleError('tooLarge', `${name} is too large to analyse (${size} ${unit})`);
}

/** As TypeScript reads a file: UTF-8, or UTF-16 after its byte order mark. */
function decode(buffer: Buffer): string {
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return buffer
      .subarray(2, buffer.length & ~1)
      .swap16()
      .toString('utf16le');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le', 2);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.toString('utf8', 3);
  return buffer.toString('utf8');
}
