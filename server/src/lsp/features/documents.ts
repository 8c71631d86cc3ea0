import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeWatchedFilesParams, FileChangeType, TextDocuments } from 'vscode-languageserver/node';
import type { FileChange } from '../../workspace/workspace.js';
import { isScriptFile } from '../../workspace/tsconfig.js';
import { uriToPath } from '../convert.js';
import type { Session } from '../session.js';
import type { AfterEdits } from './afterEdits.js';
import { loadWithProgress } from './progress.js';

/**
 * Incremental document sync: the editor's text is the truth for open files. Each change goes to the workspace
 * (which versions it for the LanguageService) and starts again the wait for it to settle (afterEdits.ts).
 */
export function syncDocuments(session: Session, documents: TextDocuments<TextDocument>, afterEdits: AfterEdits): void {
  const pathOf = (uri: string) => {
    try {
      return uriToPath(uri);
    } catch (error) {
      session.logger.log('debug', `ignoring ${uri}: ${error instanceof Error ? error.message : error}`);
      return undefined;
    }
  };
  documents.onDidOpen(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    try {
      session.workspace.open(file, document.getText());
    } catch (error) {
      session.logger.log('warn', `could not open ${file}: ${error instanceof Error ? error.message : error}`);
      return;
    }
    afterEdits.opened(file, document.getText());
    if (isScriptFile(file)) void loadWithProgress(session, file).then(() => afterEdits.changed(file));
  });
  documents.onDidChangeContent(({ document }) => {
    const file = pathOf(document.uri);
    if (!file || !session.workspace.files.isOpen(file)) return;
    session.workspace.change(file, document.getText());
    afterEdits.changed(file);
  });
  documents.onDidClose(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    session.workspace.close(file);
    session.positions.forget(file);
    session.suggestions.forget(file);
    afterEdits.closed(file);
  });
}

const CHANGE: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** Files changed on disk (the client watches for us): drop cached text, reload changed configs, move open files. */
export function watchedFilesChanged(session: Session, params: DidChangeWatchedFilesParams, afterEdits: AfterEdits): void {
  for (const change of params?.changes ?? []) {
    try {
      session.workspace.fileChanged(uriToPath(change.uri), CHANGE[change.type] ?? 'changed');
    } catch (error) {
      session.logger.log('debug', `ignoring watched change ${change?.uri}: ${error instanceof Error ? error.message : error}`);
    }
  }
  for (const open of session.workspace.files.openFiles()) afterEdits.changed(open);
}
