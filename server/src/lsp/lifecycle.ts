/**
 * The server's lifecycle as LSP prescribes it: before `initialize` a request is answered ServerNotInitialized and a
 * notification dropped (`exit` aside); `initialize` comes once (a second one is an InvalidRequest: taking it would
 * reset the workspace under the documents the client believes open); after `shutdown` a request is an
 * InvalidRequest; `exit` ends the process, with 0 only after `shutdown`.
 */
import { ErrorCodes, InitializeParams } from 'vscode-languageserver-protocol';

type State = 'starting' | 'initializing' | 'running' | 'shutDown';

export interface Refusal {
  code: number;
  message: string;
}

export class Lifecycle {
  private state: State = 'starting';

  get shutDown(): boolean {
    return this.state === 'shutDown';
  }

  /** A request's refusal in the current state, or undefined when it goes on to the server. */
  admitRequest(method: string, params: unknown): Refusal | undefined {
    if (method === 'initialize') {
      if (this.state !== 'starting')
        return {
          code: ErrorCodes.InvalidRequest,
          message: 'initialize was already received: it may be sent only once',
        };
      const problem = initializeProblem(params);
      if (problem) return { code: ErrorCodes.InvalidParams, message: `initialize: ${problem}` };
      this.state = 'initializing';
      return undefined;
    }
    if (this.state === 'starting')
      return { code: ErrorCodes.ServerNotInitialized, message: `${method} before initialize` };
    if (this.state === 'shutDown') return { code: ErrorCodes.InvalidRequest, message: `${method} after shutdown` };
    if (method === 'shutdown') this.state = 'shutDown';
    return undefined;
  }

  /** Whether a notification goes on to the server (`exit` is the caller's). */
  admitNotification(): boolean {
    return this.state === 'initializing' || this.state === 'running';
  }

  /** The answer to `initialize`: a failed one lets the client try again. */
  initialized(succeeded: boolean): void {
    if (this.state === 'initializing') this.state = succeeded ? 'running' : 'starting';
  }
}

/** What is wrong with initialize's params, if anything; fields the server never reads may hold anything. */
export function initializeProblem(params: unknown): string | undefined {
  if (!params || typeof params !== 'object' || Array.isArray(params))
    return 'params must be an InitializeParams object';
  const p = params as Partial<Record<keyof InitializeParams, unknown>>;
  if (!p.capabilities || typeof p.capabilities !== 'object' || Array.isArray(p.capabilities))
    return 'capabilities must be an object';
  if (
    p.processId !== undefined &&
    p.processId !== null &&
    !(Number.isInteger(p.processId) && (p.processId as number) > 0)
  ) {
    return 'processId must be a positive integer or null';
  }
  if (p.rootUri !== undefined && p.rootUri !== null && typeof p.rootUri !== 'string')
    return 'rootUri must be a string or null';
  if (p.trace !== undefined && typeof p.trace !== 'string') return 'trace must be a string';
  const folders = p.workspaceFolders;
  if (folders !== undefined && folders !== null) {
    const valid =
      Array.isArray(folders) &&
      folders.every((f) => f && typeof f === 'object' && typeof f.uri === 'string' && typeof f.name === 'string');
    if (!valid) return 'workspaceFolders must be a list of { uri, name } or null';
  }
  return undefined;
}
