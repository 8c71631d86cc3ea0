import { execFile } from 'node:child_process';
import type { InstalledPackage } from './installedPackage.js';
import { SPACKLE_BIN } from './lspClient.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `spackle` bin in `cwd`, with `env` over the environment. */
export function spackle(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run([process.execPath, SPACKLE_BIN, ...args], cwd, { ...process.env, ...env });
}

/** Runs an installed `spackle` (test/helpers/installedPackage.ts) in `cwd`, in the environment of its user. */
export function installedSpackle(
  installed: Pick<InstalledPackage, 'bin' | 'env'>,
  args: string[],
  cwd: string,
): Promise<Run> {
  return run([installed.bin, ...args], cwd, installed.env);
}

function run([command, ...args]: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 30_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** 1-based `LINE:COL` of an offset, as compilers print them. */
export function lineCol(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}
