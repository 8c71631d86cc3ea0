/**
 * A process's resident memory, all its threads included, for the soak and the fuzzer.
 */
import { readFileSync } from 'node:fs';

/** A process's resident memory in MB (Linux: /proc; undefined elsewhere), all its threads included. */
export function residentMb(pid: number): number | undefined {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}
