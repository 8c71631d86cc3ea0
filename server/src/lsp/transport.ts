/**
 * The client's channel, as the command line chooses it (`--stdio`, `--socket=PORT`, `--node-ipc`), and the
 * process's end: the router (router.ts) decides when, this writes why to stderr (the editor's log of the server)
 * and exits, so that the editor can start the server again.
 */
import { createConnection } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver-protocol';
import { frame, FrameReader } from './framing.js';
import { ClientChannel, Router } from './router.js';

/** Serves the client on the channel `argv` names; the analysis runs in a worker started from `entry`. */
export function serveClient(argv: string[], entry: string): void {
  const channel = channelOf(argv);
  const exit = (code: number, why?: string) => {
    if (why) process.stderr.write(`spackle: ${why}\n`);
    process.exit(code);
  };
  new Router(channel, entry, exit).listen();
}

function channelOf(argv: string[]): ClientChannel {
  if (argv.includes('--node-ipc')) return ipcChannel();
  const port = argv.find((a) => a.startsWith('--socket='))?.slice('--socket='.length);
  if (port) {
    const socket = createConnection(Number(port), '127.0.0.1');
    return streamChannel(socket, socket);
  }
  return streamChannel(process.stdin, process.stdout);
}

/** Framed messages over a byte stream (stdio, a socket). */
function streamChannel(input: Readable, output: Writable): ClientChannel {
  return {
    listen(events) {
      const reader = new FrameReader(events);
      input.on('data', (chunk: Buffer) => reader.push(chunk));
      for (const end of ['end', 'close', 'error']) input.on(end, () => events.closed());
      // The client is gone when its end of our output is: nothing written would arrive.
      output.on('error', () => events.closed());
    },
    send(message: Message) {
      output.write(frame(message));
    },
  };
}

/** Messages over Node's IPC channel (the client forked the server): parsed already, no framing to lose. */
function ipcChannel(): ClientChannel {
  return {
    listen(events) {
      process.on('message', (message) => events.message(message));
      process.on('disconnect', () => events.closed());
    },
    send(message: Message) {
      process.send?.(message);
    },
  };
}
