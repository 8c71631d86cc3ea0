import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeWatchedFilesParams, TextDocuments } from 'vscode-languageserver/node';
import { isScriptFile } from '../../workspace/tsconfig.js';
import { uriToPath } from '../convert.js';
import type { Session } from '../session.js';
import type { HoleDiagnostics } from './holes.js';
import { loadWithProgress } from './progress.js';

/**
 * Incremental document sync: the editor's text is the truth for open files. Each change goes to the workspace
 * (which versions it for the LanguageService) and re-schedules the hole diagnostics.
 */
export function syncDocuments(session: Session, documents: TextDocuments<TextDocument>, diagnostics: HoleDiagnostics): void {
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
    if (isScriptFile(file)) void loadWithProgress(session, file).then(() => diagnostics.schedule(file));
  });
  documents.onDidChangeContent(({ document }) => {
    const file = pathOf(document.uri);
    if (!file || !session.workspace.files.isOpen(file)) return;
    session.workspace.change(file, document.getText());
    diagnostics.schedule(file);
  });
  documents.onDidClose(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    session.workspace.close(file);
    session.positions.forget(file);
    diagnostics.clear(file);
  });
}

/** Files changed on disk (the client watches for us): drop cached text, reload changed tsconfigs. */
export function watchedFilesChanged(session: Session, params: DidChangeWatchedFilesParams, diagnostics: HoleDiagnostics): void {
  for (const change of params?.changes ?? []) {
    try {
      session.workspace.fileChanged(uriToPath(change.uri));
    } catch (error) {
      session.logger.log('debug', `ignoring watched change ${change?.uri}: ${error instanceof Error ? error.message : error}`);
    }
  }
  for (const open of session.workspace.files.openFiles()) diagnostics.schedule(open);
}
