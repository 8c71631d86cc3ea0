/**
 * The logger every part of the core takes: levelled, written to stderr by the CLI and to `window/logMessage` by the
 * LSP, so that nothing is written to stdout, the LSP stream under `--stdio`.
 */

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Where the core writes what it did; the LSP layer sends it as window/logMessage, the CLI to stderr. */
export interface Logger {
  log(level: LogLevel, message: string): void;
}

export const silentLogger: Logger = { log() {} };

/** A logger that drops messages below `level`. */
export function levelled(sink: (level: LogLevel, message: string) => void, level: () => LogLevel): Logger {
  return {
    log(at, message) {
      if (LOG_LEVELS.indexOf(at) <= LOG_LEVELS.indexOf(level())) sink(at, message);
    },
  };
}

/** The command line's logger: warnings and errors on stderr, everything at `debug`. */
export function stderrLogger(level: LogLevel): Logger {
  return levelled(
    (at, message) => process.stderr.write(`spackle: ${at}: ${message}\n`),
    () => (level === 'debug' ? 'debug' : 'warn'),
  );
}
