/**
 * LSP's coordinates to the core's: URIs to paths and back, line/character to UTF-16 offsets and back (line maps rebuilt
 * when the text changes). Invariant: a URI or position that cannot be converted is an `invalidParams` or
 * `unsupportedFile` refusal, never an exception of another kind.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position, Range, TextDocumentPositionParams } from 'vscode-languageserver/node';
import { FileStore, normalizePath, SourceRef } from '../analysis.js';
import { SpackleError } from '../errors.js';
import { isPosition } from './openDocuments.js';

/** LSP speaks URIs and line/character; the core speaks file paths and UTF-16 offsets. */
export function uriToPath(uri: unknown): string {
  if (typeof uri !== 'string' || !uri)
    throw new SpackleError('invalidParams', 'textDocument.uri must be a non-empty string');
  if (!uri.startsWith('file:'))
    throw new SpackleError('unsupportedFile', `only file: documents are supported, not ${uri}`);
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    throw new SpackleError('invalidParams', `malformed document URI ${uri}`);
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Line maps of files, rebuilt when the text changes. */
export class Positions {
  private readonly maps = new Map<string, TextDocument>();

  constructor(private readonly files: FileStore) {}

  document(file: string): TextDocument {
    const text = this.files.text(file);
    if (text === undefined) {
      throw this.files.refusal(file) ?? new SpackleError('unknownFile', `${file} is neither open nor on disk`);
    }
    let doc = this.maps.get(file);
    if (!doc || doc.getText() !== text) {
      doc = TextDocument.create(pathToUri(file), 'typescript', 0, text);
      this.maps.set(file, doc);
    }
    return doc;
  }

  forget(file: string): void {
    this.maps.delete(file);
  }

  /** Offset of an LSP position. A character past the line end means the line end (LSP 3.17 §Position); a line
   * past the document's end is an error. */
  offsetAt(file: string, position: Position): number {
    const doc = this.document(file);
    if (position.line >= doc.lineCount) {
      throw new SpackleError(
        'invalidPosition',
        `line ${position.line} is past the end of the document (${doc.lineCount} lines)`,
      );
    }
    return doc.offsetAt(position);
  }

  range(file: string, start: number, end: number): Range {
    const doc = this.document(file);
    return { start: doc.positionAt(start), end: doc.positionAt(end) };
  }

  location(ref: SourceRef): Location {
    return { uri: pathToUri(ref.file), range: this.range(ref.file, ref.start, ref.end) };
  }
}

/** The file and offset a TextDocumentPositionParams points at, validated. */
export function positionParams(params: unknown, positions: Positions): { file: string; offset: number } {
  const p = params as Partial<TextDocumentPositionParams> | undefined;
  const file = uriToPath(p?.textDocument?.uri);
  if (!isPosition(p?.position)) {
    throw new SpackleError('invalidParams', 'position must be { line, character } with non-negative integers');
  }
  return { file, offset: positions.offsetAt(file, p.position) };
}
