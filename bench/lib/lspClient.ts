/**
 * An LSP client over the built server's stdio, as an editor drives it (VS Code's capabilities, documents, requests,
 * cancellation, notifications): used by the integration tests (re-exported by test/helpers/lspClient.ts), the fuzzer
 * and the soak.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AbstractMessageWriter,
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  createProtocolConnection,
  DataCallback,
  Disposable,
  InitializeResult,
  Location,
  Message,
  MessageWriter,
  NullLogger,
  Position,
  ProtocolConnection,
  Range,
  ResponseError,
  ResponseMessage,
  StreamMessageReader,
  TextDocumentPositionParams,
  TextEdit,
  WorkDoneProgress,
  WorkspaceEdit,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { frame } from '../../server/src/lsp/framing.js';

type Id = number | string;

/** The repository, from bench/lib (tests) or dist/bench/lib (benches). */
export const REPO = repositoryAbove(__dirname);
export const SPACKLE_BIN = path.join(REPO, 'bin/spackle.js');

/**
 * What a VS Code-like client announces: progress, dynamic watcher registration, pull configuration, folders, applied
 * workspace edits, snippets and markdown in completion, inline completion, code action literals.
 */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true, showMessage: {} },
  workspace: {
    applyEdit: true,
    executeCommand: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        insertReplaceSupport: true,
        labelDetailsSupport: true,
      },
    },
    inlineCompletion: { dynamicRegistration: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: [
            '',
            'quickfix',
            'refactor',
            'refactor.extract',
            'refactor.inline',
            'refactor.rewrite',
            'source',
            'source.organizeImports',
          ],
        },
      },
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
  general: { positionEncodings: ['utf-16'] },
};

export interface StartOptions {
  /** The workspace folder; none when absent. */
  root?: string;
  initializationOptions?: unknown;
  /** The `spackle` section answered to workspace/configuration. */
  configuration?: unknown;
  capabilities?: ClientCapabilities;
  /** The server's command line; the built bin over stdio when absent. */
  command?: string[];
}

/** A notification the server sent, in arrival order ($/progress included). */
export interface Received {
  method: string;
  params: any;
}

export interface Published {
  uri: string;
  diagnostics: Array<{ range: Range; severity?: number; source?: string; message: string }>;
}

const WAIT_MS = 20_000;

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * Writes each message in one write of its whole frame: bytes written raw (`writeRaw`) between a header and its body
 * would break the framing, as StreamMessageWriter writes them in two.
 */
class WholeFrameWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: Writable) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.stream.write(frame(message));
  }

  end(): void {}
}

/** A reader that also hands responses to raw requests (sent around the connection) to `tap`. */
class TappedReader extends StreamMessageReader {
  tap: (message: Message) => boolean = () => false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if (!this.tap(message)) callback(message);
    });
  }
}

/**
 * The built server (`node bin/spackle.js --stdio`) driven by a real LSP client connection. Records everything the
 * server sends; tracks open documents so tests can find positions by text.
 */
export class LspClient {
  readonly received: Received[] = [];
  /** Requests the server made of the client (progress tokens, registrations, configuration). */
  readonly serverRequests: Received[] = [];
  readonly stderr: string[] = [];
  /** The `spackle` section answered to workspace/configuration; tests change it before notifying a change. */
  configuration: unknown;
  /** Whether `workspace/applyEdit` is applied (to open documents, announced with didChange) or refused. */
  appliesEdits = true;
  initializeResult!: InitializeResult;
  private readonly documents = new Map<string, TextDocument>();
  /** Responses the server sent without an id it could know (to a message it could not parse). */
  readonly strayResponses: ResponseMessage[] = [];
  private readonly rawPending = new Map<
    Id,
    { expected: number; got: ResponseMessage[]; resolve: (responses: ResponseMessage[]) => void }
  >();
  /** Sees every response first (true: taken, the connection never sees it): the fuzzer's and the soak's own ids. */
  onResponse: ((response: ResponseMessage) => boolean) | undefined;
  /** Resolves to the exit code when the process ends by itself or is stopped. */
  readonly exited: Promise<number | null>;
  private readonly listeners = new Set<() => void>();
  private rawIds = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    reader: TappedReader,
    private readonly options: StartOptions,
  ) {
    this.configuration = options.configuration;
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    reader.tap = (message) => this.takeRawResponse(message);
    connection.onUnhandledNotification(({ method, params }) => this.record(method, params));
    const answers: Record<string, (params: any) => unknown> = {
      'window/workDoneProgress/create': ({ token }) => {
        connection.onProgress(WorkDoneProgress.type, token, (value) => this.record('$/progress', { token, value }));
        return null;
      },
      'client/registerCapability': () => null,
      'client/unregisterCapability': () => null,
      'workspace/configuration': (params) => this.configurationItems(params),
      'workspace/workspaceFolders': () => this.folders(),
      'workspace/applyEdit': (params: ApplyWorkspaceEditParams) => this.applyWorkspaceEdit(params.edit),
      'window/showMessageRequest': () => null,
    };
    for (const [method, answer] of Object.entries(answers)) {
      connection.onRequest(method, (params: unknown) => {
        this.serverRequests.push({ method, params });
        // After the answer is written: a test that waited for this request then writes after it.
        setImmediate(() => this.notifyListeners());
        return answer(params);
      });
    }
    connection.listen();
  }

  /** Spawns the server and completes the initialize/initialized handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = LspClient.spawn(options);
    await client.initialize();
    return client;
  }

  /** Spawns the server without a word to it. */
  static spawn(options: StartOptions = {}): LspClient {
    const [program, ...args] = options.command ?? [process.execPath, SPACKLE_BIN, '--stdio'];
    const child = spawn(program, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const reader = new TappedReader(child.stdout!);
    const writer = new WholeFrameWriter(child.stdin!);
    return new LspClient(child, createProtocolConnection(reader, writer, NullLogger), reader, options);
  }

  /** The initialize/initialized handshake, with the options' folders, capabilities and initializationOptions. */
  async initialize(): Promise<void> {
    const { options } = this;
    const client = this;
    const folders = client.folders();
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'spackle-integration-tests', version: '1.0.0' },
      rootUri: folders?.[0].uri ?? null,
      workspaceFolders: folders,
      capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
  }

  /** didOpen; the text defaults to the file on disk. Returns the document's URI. */
  async open(uri: string, text = readFileSync(fileURLToPath(uri), 'utf8'), languageId = 'typescript'): Promise<string> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  /** An incremental didChange replacing the first occurrence of `needle` with `replacement`. */
  async replace(uri: string, needle: string, replacement: string): Promise<void> {
    const doc = this.document(uri);
    const start = offsetIn(doc.getText(), needle);
    await this.edit(uri, [
      { range: { start: doc.positionAt(start), end: doc.positionAt(start + needle.length) }, newText: replacement },
    ]);
  }

  /**
   * Applies text edits to an open document, as the editor does with a completion or code action, and sends didChange.
   */
  async edit(uri: string, edits: TextEdit[]): Promise<void> {
    const doc = this.document(uri);
    // The edits' ranges all refer to the document before them; applied last first, each range is still right.
    const contentChanges = [...edits]
      .sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))
      .map((e) => ({ range: e.range, text: e.newText }));
    const next = TextDocument.update(doc, contentChanges, doc.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges,
    });
  }

  isOpen(uri: string): boolean {
    return this.documents.has(uri);
  }

  /** The version of an open document's last change. */
  version(uri: string): number {
    return this.document(uri).version;
  }

  /** The current text of an open document. */
  text(uri: string): string {
    return this.document(uri).getText();
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Position of the first occurrence of `needle` in an open document, moved by `delta` characters. */
  position(uri: string, needle: string, delta = 0): Position {
    const doc = this.document(uri);
    return doc.positionAt(offsetIn(doc.getText(), needle) + delta);
  }

  /** Params pointing at `needle` (plus `delta`) in an open document. */
  at(uri: string, needle: string, delta = 0): TextDocumentPositionParams {
    return { textDocument: { uri }, position: this.position(uri, needle, delta) };
  }

  /** The text a location spans, from the open document or else the file on disk. */
  textAt(location: Location): string {
    const doc =
      this.documents.get(location.uri) ??
      TextDocument.create(location.uri, 'typescript', 0, readFileSync(fileURLToPath(location.uri), 'utf8'));
    return doc.getText(location.range);
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
  }

  /** The error a request fails with; fails the test when the request succeeds. */
  async requestError(method: string, params?: unknown): Promise<ResponseError<unknown>> {
    try {
      const result = await this.request(method, params);
      throw new Error(`${method} answered ${JSON.stringify(result)} where an error was expected`);
    } catch (error) {
      if (error instanceof ResponseError) return error;
      throw error;
    }
  }

  /** A request written as-is (e.g. `"params": null`), bypassing the connection's parameter handling. */
  async rawRequest(method: string, params: unknown): Promise<ResponseMessage> {
    const id = `raw-${++this.rawIds}`;
    const [response] = await this.rawMessages(id, 1, [{ jsonrpc: '2.0', id, method, params }]);
    return response;
  }

  /** Writes `messages` as they are (one write), and resolves to the first `expected` responses with `id`. */
  async rawMessages(id: Id, expected: number, messages: unknown[]): Promise<ResponseMessage[]> {
    const responses = new Promise<ResponseMessage[]>((resolve) =>
      this.rawPending.set(id, { expected, got: [], resolve }),
    );
    this.writeRaw(Buffer.concat(messages.map(frame)));
    return responses;
  }

  /** Bytes written to the server's input as they are: no framing added. */
  writeRaw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  /** The process's exit code once it has ended by itself (within 5 s of asking). */
  exitCodeAfter(what: string, timeoutMs = 5_000): Promise<number | null> {
    return this.exitCode(what, timeoutMs);
  }

  notifications(method: string): any[] {
    return this.received.filter((n) => n.method === method).map((n) => n.params);
  }

  /** The first notification (already received or still to come) of `method` whose params satisfy `predicate`. */
  waitForNotification<P = any>(
    method: string,
    predicate: (params: P) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<P> {
    return this.waitFor(`${method} matching ${predicate}`, () => this.notifications(method).find(predicate), timeoutMs);
  }

  /** The first request of `method` the server made of the client. */
  waitForServerRequest(method: string, timeoutMs = WAIT_MS): Promise<Received> {
    return this.waitFor(
      `the server's ${method} request`,
      () => this.serverRequests.find((r) => r.method === method),
      timeoutMs,
    );
  }

  /** The first diagnostics published for `uri` that satisfy `predicate`. */
  waitForDiagnostics(
    uri: string,
    predicate: (published: Published) => boolean,
    timeoutMs = WAIT_MS,
  ): Promise<Published> {
    return this.waitForNotification<Published>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && predicate(p),
      timeoutMs,
    );
  }

  /**
   * Resolves once `probe` returns something; rejects after the timeout with what was received and the server's stderr.
   */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const stderr = this.stderr.join('').trim();
        const received = this.received.map((n) => n.method).join(', ');
        reject(new Error(`timed out waiting for ${what}; received: ${received}${stderr ? `; stderr: ${stderr}` : ''}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a notification of a file changed on disk, as a client watching the workspace would. */
  fileChanged(file: string, type: 1 | 2 | 3 = 2): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(file), type }],
    });
  }

  /** shutdown + exit; resolves to the process's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    return this.exit();
  }

  /** The exit notification alone (with or without a shutdown before it); resolves to the exit code. */
  async exit(): Promise<number | null> {
    await this.connection.sendNotification('exit');
    return this.exitCode('the exit notification');
  }

  /** Closes the server's stdin, as a client that goes away does; resolves to the exit code. */
  async closeInput(): Promise<number | null> {
    this.child.stdin!.end();
    return this.exitCode('its input closing');
  }

  private async exitCode(after: string, timeoutMs = 5_000): Promise<number | null> {
    const code = await Promise.race([this.exited, delay(timeoutMs).then(() => 'still running' as const)]);
    this.connection.dispose();
    if (code !== 'still running') return code;
    this.child.kill();
    throw new Error(`the server did not exit within ${timeoutMs / 1000} s of ${after}`);
  }

  private document(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  private record(method: string, params: unknown): void {
    this.received.push({ method, params });
    this.notifyListeners();
  }

  private notifyListeners(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private folders(): WorkspaceFolder[] | null {
    return this.options.root ? [{ uri: uriOf(this.options.root), name: 'fixture' }] : null;
  }

  private async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult> {
    if (!this.appliesEdits) return { applied: false, failureReason: 'the test client refuses edits' };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.edit(uri, edits);
    return { applied: true };
  }

  private configurationItems(params: any): unknown[] {
    return (params?.items ?? []).map((item: { section?: string }) =>
      item.section === 'spackle' ? (this.configuration ?? null) : null,
    );
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The server's process id (its memory is read from /proc by the soak). */
  get pid(): number {
    return this.child.pid!;
  }

  private takeRawResponse(message: Message): boolean {
    const response = message as ResponseMessage;
    if ('method' in message) return false;
    if (this.onResponse?.(response)) return true;
    if (response.id === null) {
      this.strayResponses.push(response);
      this.notifyListeners();
      return true;
    }
    const pending = this.rawPending.get(response.id);
    if (!pending) return false;
    pending.got.push(response);
    if (pending.got.length === pending.expected) {
      this.rawPending.delete(response.id);
      pending.resolve(pending.got);
    }
    return true;
  }
}

function offsetIn(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  return at;
}

function repositoryAbove(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'bin/spackle.js'))) return at;
    if (path.dirname(at) === at) throw new Error(`no Spackle repository above ${dir}`);
  }
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
