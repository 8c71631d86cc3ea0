/**
 * The analysis side of the server, in a worker thread: the LSP connection over the port to the main thread (which
 * holds the client's stream, see router.ts), every feature of server.ts behind it. It ticks a shared heartbeat while
 * its event loop turns, reports what it works on, and reads each request's cancellation from memory it shares with
 * the main thread, so that a step in progress sees a `$/cancelRequest` without waiting for its turn of the loop.
 */
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  CancellationSenderStrategy,
  CancellationToken,
  CancellationTokenSource,
  createConnection,
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  MessageWriter,
  ProposedFeatures,
  RequestCancellationReceiverStrategy,
  RequestMessage,
} from 'vscode-languageserver/node';
import type { ToWorker, WorkerData } from './analysisWorker.js';
import { serve } from './server.js';

/** How often the heartbeat ticks while the loop turns. */
const HEARTBEAT_MS = 100;

export function serveAnalysis(): void {
  const port = parentPort;
  const data = workerData as WorkerData;
  if (!port) throw new Error('serveAnalysis runs in a worker thread');
  const heartbeat = new Int32Array(data.heartbeat);
  setInterval(() => Atomics.add(heartbeat, 0, 1), HEARTBEAT_MS);
  const cancellationStrategy = { receiver: sharedCancellation, sender: CancellationSenderStrategy.Message };
  const connection = createConnection(ProposedFeatures.all, new PortReader(port), new PortWriter(port), {
    cancellationStrategy,
  });
  serve(connection, {
    busy: (key, file, loading) => port.postMessage({ control: { kind: 'busy', key, file, loading } } satisfies ToMain),
    idle: (key) => port.postMessage({ control: { kind: 'idle', key } } satisfies ToMain),
    workBudget: (ms) => port.postMessage({ control: { kind: 'budget', ms } } satisfies ToMain),
    onQuarantine: (listener) =>
      port.on('message', (message: ToWorker) => {
        if (message.control?.kind === 'quarantine') listener(new Map(message.control.files));
      }),
  });
}

/** What the worker tells the main thread besides LSP messages. */
export type WorkerControl =
  | { kind: 'busy'; key: number; file?: string; loading: boolean }
  | { kind: 'idle'; key: number }
  | { kind: 'budget'; ms: number };

export interface ToMain {
  lsp?: Message;
  control?: WorkerControl;
}

class PortReader extends AbstractMessageReader implements MessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const listener = (message: ToWorker) => {
      if (message.lsp) callback(message.lsp);
    };
    this.port.on('message', listener);
    return Disposable.create(() => this.port.off('message', listener));
  }
}

class PortWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.port.postMessage({ lsp: message } satisfies ToMain);
  }

  end(): void {}
}

/**
 * A request's token is cancelled by the main thread writing to the SharedArrayBuffer it sent with the request (read
 * at once, mid-step), or by the `$/cancelRequest` it forwards (which also fires the token's event).
 */
const sharedCancellation: RequestCancellationReceiverStrategy = {
  kind: 'request',
  createCancellationTokenSource(request: RequestMessage) {
    const shared = (request as { $cancellationData?: SharedArrayBuffer }).$cancellationData;
    const source = new CancellationTokenSource();
    if (!shared) return source;
    const flag = new Int32Array(shared);
    const token: CancellationToken = {
      get isCancellationRequested() {
        return source.token.isCancellationRequested || Atomics.load(flag, 0) === 1;
      },
      onCancellationRequested: source.token.onCancellationRequested,
    };
    return { token, cancel: () => source.cancel(), dispose: () => source.dispose() };
  },
};
