import Module, { createRequire } from 'node:module';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';

type Load = (request: string, ...rest: unknown[]) => unknown;

/** Whatever is read, called or constructed on it: the host APIs a client touches before it talks to a server. */
const anything: unknown = new Proxy(function anything() {}, {
  get: (_target, key) => (key === Symbol.iterator ? function* none() {} : key === 'then' ? undefined : anything),
  apply: () => anything,
  construct: () => anything as object,
});

/**
 * The capabilities VS Code's client announces in `initialize`, computed by the vscode-languageclient the extension
 * bundles (its builtin features fill them in), so that they follow that library. Only the `vscode` host module, which
 * exists inside VS Code alone, is stood in for: by the lowest version the extension supports and inert APIs.
 */
export function vscodeClientCapabilities(vscodeVersion: string): ClientCapabilities {
  const host = new Proxy(
    { version: vscodeVersion },
    { get: (target, key) => (key in target ? target[key as 'version'] : anything) },
  );
  const modules = Module as unknown as { _load: Load };
  const load = modules._load;
  modules._load = function loadWithHost(this: unknown, request, ...rest) {
    return request === 'vscode' ? host : load.call(this, request, ...rest);
  };
  try {
    const { LanguageClient } = createRequire(import.meta.url)('vscode-languageclient/node');
    const client = new LanguageClient(
      'spackle',
      'Spackle',
      { command: 'spackle' },
      { documentSelector: [{ language: 'typescript' }] },
    );
    return JSON.parse(JSON.stringify(client.computeClientCapabilities()));
  } finally {
    modules._load = load;
  }
}
