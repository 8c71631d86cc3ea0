import { fork, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { frame, FrameReader } from '../../server/src/lsp/framing.js';
import { REPO, SPACKLE_BIN } from '../helpers/lspClient.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
};
const SHUTDOWN = { jsonrpc: '2.0', id: 2, method: 'shutdown' };
const EXIT = { jsonrpc: '2.0', method: 'exit' };

/** The responses with an id, in order, until `count` have come. */
function responses(
  count: number,
  listen: (take: (message: unknown) => void) => void,
): Promise<Array<{ id: number; result?: unknown; error?: unknown }>> {
  return new Promise((resolve) => {
    const got: Array<{ id: number }> = [];
    listen((message) => {
      const m = message as { id?: number; method?: string };
      if (m.id !== undefined && m.method === undefined) got.push(m as { id: number });
      if (got.length === count) resolve(got);
    });
  });
}

describe.concurrent('transports', () => {
  test('--node-ipc: initialize, shutdown and exit over the IPC channel; exit code 0', async () => {
    const child = fork(SPACKLE_BIN, ['--node-ipc'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const answers = responses(2, (take) => child.on('message', take));
    child.send(INITIALIZE);
    child.send(SHUTDOWN);
    const [initialized, shutdown] = await answers;
    expect(initialized).toMatchObject({ id: 1, result: { serverInfo: { name: 'spackle' } } });
    expect(shutdown).toMatchObject({ id: 2, result: null });
    child.send(EXIT);
    expect(await exited).toBe(0);
  });

  test("--socket=PORT: the server connects to the editor's port and speaks framed LSP there", async () => {
    const server = createServer();
    const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const child = spawn(process.execPath, [SPACKLE_BIN, `--socket=${port}`], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const socket = await connected;
    const answers = responses(2, (take) => {
      const reader = new FrameReader({ message: take, unreadable: () => undefined, lost: () => undefined });
      socket.on('data', (chunk: Buffer) => reader.push(chunk));
    });
    socket.write(Buffer.concat([frame(INITIALIZE), frame(SHUTDOWN)]));
    const [initialized, shutdown] = await answers;
    expect(initialized).toMatchObject({ id: 1, result: { serverInfo: { name: 'spackle' } } });
    expect(shutdown).toMatchObject({ id: 2, result: null });
    socket.write(frame(EXIT));
    expect(await exited).toBe(0);
    server.close();
  });
});
