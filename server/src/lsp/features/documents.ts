/**
 * Document sync (`didOpen`, `didChange`, `didClose`, watched files): the editor's text is the truth for open files.
 * Each change goes to the Workspace (a new version in the FileStore) and restarts the wait for the document to settle
 * (`afterEdits.ts`).
 */
import { type Connection, type DidChangeWatchedFilesParams, FileChangeType } from 'vscode-languageserver/node';
import { SpackleError } from '../../errors.js';
import { FileChange, isScriptFile } from '../../analysis.js';
import { uriToPath } from '../convert.js';
import { guardedNotification } from '../guard.js';
import { OpenDocuments } from '../openDocuments.js';
import type { Session } from '../session.js';
import type { AfterEdits } from './afterEdits.js';
import { loadWithProgress } from './progress.js';

/**
 * Incremental document sync: the editor's text is the truth for open files. Each change goes to the workspace
 * (which versions it for the LanguageService) and starts again the wait for it to settle (afterEdits.ts). A
 * notification of the wrong shape changes nothing.
 */
export function syncDocuments(session: Session, connection: Connection, afterEdits: AfterEdits): OpenDocuments {
  const documents = new OpenDocuments();
  const pathOf = (uri: string) => {
    try {
      return uriToPath(uri);
    } catch (error) {
      session.logger.log('debug', `ignoring ${uri}: ${error instanceof Error ? error.message : error}`);
      return undefined;
    }
  };
  connection.onDidOpenTextDocument(
    guardedNotification(session.failures, 'textDocument/didOpen', async (params) => {
      const document = documents.open(params);
      const file = pathOf(document.uri);
      if (!file) return;
      try {
        session.analysis.open(file, document.getText());
      } catch (error) {
        session.logger.log('warn', `could not open ${file}: ${error instanceof Error ? error.message : error}`);
        return;
      }
      afterEdits.opened(file, document.getText());
      if (!isScriptFile(file)) return;
      await loadWithProgress(session, file);
      afterEdits.changed(file);
    }),
  );
  connection.onDidChangeTextDocument(
    guardedNotification(session.failures, 'textDocument/didChange', (params) => {
      const document = documents.change(params);
      const file = document && pathOf(document.uri);
      if (!file || !session.analysis.files.isOpen(file)) return;
      session.analysis.change(file, document.getText());
      afterEdits.changed(file);
    }),
  );
  connection.onDidCloseTextDocument(
    guardedNotification(session.failures, 'textDocument/didClose', (params) => {
      const document = documents.close(params);
      const file = document && pathOf(document.uri);
      if (!file) return;
      session.analysis.close(file);
      session.positions.forget(file);
      session.suggestions.forget(file);
      afterEdits.closed(file);
    }),
  );
  return documents;
}

const CHANGE: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** Files changed on disk (the client watches for us): drop cached text, reload changed configs, move open files. */
export function watchedFilesChanged(
  session: Session,
  params: DidChangeWatchedFilesParams,
  afterEdits: AfterEdits,
): void {
  const changes = params?.changes;
  if (!Array.isArray(changes))
    throw new SpackleError('invalidParams', 'didChangeWatchedFiles needs changes: FileEvent[]');
  for (const change of changes) {
    try {
      session.analysis.fileChanged(uriToPath(change.uri), CHANGE[change.type] ?? 'changed');
    } catch (error) {
      session.logger.log('debug', `ignoring a watched change: ${error instanceof Error ? error.message : error}`);
    }
  }
  for (const open of session.analysis.files.openFiles()) afterEdits.changed(open);
}
