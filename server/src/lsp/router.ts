/**
 * The main thread of the server: it holds the client's stream and passes messages to the analysis worker
 * (analysisWorker.ts), so that its own event loop never waits on an analysis. Here the protocol is kept whatever the
 * analysis does: the lifecycle (lifecycle.ts), malformed JSON-RPC answered, every request answered once (its own
 * id to the worker, so two requests with one id are both answered), a cancelled request answered at once, a
 * request not answered within its budget answered with an error, the parent process watched. When the analysis
 * stops or stalls it is restarted, given the client's documents, settings and folders again, and the documents it
 * was busy with are left alone until they change.
 */
import { ErrorCodes, LSPErrorCodes, Message, ResponseMessage } from 'vscode-languageserver-protocol';
import { AnalysisWorker, ToWorker } from './analysisWorker.js';
import { Lifecycle, Refusal } from './lifecycle.js';
import { classify, Id, isId, pruneDeep } from './messages.js';
import { OpenDocuments } from './openDocuments.js';
import type { ToMain, WorkerControl } from './worker.js';

/** What the transport gives the router: the client's messages, and a way to send. */
export interface ClientChannel {
  listen(events: {
    message(value: unknown): void;
    unreadable(reason: string): void;
    lost(reason: string): void;
    closed(): void;
  }): void;
  send(message: Message): void;
}

/** Requests whose work has the settings' fill or repair deadline; the rest have the context budget. */
const FILL_METHODS = new Set([
  'textDocument/completion',
  'textDocument/inlineCompletion',
  'textDocument/codeAction',
  'codeAction/resolve',
]);
/** Not answered early: the client awaits their result before going on, or they apply edits. */
const UNBOUNDED = new Set(['initialize', 'shutdown', 'workspace/executeCommand']);
/** How long the router waits on the analysis; tests shorten them. */
export interface Limits {
  /** The budget of a request that has no deadline setting (context, hover, holes). */
  contextBudgetMs: number;
  /**
   * Past its budget, how long a request may still take (bringing a program up to date after an edit) before an error.
   */
  graceMs: number;
  /** A step of the analysis longer than this stops it (loading a project's first program may take loadStallMs). */
  stallMs: number;
  loadStallMs: number;
}

export const LIMITS: Limits = { contextBudgetMs: 5000, graceMs: 2000, stallMs: 15_000, loadStallMs: 120_000 };
/** More restarts than this within RESTART_WINDOW_MS and the analysis stays down. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 5 * 60_000;
const PARENT_CHECK_MS = 3000;
/** Registrations are made once, by the first analysis; a restarted one would register everything twice. */
const REGISTRATIONS = new Set(['client/registerCapability', 'client/unregisterCapability']);

interface Pending {
  clientId: Id;
  method: string;
  cancel: Int32Array;
  timer?: NodeJS.Timeout;
}

export class Router {
  private readonly lifecycle = new Lifecycle();
  private readonly analysis: AnalysisWorker;
  private readonly documents = new OpenDocuments();
  private readonly pending = new Map<number, Pending>();
  /** The server's requests to the client, by the id the client sees: the analysis' generation and its own id. */
  private readonly serverRequests = new Map<number, { generation: number; id: Id }>();
  private readonly busy = new Map<number, { uri?: string; loading: boolean }>();
  private readonly quarantine = new Map<string, string>();
  private readonly restarts: number[] = [];
  private initializeParams: Record<string, unknown> | undefined;
  private pushedSettings: unknown;
  private workBudgetMs = 150;
  private nextId = 0;
  private down: string | undefined;

  constructor(
    private readonly channel: ClientChannel,
    entry: string,
    private readonly exit: (code: number, why?: string) => void,
    private readonly limits: Limits = LIMITS,
  ) {
    this.analysis = new AnalysisWorker(
      entry,
      {
        message: (message) => this.fromAnalysis(message),
        stopped: (reason) => this.analysisStopped(reason),
      },
      () => (this.loading() ? limits.loadStallMs : limits.stallMs),
    );
  }

  listen(): void {
    this.analysis.start();
    this.watchParent(parentFromArguments());
    this.channel.listen({
      message: (value) => this.guarded(value, () => this.fromClient(value)),
      unreadable: (reason) =>
        this.answer(null, { code: ErrorCodes.ParseError, message: `a message is not JSON: ${reason}` }),
      lost: (reason) =>
        this.exit(
          1,
          `the client's messages can no longer be read (${reason}); exiting so that the editor restarts the server`,
        ),
      closed: () => this.exit(this.lifecycle.shutDown ? 0 : 1),
    });
  }

  /** The main thread must not fall: a failure here is written to stderr and a request with it answered. */
  private guarded(value: unknown, work: () => void): void {
    try {
      work();
    } catch (error) {
      process.stderr.write(`spackle: internal error on a message: ${error instanceof Error ? error.stack : error}\n`);
      const id = (value as { id?: unknown } | null)?.id;
      if (isId(id))
        this.answer(id, { code: ErrorCodes.InternalError, message: `Spackle could not take this message: ${error}` });
    }
  }

  /** Stops the analysis and every timer (the process goes on: for tests, and before exiting). */
  stop(): void {
    this.analysis.stop();
    for (const pending of this.pending.values()) clearTimeout(pending.timer);
    this.pending.clear();
  }

  private fromClient(value: unknown): void {
    pruneDeep(value);
    const message = classify(value);
    switch (message.kind) {
      case 'invalid':
        return this.answer(message.id, { code: ErrorCodes.InvalidRequest, message: message.reason });
      case 'response':
        return this.clientResponse(message.id, value as ResponseMessage);
      case 'notification':
        return this.clientNotification(message.method, message.params);
      case 'request':
        return this.clientRequest(message.id, message.method, message.params);
    }
  }

  private clientRequest(clientId: Id, method: string, params: unknown): void {
    const refusal = this.lifecycle.admitRequest(method, params) ?? this.refusalOf(params);
    if (refusal) return this.answer(clientId, refusal);
    if (method === 'initialize') {
      this.initializeParams = params as Record<string, unknown>;
      this.watchParent((params as { processId?: number | null }).processId ?? undefined);
    }
    const id = ++this.nextId;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const pending: Pending = { clientId, method, cancel };
    this.pending.set(id, pending);
    if (!UNBOUNDED.has(method))
      this.answerInTime(id, FILL_METHODS.has(method) ? this.workBudgetMs : this.limits.contextBudgetMs);
    this.toAnalysis({
      jsonrpc: '2.0',
      id,
      method,
      params: forAnalysis(method, params),
      $cancellationData: cancel.buffer,
    } as Message);
  }

  /**
   * Answers the request with an error once its budget and the grace have passed. A project's first load is not the
   * request's work (it is shown as progress, and bounded by loadStallMs): the clock waits while one runs.
   */
  private answerInTime(id: number, budget: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    pending.timer = setTimeout(() => {
      if (this.loading()) return this.answerInTime(id, budget);
      this.settle(id, {
        code: LSPErrorCodes.RequestFailed,
        message: `Spackle could not answer ${pending.method} within ${budget} ms: the analysis is busy`,
      });
    }, budget + this.limits.graceMs);
  }

  private loading(): boolean {
    return [...this.busy.values()].some((b) => b.loading);
  }

  /**
   * Why a request is not passed on though the lifecycle admits it: the analysis is down, or its document is left alone.
   */
  private refusalOf(params: unknown): Refusal | undefined {
    if (this.down) return { code: LSPErrorCodes.RequestFailed, message: this.down };
    const uri = uriIn(params);
    const quarantined = uri === undefined ? undefined : this.quarantine.get(uri);
    return quarantined ? { code: LSPErrorCodes.RequestFailed, message: quarantined } : undefined;
  }

  private clientNotification(method: string, params: unknown): void {
    if (method === 'exit') return this.exit(this.lifecycle.shutDown ? 0 : 1);
    if (method === '$/cancelRequest') return this.cancel((params as { id?: unknown } | undefined)?.id);
    if (!this.lifecycle.admitNotification()) return;
    this.remember(method, params);
    this.toAnalysis({ jsonrpc: '2.0', method, params } as Message);
  }

  /** What a restarted analysis is given again: the open documents, pushed settings, the folders. */
  private remember(method: string, params: unknown): void {
    let changed: string | undefined;
    try {
      if (method === 'textDocument/didOpen') this.documents.open(params);
      else if (method === 'textDocument/didChange') changed = this.documents.change(params)?.uri;
      else if (method === 'textDocument/didClose') changed = this.documents.close(params)?.uri;
      else if (method === 'workspace/didChangeConfiguration') this.pushedSettings = params;
      else if (method === 'workspace/didChangeWorkspaceFolders') this.changeFolders(params);
    } catch {
      // Malformed: the analysis refuses it the same way, and logs it.
    }
    // A document left alone is looked at again once it changes.
    if (changed !== undefined && this.quarantine.delete(changed)) this.postQuarantine();
  }

  private changeFolders(params: unknown): void {
    const event = (params as { event?: { added?: Array<{ uri: string }>; removed?: Array<{ uri: string }> } }).event;
    const init = this.initializeParams;
    if (!init || !event) return;
    const removed = new Set((event.removed ?? []).map((f) => f.uri));
    const kept = ((init.workspaceFolders as Array<{ uri: string }> | null) ?? []).filter((f) => !removed.has(f.uri));
    init.workspaceFolders = [...kept, ...(event.added ?? [])];
  }

  private cancel(clientId: unknown): void {
    if (!isId(clientId)) return;
    for (const [id, pending] of this.pending) {
      if (pending.clientId !== clientId) continue;
      Atomics.store(pending.cancel, 0, 1);
      this.toAnalysis({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } } as Message);
      this.settle(id, { code: LSPErrorCodes.RequestCancelled, message: `${pending.method} cancelled` });
    }
  }

  private clientResponse(id: Id | null, response: ResponseMessage): void {
    const request = typeof id === 'number' ? this.serverRequests.get(id) : undefined;
    if (!request) return;
    this.serverRequests.delete(id as number);
    if (request.generation === this.analysis.generation) this.toAnalysis({ ...response, id: request.id } as Message);
  }

  private fromAnalysis({ lsp, control }: ToMain): void {
    if (control) return this.control(control);
    if (!lsp) return;
    const message = lsp as Partial<ResponseMessage & { method: string }>;
    if (message.method === undefined) return this.analysisResponse(message as ResponseMessage);
    if (message.id === undefined || message.id === null) return this.channel.send(lsp);
    if (REGISTRATIONS.has(message.method) && this.analysis.generation > 1) {
      return this.toAnalysis({ jsonrpc: '2.0', id: message.id, result: null } as Message);
    }
    const id = ++this.nextId;
    this.serverRequests.set(id, { generation: this.analysis.generation, id: message.id });
    this.channel.send({ ...lsp, id } as Message);
  }

  private analysisResponse(response: ResponseMessage): void {
    const id = response.id as number;
    const pending = this.pending.get(id);
    if (pending?.method === 'initialize') this.lifecycle.initialized(response.error === undefined);
    if (pending) this.settle(id, response.error ?? response.result ?? null, response.error !== undefined);
  }

  /** Answers a pending request once (its result, or an error), forgetting it. */
  private settle(id: number, outcome: unknown, failed = true): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    // A request answered early (cancelled, late) may still be running: it stops at its next cancellation check.
    Atomics.store(pending.cancel, 0, 1);
    if (failed) this.answer(pending.clientId, outcome as Refusal);
    else this.channel.send({ jsonrpc: '2.0', id: pending.clientId, result: outcome } as Message);
  }

  private answer(id: Id | null, error: Refusal): void {
    this.channel.send({ jsonrpc: '2.0', id, error } as Message);
  }

  private control(control: WorkerControl): void {
    if (control.kind === 'busy') this.busy.set(control.key, { uri: control.file, loading: control.loading });
    else if (control.kind === 'idle') this.busy.delete(control.key);
    else this.workBudgetMs = control.ms;
  }

  private toAnalysis(message: Message): void {
    this.analysis.post({ lsp: message } satisfies ToWorker);
  }

  private postQuarantine(): void {
    this.analysis.post({ control: { kind: 'quarantine', files: [...this.quarantine] } });
  }

  private analysisStopped(reason: string): void {
    const busy = [...this.busy.values()];
    this.busy.clear();
    for (const uri of new Set(busy.map((b) => b.uri).filter((u): u is string => !!u))) {
      this.quarantine.set(
        uri,
        `Spackle stopped analysing this document (${reason}); it tries again once the document changes`,
      );
    }
    for (const id of [...this.pending.keys()])
      this.settle(id, {
        code: LSPErrorCodes.RequestFailed,
        message: `Spackle's analysis stopped (${reason}); ask again`,
      });
    const now = performance.now();
    this.restarts.push(now);
    while (this.restarts[0] < now - RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS) {
      this.down =
        `Spackle's analysis stopped after ${this.restarts.length} failures in a few minutes ` +
        `(the last: ${reason}); restart the server`;
      this.notifyUser(this.down);
      return;
    }
    this.notifyUser(
      `Spackle's analysis stopped (${reason}) and restarts` +
        (busy.length ? '; the documents it was busy with are left alone until they change' : ''),
    );
    this.restartAnalysis();
  }

  /** A new analysis, given what the client told the last one: initialize, its documents, settings, folders. */
  private restartAnalysis(): void {
    this.analysis.start();
    if (!this.initializeParams) return;
    const replay = (method: string, params: unknown) => this.toAnalysis({ jsonrpc: '2.0', method, params } as Message);
    this.toAnalysis({
      jsonrpc: '2.0',
      id: ++this.nextId,
      method: 'initialize',
      params: forAnalysis('initialize', this.initializeParams),
    } as Message);
    replay('initialized', {});
    if (this.pushedSettings !== undefined) replay('workspace/didChangeConfiguration', this.pushedSettings);
    this.postQuarantine();
    for (const document of this.documents.all()) {
      replay('textDocument/didOpen', {
        textDocument: {
          uri: document.uri,
          languageId: document.languageId,
          version: document.version,
          text: document.getText(),
        },
      });
    }
  }

  private notifyUser(message: string): void {
    process.stderr.write(`spackle: ${message}\n`);
    this.channel.send({ jsonrpc: '2.0', method: 'window/showMessage', params: { type: 1, message } } as Message);
  }

  /** LSP: the server exits when the process that started it is gone (`processId`, or `--clientProcessId`). */
  private watchParent(pid: number | undefined): void {
    if (pid === undefined) return;
    const timer = setInterval(() => {
      if (!isAlive(pid)) this.exit(this.lifecycle.shutDown ? 0 : 1, `the client process ${pid} is gone`);
    }, PARENT_CHECK_MS);
    timer.unref();
  }
}

/** The analysis never watches the client's process itself: a worker cannot end the process. */
function forAnalysis(method: string, params: unknown): unknown {
  return method === 'initialize' ? { ...(params as object), processId: null } : params;
}

function uriIn(params: unknown): string | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function parentFromArguments(): number | undefined {
  for (const [i, arg] of process.argv.entries()) {
    const value =
      arg === '--clientProcessId'
        ? process.argv[i + 1]
        : arg.startsWith('--clientProcessId=')
          ? arg.split('=')[1]
          : undefined;
    if (value && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
