/**
 * The served surface, one line per method, each bound to its handler in features/ behind the guards of guard.ts; and
 * `initialize`: the server's capabilities, settings and folders.
 */
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  CompletionRequest,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  HoverRequest,
  InitializeParams,
  InitializeResult,
  InlineCompletionRequest,
  TextDocumentSyncKind,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { Budget } from '../analysis.js';
import {
  ACCEPTED_UNVERIFIED_COMMAND,
  DocumentRequest,
  ExpectedTypeRequest,
  FILL_HOLE_COMMAND,
  HoleContextRequest,
  HolesRequest,
  RelevantHeadersRequest,
  RelevantTypesRequest,
  REPAIR_FILE_COMMAND,
} from '../../../protocol/index.js';
import { TYPESCRIPT_VERSION, VERSION } from '../version.js';
import { uriToPath } from './convert.js';
import { AfterEdits } from './features/afterEdits.js';
import { codeActions } from './features/codeActions.js';
import { completion } from './features/completion.js';
import { chatExpectedType, chatRelevantHeaders, chatRelevantTypes, holeContext } from './features/chatLsp.js';
import { syncDocuments, watchedFilesChanged } from './features/documents.js';
import { executeCommand } from './features/executeCommand.js';
import { documentState } from './features/document.js';
import { holes } from './features/holes.js';
import { hover } from './features/hover.js';
import { inlineCompletion } from './features/inlineCompletion.js';
import { resolveRepairAction } from './features/repairActions.js';
import type { AnalysisHost } from './activity.js';
import { guarded, guardedNotification } from './guard.js';
import { Session } from './session.js';

/**
 * The served surface, one line per method. Handlers live in features/, one file each; only this folder knows LSP.
 * `host` is the main thread when this runs as the analysis worker (worker.ts).
 */
export function serve(connection: Connection, host?: AnalysisHost): void {
  const session = new Session(connection, host);
  const afterEdits = new AfterEdits(session);
  const request = <P, R>(method: string, handler: (session: Session, params: P, budget: Budget) => R | Promise<R>) =>
    guarded<P, R>(session.logger, method, (params, budget) =>
      session.working(uriIn(params), () => handler(session, params, budget)),
    );
  const notification = <P>(method: string, handler: (params: P) => void | Promise<void>) =>
    guardedNotification(session.failures, method, handler);
  // Work no request or notification awaits (timers, promises left running) reports its failures the same way.
  process.on('uncaughtException', (error) => session.failures.report('internal work', error));
  process.on('unhandledRejection', (error) => session.failures.report('internal work', error));

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(notification('initialized', () => initialized(session)));
  connection.onShutdown(() => afterEdits.dispose());

  connection.onRequest(ExpectedTypeRequest, request(ExpectedTypeRequest.method, chatExpectedType));
  connection.onRequest(RelevantTypesRequest, request(RelevantTypesRequest.method, chatRelevantTypes));
  connection.onRequest(RelevantHeadersRequest, request(RelevantHeadersRequest.method, chatRelevantHeaders));
  connection.onRequest(HoleContextRequest, request(HoleContextRequest.method, holeContext));
  connection.onRequest(HolesRequest, request(HolesRequest.method, holes));
  // Bound as plain requests: the library's onHover, onCompletion, … read `params.workDoneToken` before the handler
  // runs, an internal error for params null; progress is not reported on them.
  connection.onRequest(HoverRequest.type, request(HoverRequest.method, hover));
  connection.onRequest(CompletionRequest.type, request(CompletionRequest.method, completion));
  connection.onRequest(InlineCompletionRequest.type, request(InlineCompletionRequest.method, inlineCompletion));
  connection.onRequest(CodeActionRequest.type, request(CodeActionRequest.method, codeActions));
  connection.onRequest(CodeActionResolveRequest.type, request(CodeActionResolveRequest.method, resolveRepairAction));
  connection.onRequest(ExecuteCommandRequest.type, request(ExecuteCommandRequest.method, executeCommand));

  connection.onDidChangeWatchedFiles(
    notification('workspace/didChangeWatchedFiles', (params) => watchedFilesChanged(session, params, afterEdits)),
  );
  connection.onDidChangeConfiguration(
    notification('workspace/didChangeConfiguration', (params) => refreshSettings(session, params?.settings)),
  );
  const documents = syncDocuments(session, connection, afterEdits);
  connection.onRequest(
    DocumentRequest,
    request(DocumentRequest.method, (s, params) => documentState(s, documents, params)),
  );
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
      codeActionProvider: session.capabilities.textDocument?.codeAction?.codeActionLiteralSupport
        ? { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true }
        : undefined,
      executeCommandProvider: { commands: [FILL_HOLE_COMMAND, REPAIR_FILE_COMMAND, ACCEPTED_UNVERIFIED_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      experimental: {
        chatLsp: { expectedType: true, relevantTypes: true, relevantHeaders: true },
        spackle: { holeContext: true, holes: true, document: true },
      },
    },
    serverInfo: { name: 'spackle', version: VERSION },
  };
}

async function initialized(session: Session): Promise<void> {
  const workspace = session.capabilities.workspace;
  // The library's getter throws unless the client announced workspace folders (and before initialize).
  if (workspace?.workspaceFolders) {
    session.connection.workspace.onDidChangeWorkspaceFolders(
      guardedNotification(session.failures, 'workspace/didChangeWorkspaceFolders', () => refreshFolders(session)),
    );
  }
  if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await session.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' },
        { globPattern: '**/{tsconfig,jsconfig}*.json' },
      ],
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
  const { settings, analysis } = session;
  const model = settings.llm.baseUrl
    ? `${settings.llm.model} at ${settings.llm.baseUrl} (key ${settings.llm.apiKey ? 'set' : 'not set'})`
    : 'no model';
  session.logger.log(
    'debug',
    `spackle ${VERSION}, Node ${process.version}, TypeScript ${TYPESCRIPT_VERSION}; folders: ` +
      `${analysis.folders.join(', ') || 'none'}; engine ${settings.engine}, ${model}`,
  );
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
  session.analysis.setFolders(foldersOf(folders, null));
}

/** The document a request is about, when its params name one. */
function uriIn(params: unknown): string | undefined {
  const p = params as { textDocument?: { uri?: unknown }; data?: { uri?: unknown } } | undefined;
  const uri = p?.textDocument?.uri ?? p?.data?.uri;
  return typeof uri === 'string' ? uri : undefined;
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
