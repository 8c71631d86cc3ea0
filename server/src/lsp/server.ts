import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind, Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, InitializeParams, InitializeResult,
  TextDocuments, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver/node';
import {
  ACCEPTED_UNVERIFIED_COMMAND, ExpectedTypeRequest, FILL_HOLE_COMMAND, HoleContextRequest, HolesRequest,
  RelevantHeadersRequest, RelevantTypesRequest, REPAIR_FILE_COMMAND,
} from '../../../protocol/index.js';
import { TYPESCRIPT_VERSION, VERSION } from '../version.js';
import { uriToPath } from './convert.js';
import { AfterEdits } from './features/afterEdits.js';
import { codeActions } from './features/codeActions.js';
import { completion } from './features/completion.js';
import { expectedType, holeContext, relevantHeaders, relevantTypes } from './features/context.js';
import { syncDocuments, watchedFilesChanged } from './features/documents.js';
import { executeCommand } from './features/commands.js';
import { holes } from './features/holes.js';
import { hover } from './features/hover.js';
import { inlineCompletion } from './features/inlineCompletion.js';
import { resolveRepairAction } from './features/repairActions.js';
import { guarded } from './guard.js';
import { Session } from './session.js';

/**
 * The served surface, one line per method. Handlers live in features/, one file each; only this folder knows LSP.
 */
export function serve(connection: Connection): void {
  const session = new Session(connection);
  const documents = new TextDocuments(TextDocument);
  const afterEdits = new AfterEdits(session);
  const request = <P, R>(method: string, handler: (session: Session, params: P, isCancelled: () => boolean) => R | Promise<R>) =>
    guarded<P, R>(session.logger, method, (params, isCancelled) => handler(session, params, isCancelled));

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => void initialized(session));
  connection.onShutdown(() => afterEdits.dispose());

  connection.onRequest(ExpectedTypeRequest, request(ExpectedTypeRequest.method, expectedType));
  connection.onRequest(RelevantTypesRequest, request(RelevantTypesRequest.method, relevantTypes));
  connection.onRequest(RelevantHeadersRequest, request(RelevantHeadersRequest.method, relevantHeaders));
  connection.onRequest(HoleContextRequest, request(HoleContextRequest.method, holeContext));
  connection.onRequest(HolesRequest, request(HolesRequest.method, holes));
  connection.onHover(request('textDocument/hover', hover));
  connection.onCompletion(request('textDocument/completion', completion));
  connection.languages.inlineCompletion.on(request('textDocument/inlineCompletion', inlineCompletion));
  connection.onCodeAction(request('textDocument/codeAction', codeActions));
  connection.onCodeActionResolve(request('codeAction/resolve', resolveRepairAction));
  connection.onExecuteCommand(request('workspace/executeCommand', executeCommand));

  connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(session, params, afterEdits));
  connection.onDidChangeConfiguration((params) => void refreshSettings(session, params.settings));
  syncDocuments(session, documents, afterEdits);
  documents.listen(connection);
  connection.listen();
}

function initialize(session: Session, params: InitializeParams): InitializeResult {
  session.capabilities = params.capabilities ?? {};
  session.resetWorkspace(foldersOf(params.workspaceFolders, params.rootUri));
  session.applyInitializationOptions(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.'] },
      inlineCompletionProvider: true,
      // Code actions are sent as literals, which a client must announce it understands.
      codeActionProvider: session.capabilities.textDocument?.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true } : undefined,
      executeCommandProvider: { commands: [FILL_HOLE_COMMAND, REPAIR_FILE_COMMAND, ACCEPTED_UNVERIFIED_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      experimental: {
        chatLsp: { expectedType: true, relevantTypes: true, relevantHeaders: true },
        spackle: { holeContext: true, holes: true },
      },
    },
    serverInfo: { name: 'spackle', version: VERSION },
  };
}

async function initialized(session: Session): Promise<void> {
  const workspace = session.capabilities.workspace;
  // The library's getter throws unless the client announced workspace folders (and before initialize).
  if (workspace?.workspaceFolders) session.connection.workspace.onDidChangeWorkspaceFolders(() => void refreshFolders(session));
  if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await session.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }, { globPattern: '**/{tsconfig,jsconfig}*.json' }],
    });
  }
  if (workspace?.didChangeConfiguration?.dynamicRegistration) {
    await session.connection.client.register(DidChangeConfigurationNotification.type, { section: 'spackle' });
  }
  await refreshSettings(session, undefined);
  logStart(session);
}

/** At level debug, what `spackle doctor` says of versions, folders and the engine, once the settings are known. */
function logStart(session: Session): void {
  const { settings, workspace } = session;
  const model = settings.llm.baseUrl ? `${settings.llm.model} at ${settings.llm.baseUrl} (key ${settings.llm.apiKey ? 'set' : 'not set'})` : 'no model';
  session.logger.log('debug', `spackle ${VERSION}, Node ${process.version}, TypeScript ${TYPESCRIPT_VERSION}; folders: ` +
    `${workspace.folderPaths.join(', ') || 'none'}; engine ${settings.engine}, ${model}`);
}

/** Settings pushed with didChangeConfiguration, or pulled with workspace/configuration when the client can. */
async function refreshSettings(session: Session, pushed: unknown): Promise<void> {
  let raw = (pushed as { spackle?: unknown } | undefined)?.spackle;
  if (raw === undefined && session.capabilities.workspace?.configuration) {
    raw = await session.connection.workspace.getConfiguration('spackle').catch(() => undefined);
  }
  if (raw !== undefined && raw !== null) session.applyConfiguration(raw);
}

async function refreshFolders(session: Session): Promise<void> {
  const folders = await session.connection.workspace.getWorkspaceFolders().catch(() => null);
  session.workspace.setFolders(foldersOf(folders, null));
}

function foldersOf(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined): string[] {
  const uris = folders?.length ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.flatMap((uri) => {
    try {
      return [uriToPath(uri)];
    } catch {
      return [];
    }
  });
}
