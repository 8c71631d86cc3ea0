import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TextDocumentPositionParams, TransportKind,
} from 'vscode-languageclient/node';
import { FILL_HOLE_COMMAND, FillHoleResult, HoleContextRequest, HoleContextResult } from '../../../protocol/index.js';
import { holeContextMarkdown } from './holeContext.js';
import { settingsForServer } from './settings.js';

/** Where the packaging script puts the bundled server (beside TypeScript's lib files, which it loads from there). */
const SERVER_MODULE = 'dist/server/spackle.js';
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

let client: LanguageClient | undefined;

/**
 * Starts the bundled server for TypeScript and JavaScript files, beside VS Code's own TypeScript support. Completion,
 * inline completion (ghost text), the "Fill hole" quick fixes and hover come from vscode-languageclient's LSP
 * features; the two commands below act on the hole at the cursor.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    // The server also pulls the `spackle` section (workspace/configuration) and hears of its changes.
    initializationOptions: settingsForServer(vscode.workspace.getConfiguration('spackle')),
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const sections = await next(params, token);
          return Array.isArray(sections) ? sections.map(settingsForServer) : sections;
        },
      },
    },
    outputChannelName: 'Spackle',
  };
  client = new LanguageClient('spackle', 'Spackle', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerTextEditorCommand('spackle.fillHoleAtCursor', (editor) => fillHole(editor)),
    vscode.commands.registerTextEditorCommand('spackle.showHoleContext', (editor) => showHoleContext(editor)),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}

function positionParams(running: LanguageClient, editor: vscode.TextEditor): TextDocumentPositionParams {
  return running.code2ProtocolConverter.asTextDocumentPositionParams(editor.document, editor.selection.active);
}

/** Runs a request at the cursor; an error (no hole, no fill, server down) is shown to the user, not thrown. */
async function atCursor<R>(editor: vscode.TextEditor, send: (running: LanguageClient, params: TextDocumentPositionParams) => Promise<R>): Promise<R | undefined> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Spackle is not running: see the "Spackle" output channel.');
    return undefined;
  }
  try {
    return await send(client, positionParams(client, editor));
  } catch (error) {
    void vscode.window.showWarningMessage(`Spackle: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The server fills the hole at the cursor with its best fill and applies it (workspace/applyEdit). */
async function fillHole(editor: vscode.TextEditor): Promise<void> {
  const result = await atCursor(editor, (running, { textDocument, position }) =>
    running.sendRequest(ExecuteCommandRequest.type, { command: FILL_HOLE_COMMAND, arguments: [{ uri: textDocument.uri, position }] }) as Promise<FillHoleResult>);
  if (result) vscode.window.setStatusBarMessage(`Spackle: filled with ${result.text}: ${result.type}`, 5000);
}

/** The hole's expected type, relevant types and headers, as markdown beside the editor. */
async function showHoleContext(editor: vscode.TextEditor): Promise<void> {
  const context = await atCursor(editor, (running, params) => running.sendRequest<HoleContextResult>(HoleContextRequest.method, params));
  if (!context) return;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: holeContextMarkdown(context) });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
