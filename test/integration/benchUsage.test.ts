/**
 * Every bench reads its command line before any work: `--help` prints its usage and exits 0, an unknown flag prints
 * the message and the usage (no stack trace) and exits 2.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const BENCHES = ['context', 'decode', 'fill', 'fuzz', 'layouts', 'repair', 'soak'];
const run = (bench: string, flag: string) =>
  spawnSync(process.execPath, [path.resolve('dist/bench', `${bench}.js`), flag], { encoding: 'utf8' });

describe.each(BENCHES)('bench %s', (bench) => {
  test('--help: the usage, exit 0', () => {
    const { status, stdout, stderr } = run(bench, '--help');
    expect({ status, usage: stdout.startsWith(`usage: ${bench}`), stderr }).toEqual({
      status: 0,
      usage: true,
      stderr: '',
    });
  });

  test('an unknown flag: the message and the usage, no stack, exit 2', () => {
    const { status, stderr } = run(bench, '--bogus');
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^unknown flag --bogus\\nusage: ${bench} `));
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
