/**
 * The client's open documents, kept in step with its incremental changes (didOpen, didChange, didClose). A
 * notification of the wrong shape is refused whole, before anything is applied: a document is never left half
 * changed, so its text stays the client's.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { SpackleError } from '../errors.js';

export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();

  /** didOpen; a document opened again takes the new text. */
  open(params: unknown): TextDocument {
    const item = field(params, 'textDocument');
    const { uri, languageId, version, text } = item as Record<string, unknown>;
    if (
      typeof uri !== 'string' ||
      !uri ||
      typeof languageId !== 'string' ||
      !isVersion(version) ||
      typeof text !== 'string'
    ) {
      throw invalid('didOpen needs textDocument { uri, languageId, version, text }');
    }
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  /** didChange; undefined when the document is not open (the change is then ignored, as the client's mistake). */
  change(params: unknown): TextDocument | undefined {
    const { uri, version } = field(params, 'textDocument') as Record<string, unknown>;
    const changes = (params as { contentChanges?: unknown }).contentChanges;
    if (typeof uri !== 'string' || !isVersion(version) || !Array.isArray(changes) || !changes.every(isChange)) {
      throw invalid('didChange needs textDocument { uri, version } and contentChanges of { text } or { range, text }');
    }
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const changed = TextDocument.update(document, changes, version);
    this.documents.set(uri, changed);
    return changed;
  }

  /** didClose; undefined when the document was not open. */
  close(params: unknown): TextDocument | undefined {
    const { uri } = field(params, 'textDocument') as Record<string, unknown>;
    if (typeof uri !== 'string') throw invalid('didClose needs textDocument { uri }');
    const document = this.documents.get(uri);
    this.documents.delete(uri);
    return document;
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }
}

function field(params: unknown, name: string): object {
  const value = params && typeof params === 'object' ? (params as Record<string, unknown>)[name] : undefined;
  if (!value || typeof value !== 'object') throw invalid(`${name} must be an object`);
  return value;
}

function invalid(message: string): SpackleError {
  return new SpackleError('invalidParams', message);
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isChange(change: unknown): change is TextDocumentContentChangeEvent {
  if (!change || typeof change !== 'object') return false;
  const { text, range } = change as Record<string, unknown>;
  if (typeof text !== 'string') return false;
  if (range === undefined) return true;
  return isRange(range);
}

export function isRange(value: unknown): value is Range {
  const { start, end } = (value ?? {}) as Record<string, unknown>;
  return isPosition(start) && isPosition(end);
}

export function isPosition(value: unknown): value is Position {
  const { line, character } = (value ?? {}) as Record<string, unknown>;
  return isNatural(line) && isNatural(character);
}

export function isNatural(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}
