import { execFile } from 'node:child_process';
import type { InstalledPackage } from '../helpers/installedPackage.js';
import { SPACKLE_BIN } from '../helpers/lspClient.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `spackle` in `cwd`: this checkout's built bin, or the `installed` one. */
export function spackle(args: string[], cwd: string, installed?: Pick<InstalledPackage, 'bin' | 'env'>): Promise<Run> {
  const [command, ...before] = installed ? [installed.bin] : [process.execPath, SPACKLE_BIN];
  return new Promise((resolve) => {
    execFile(command, [...before, ...args], { cwd, env: installed?.env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** 1-based `LINE:COL` of an offset, as compilers print them. */
export function lineCol(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}
