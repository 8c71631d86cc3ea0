import { describe, expect, it } from 'vitest';
import { SpackleError } from '../../../server/src/errors.js';
import type { LogLevel } from '../../../server/src/log.js';
import { Failures, guardedNotification } from '../../../server/src/lsp/guard.js';

function recorder() {
  const logged: Array<[LogLevel, string]> = [];
  const shown: string[] = [];
  const failures = new Failures({ log: (level, message) => logged.push([level, message]) }, (message) =>
    shown.push(message),
  );
  return { logged, shown, failures };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('guardedNotification', () => {
  it('a throwing handler is logged with its stack and shown once per notification; later ones still run', async () => {
    const { logged, shown, failures } = recorder();
    let calls = 0;
    const handler = guardedNotification(failures, 'textDocument/didChange', () => {
      calls++;
      throw new RangeError('Maximum call stack size exceeded');
    });
    handler({});
    handler({});
    await settle();
    expect(calls).toBe(2);
    expect(logged.filter(([level]) => level === 'error')).toHaveLength(2);
    expect(logged[0][1]).toMatch(
      /^textDocument\/didChange failed: RangeError: Maximum call stack size exceeded\n\s+at /,
    );
    expect(shown).toEqual([
      'Spackle: textDocument/didChange failed (Maximum call stack size exceeded); ' +
        'Spackle keeps serving, details are in its log.',
    ]);
  });

  it('a rejected promise is reported as a throw is', async () => {
    const { shown, failures } = recorder();
    guardedNotification(failures, 'workspace/didChangeConfiguration', async () => {
      await settle();
      throw new TypeError('settings.spackle is not iterable');
    })(null);
    await settle();
    await settle();
    expect(shown).toEqual([
      expect.stringContaining('workspace/didChangeConfiguration failed (settings.spackle is not iterable)'),
    ]);
  });

  it("the core's refusals (a malformed notification) are logged at debug, not shown", async () => {
    const { logged, shown, failures } = recorder();
    guardedNotification(failures, 'textDocument/didOpen', () => {
      throw new SpackleError('invalidParams', 'didOpen needs textDocument');
    })(5);
    await settle();
    expect(shown).toEqual([]);
    expect(logged).toEqual([['debug', 'textDocument/didOpen: didOpen needs textDocument']]);
  });

  it('a long message is cut in what the user is shown', () => {
    const { shown, failures } = recorder();
    failures.report('internal work', new Error('x'.repeat(1000)));
    expect(shown[0].length).toBeLessThan(300);
  });
});
