/**
 * The `spackle` bin's entry: an LSP transport (`--stdio`, `--socket=N`, `--node-ipc`: the main thread, router.ts), the
 * analysis worker (the same script run in a worker thread, worker.ts), or a CLI command (cli/). A core refusal
 * (`SpackleError`) ends a command with its message and exit code 1, not a stack trace.
 */
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { contextCommand, demoCommand, fillCommand, holesCommand, Output } from './cli/commands.js';
import { doctorCommand } from './cli/doctor.js';
import { repairCommand } from './cli/repairCommand.js';
import { SpackleError } from './errors.js';
import type { WorkerData } from './lsp/analysisWorker.js';
import { VERSION } from './version.js';

const USAGE = `spackle ${VERSION}: fills typed holes in TypeScript with code that type-checks

  spackle --stdio | --socket=PORT | --node-ipc   serve LSP
  spackle context FILE:LINE:COL [--json]         the hole at a position: expected type, types, headers, bindings
  spackle fill FILE:LINE:COL [-n COUNT] [--deadline MS] [--json]
              [--engine embedded|llm|both --base-url URL --model M [--api chat|completions] [--template FAMILY]]
                                                 the best fills of the hole at a position (default 5 within 2 s),
                                                 each with its type, score and why it fits; they type-check in place
  spackle holes FILE [--json]                    every explicit hole _() of a file with its expected type
  spackle repair FILE [--write] [--json] [--deadline MS]
                                                 the best verified repair of each compiler error of a file;
                                                 --write applies them; exit 1 while errors are left unrepaired
  spackle demo [DIR]                             every hole of a project with its context and fills (default: examples/)
  spackle doctor [FILE|DIR] [--json]             what Spackle sees: versions, the project of a file and why, the
                                                 model endpoint, and what may make answers differ from tsc's
  spackle --version | --help`;

const TRANSPORTS = ['--stdio', '--node-ipc'];
const EXAMPLES = path.join(__dirname, '../../../examples');

/** Entry point of the `spackle` bin: an LSP transport or a CLI subcommand. Resolves to the exit code. */
export async function main(
  argv: string[],
  io: Output = { out: (text) => console.log(text) },
): Promise<number | undefined> {
  const [command, ...rest] = argv;
  // Loaded only to serve: the CLI starts faster without the LSP stack.
  if (!isMainThread && (workerData as Partial<WorkerData> | undefined)?.spackle === 'analysis') {
    (await import('./lsp/worker.js')).serveAnalysis();
    return undefined;
  }
  if (argv.some((a) => TRANSPORTS.includes(a) || a.startsWith('--socket=') || a.startsWith('--clientProcessId'))) {
    // The analysis worker runs this same script (the bin, or the VS Code extension's bundle of it).
    (await import('./lsp/transport.js')).serveClient(argv, require.main?.filename ?? process.argv[1]);
    return undefined;
  }
  try {
    switch (command) {
      case 'context':
        return contextCommand(rest, io);
      case 'fill':
        return await fillCommand(rest, io);
      case 'holes':
        return holesCommand(rest, io);
      case 'repair':
        return await repairCommand(rest, io);
      case 'demo':
        return await demoCommand(rest, io, EXAMPLES);
      case 'doctor':
        return await doctorCommand(rest, io);
      case '--version':
        io.out(VERSION);
        return 0;
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      // Misuse goes to stderr, so that a script piping stdout sees nothing it could mistake for output.
      case undefined:
        console.error(USAGE);
        return 2;
      default:
        console.error(`spackle: unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof SpackleError) {
      console.error(`spackle: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
