/**
 * What the fuzzer sends (fuzzRun.ts drives it): seeded frames of every kind a broken or hostile client could write.
 * Requests of every method with params well-formed, mutated at one spot or any JSON at all; notifications (documents
 * of odd names, texts and sizes, settings of any shape and depth, cancels of pending and unknown ids); bodies that
 * are not JSON; JSON that is no JSON-RPC message; stray responses; duplicate ids; and framing mutations, after which
 * the server must say why and exit. Documents the harness tracks are never given a well-formed change here: their
 * text must stay the client's, which the health checks verify.
 */
import type { Id } from '../../server/src/lsp/messages.js';

export type Frame =
  /** A request with an id the server must answer. */
  | { kind: 'request'; id: Id; method: string; message: object }
  | { kind: 'notification'; method: string; message: object }
  /** A well-framed body that is not JSON: answered with a ParseError without an id. */
  | { kind: 'unparsable'; body: Buffer }
  /** JSON that is no request: answered with an InvalidRequest (`id` null: one without an id). */
  | { kind: 'invalid'; id: Id | null; message: unknown }
  /** A response to nothing the server asked: ignored. */
  | { kind: 'stray'; message: object }
  /** Bytes that cannot be framed: the server must exit with 1, saying why. */
  | { kind: 'framing'; name: string; bytes: Buffer };

export interface FuzzContext {
  /** Documents whose text the harness keeps: only malformed notifications may name them. */
  tracked: string[];
  /** The project folder's URI, where fuzzed documents are opened too (so that they join its program). */
  folderUri: string;
  /** Fuzzed documents open now, with their text (the generator keeps them). */
  open: Map<string, { text: string; version: number }>;
  /** Ids of requests sent and not answered yet. */
  pending(): Id[];
}

type Random = () => number;

/** The requests that take a document and a position, and nothing else. */
export const POSITION_METHODS = [
  'textDocument/expectedType',
  'textDocument/relevantTypes',
  'textDocument/relevantHeaders',
  'spackle/holeContext',
  'textDocument/hover',
];
const METHODS = [
  ...POSITION_METHODS,
  'textDocument/completion',
  'textDocument/inlineCompletion',
  'textDocument/codeAction',
  'codeAction/resolve',
  'workspace/executeCommand',
  'spackle/holes',
  'initialize',
  'textDocument/definition',
  'spackle/fillEverything',
  '$/unknownRequest',
  '',
];
const NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  '$/cancelRequest',
  '$/setTrace',
  'window/workDoneProgress/cancel',
  'initialized',
  'workspace/didChangeWorkspaceFolders',
  'textDocument/didSave',
  '$/unknownNotification',
];

export class FrameGenerator {
  /** Far above the ids the client's own connection uses (the health checks), which count from 0. */
  private ids = 10_000_000;
  private docs = 0;

  constructor(
    private readonly random: Random,
    private readonly context: FuzzContext,
  ) {}

  /** The next frame; `framing` allows a framing mutation (the run spaces them: each costs a restart). */
  next(framing: boolean): Frame {
    const r = this.random();
    if (framing) return this.framingMutation();
    if (r < 0.5) return this.request();
    if (r < 0.85) return this.notification();
    if (r < 0.9) return { kind: 'unparsable', body: Buffer.from(this.pick(UNPARSABLE)(this.random), 'utf8') };
    if (r < 0.97) return this.invalid();
    return {
      kind: 'stray',
      message: {
        jsonrpc: '2.0',
        id: this.pick([this.ids + 1000, 'nobody', -1]),
        ...this.pick([{ result: this.value(3) }, { error: { code: 1, message: 'x' } }]),
      },
    };
  }

  private request(): Frame {
    const method = this.pick(METHODS);
    const pending = this.context.pending();
    // Ids as clients send them, and as they should not: reused while pending, the same number as text.
    const r = this.random();
    const id: Id =
      r < 0.05 && pending.length
        ? this.pick(pending)
        : r < 0.08
          ? String(this.ids)
          : r < 0.5
            ? ++this.ids
            : `f-${++this.ids}`;
    const good = this.goodParams(method);
    const shape = this.random();
    const params = shape < 0.45 ? good : shape < 0.8 ? this.mutated(good) : this.value(4);
    const message: Record<string, unknown> = { jsonrpc: '2.0', id, method };
    if (params !== undefined || this.random() < 0.5) message.params = params;
    return { kind: 'request', id, method, message };
  }

  private notification(): Frame {
    const method = this.pick(NOTIFICATIONS);
    const r = this.random();
    let params: unknown;
    if (method === 'textDocument/didOpen' && r < 0.6) params = this.openDocument();
    else if (method === 'textDocument/didChange' && r < 0.6) params = this.changeDocument();
    else if (method === 'textDocument/didClose' && r < 0.6) params = this.closeDocument();
    else if (method === '$/cancelRequest' && r < 0.7)
      params = { id: this.pick([...this.context.pending(), 0, 'nobody', null]) };
    else if (method === 'workspace/didChangeConfiguration' && r < 0.7)
      params = { settings: { spackle: this.settings() } };
    else if (method.startsWith('textDocument/') && r < 0.85) params = this.mutated(this.documentShape(method));
    else params = this.value(4);
    return { kind: 'notification', method, message: { jsonrpc: '2.0', method, params } };
  }

  private invalid(): Frame {
    const id: Id = `i-${++this.ids}`;
    const shapes: Array<[unknown, Id | null]> = [
      [[{ jsonrpc: '2.0', id, method: 'spackle/holes' }], null],
      [this.value(2), null],
      [{ id, method: 'spackle/holes', params: {} }, id],
      [{ jsonrpc: '1.0', id, method: 'spackle/holes' }, id],
      [{ jsonrpc: '2.0', id, method: this.pick([5, null, {}, []]) }, id],
      [{ jsonrpc: '2.0', id }, id],
      [{ jsonrpc: '2.0', id: { nested: id }, method: 'spackle/holes' }, null],
      [{ jsonrpc: '2.0', id: null, method: 'spackle/holes' }, null],
    ];
    const [message, answeredId] = this.pick(shapes);
    // A non-object whose answer has no id, or a value that happens to be none: both answered without one.
    return { kind: 'invalid', id: answeredId, message };
  }

  private framingMutation(): Frame {
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++this.ids, method: 'spackle/holes', params: {} });
    const good = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const mutations: Array<[string, string]> = [
      ['header lines ending in LF only', `Content-Length: ${body.length}\n\n${body}`],
      ['no Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`],
      ['a negative Content-Length', `Content-Length: -${body.length}\r\n\r\n${body}`],
      ['garbage before a frame', `${this.pick(['xyz', '{}', '\u00ff\u00fe', ' '])}\r\n${good}`],
      ['a Content-Length one short', `Content-Length: ${body.length - 1}\r\n\r\n${body}${good}`],
      [
        'two Content-Lengths that differ',
        `Content-Length: ${body.length}\r\nContent-Length: ${body.length + 7}\r\n\r\n${body}`,
      ],
      [
        'a charset other than UTF-8',
        `Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n${body}`,
      ],
      ['a Content-Length past any message', `Content-Length: 99999999999\r\n\r\n${body}`],
    ];
    const [name, text] = this.pick(mutations);
    return { kind: 'framing', name, bytes: Buffer.from(text, 'utf8') };
  }

  /** Params as the method takes them, about a tracked or fuzzed document (or none that exists). */
  private goodParams(method: string): unknown {
    const textDocument = { uri: this.uri() };
    const position = this.position();
    const range = { start: position, end: this.position() };
    switch (method) {
      case 'textDocument/completion':
        return {
          textDocument,
          position,
          context: this.pick([undefined, { triggerKind: 1 }, { triggerKind: 2, triggerCharacter: '.' }]),
        };
      case 'textDocument/inlineCompletion':
        return {
          textDocument,
          position,
          context: {
            triggerKind: this.pick([1, 2]),
            selectedCompletionInfo: this.pick([undefined, { range, text: 'x' }]),
          },
        };
      case 'textDocument/codeAction':
        return {
          textDocument,
          range,
          context: {
            diagnostics: this.diagnostics(),
            only: this.pick([undefined, ['quickfix'], [''], ['refactor']]),
            triggerKind: this.pick([1, 2]),
          },
        };
      case 'codeAction/resolve':
        return {
          title: 'Spackle: x',
          data: {
            spackle: 'repair',
            uri: textDocument.uri,
            version: this.pick(['open:1', 'disk:1']),
            target: { start: 0, end: 1, code: 2339 },
            changes: [{ start: 0, end: 0, text: 'x' }],
          },
        };
      case 'workspace/executeCommand':
        return {
          command: this.pick(['spackle.fillHole', 'spackle.repairFile', 'spackle.other']),
          arguments: this.pick([
            [{ uri: textDocument.uri, position }],
            [textDocument.uri, position],
            [textDocument.uri],
            [],
          ]),
        };
      case 'spackle/holes':
        return { textDocument };
      case 'initialize':
        return { processId: null, rootUri: this.context.folderUri, capabilities: {} };
      default:
        return { textDocument, position };
    }
  }

  /**
   * A document notification's params, to be mutated: never about a tracked document (a mutation may leave it valid).
   */
  private documentShape(method: string): object {
    const textDocument = {
      uri: this.random() < 0.5 ? this.strangeUri() : `${this.context.folderUri}/src/shape.ts`,
      languageId: 'typescript',
      version: 1,
      text: 'export const a = 1;',
    };
    if (method === 'textDocument/didChange')
      return {
        textDocument: { uri: textDocument.uri, version: 2 },
        contentChanges: [{ range: { start: this.position(), end: this.position() }, text: 'x' }],
      };
    return { textDocument };
  }

  private openDocument(): object {
    const uri =
      this.random() < 0.8
        ? `${this.context.folderUri}/src/fuzz${++this.docs}${this.pick(['.ts', '.ts', '.tsx', '.js', '.md', ''])}`
        : this.strangeUri();
    const text = this.text();
    this.context.open.set(uri, { text, version: 1 });
    return {
      textDocument: {
        uri,
        languageId: this.pick(['typescript', 'typescriptreact', 'javascript', 'markdown', '']),
        version: 1,
        text,
      },
    };
  }

  /** A well-formed change of a fuzzed document (never of a tracked one). */
  private changeDocument(): object {
    const open = [...this.context.open.keys()];
    if (!open.length) return this.openDocument();
    const uri = this.pick(open);
    const doc = this.context.open.get(uri)!;
    doc.version++;
    if (this.random() < 0.2) {
      doc.text = this.text();
      return { textDocument: { uri, version: doc.version }, contentChanges: [{ text: doc.text }] };
    }
    const line = Math.floor(this.random() * 20);
    const text = this.pick([
      '_()',
      '\n',
      '}',
      '{',
      'const x: number = _();\n',
      '\u{1F600}',
      '',
      'export function f(a: string) { return a.',
      '/*',
    ]);
    // The harness does not apply the change: the server's text of a fuzzed document is never compared.
    return {
      textDocument: { uri, version: doc.version },
      contentChanges: [
        { range: { start: { line, character: 0 }, end: { line, character: Math.floor(this.random() * 5) } }, text },
      ],
    };
  }

  private closeDocument(): object {
    const open = [...this.context.open.keys()];
    const uri = open.length ? this.pick(open) : this.strangeUri();
    this.context.open.delete(uri);
    return { textDocument: { uri } };
  }

  private settings(): unknown {
    const r = this.random();
    if (r < 0.3)
      return {
        fill: {
          deadlineMs: this.pick([10, 150, 10_000, -1, 'x']),
          limit: this.pick([1, 5, 50, 0]),
          mode: this.pick(['strict', 'lenient', 7]),
        },
        logLevel: this.pick(['debug', 'info', 'loud']),
      };
    if (r < 0.45)
      return {
        engine: this.pick(['embedded', 'llm', 'both']),
        llm: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 100, deadlineMs: 200 },
      };
    if (r < 0.6)
      return { context: this.nested(this.pick([10, 1000, 5000])), deep: this.nested(this.pick([100, 4000])) };
    if (r < 0.7) return Object.fromEntries(Array.from({ length: this.pick([10, 2000]) }, (_, i) => [`k${i}`, i]));
    return this.value(4);
  }

  private diagnostics(): unknown[] {
    return Array.from({ length: Math.floor(this.random() * 3) }, () => ({
      range: { start: this.position(), end: this.position() },
      message: 'error',
      code: this.pick([2339, 2322, 2304, '2345', undefined]),
      source: this.pick(['ts', 'spackle']),
    }));
  }

  private uri(): string {
    const r = this.random();
    const open = [...this.context.open.keys()];
    if (r < 0.4) return this.pick(this.context.tracked);
    if (r < 0.7 && open.length) return this.pick(open);
    const name = () => this.pick(['missing.ts', 'types.ts', 'users.ts', 'a b.ts', '%E2%82%AC.ts']);
    if (r < 0.85) return `${this.context.folderUri}/src/${name()}`;
    return this.strangeUri();
  }

  private strangeUri(): string {
    return this.pick([
      'file:///dev/zero',
      'file:///dev/urandom',
      'file:///',
      'file://host/share/a.ts',
      'untitled:Untitled-1',
      'vscode-notebook-cell:/a.ipynb#x',
      'file:///%',
      `file:///${'a/'.repeat(2000)}x.ts`,
      'http://example.com/a.ts',
      '',
      'not a uri',
      `file:///tmp/\u{1F600}/\u202e.ts`,
      'file:///proc/self/mem',
    ]);
  }

  private position(): unknown {
    const r = this.random();
    if (r < 0.7) return { line: Math.floor(this.random() * 20), character: Math.floor(this.random() * 40) };
    if (r < 0.85) return { line: this.pick([0, 1e9, 2 ** 31, -1, 1.5]), character: this.pick([0, 1e9, -5, 0.5]) };
    return this.value(2);
  }

  private text(): string {
    const r = this.random();
    if (r < 0.4) return this.pick(TS_SNIPPETS);
    if (r < 0.6)
      return Array.from({ length: 1 + Math.floor(this.random() * 50) }, () => this.pick(TS_SNIPPETS)).join('\n');
    if (r < 0.7) return this.string();
    if (r < 0.75)
      return `export const table = ${Array(this.pick([2500, 10_000]))
        .fill('"s"')
        .join(' + ')};\n`;
    if (r < 0.78) return `export const x = ${'('.repeat(this.pick([500, 3000]))}1${')'.repeat(500)};`;
    if (r < 0.8) return 'export const big = 1;\n'.repeat(this.pick([10_000, 60_000]));
    return TS_SNIPPETS.join('\n');
  }

  /** `good` with one spot (a field at some depth, or the whole) replaced by any JSON value. */
  private mutated(good: unknown): unknown {
    if (good === null || typeof good !== 'object' || this.random() < 0.1) return this.value(3);
    // Made fresh for this frame: changed in place.
    const copy = good as Record<string, unknown>;
    let at: Record<string, unknown> = copy;
    for (;;) {
      const keys = Object.keys(at);
      if (!keys.length) return copy;
      const key = this.pick(keys);
      const child = at[key];
      if (child && typeof child === 'object' && this.random() < 0.6) {
        at = child as Record<string, unknown>;
        continue;
      }
      if (this.random() < 0.2) delete at[key];
      else at[key] = this.value(3);
      return copy;
    }
  }

  /** Any JSON value: odd numbers and text, lists and objects, now and then very deep, wide or long. */
  value(depth: number): unknown {
    const r = this.random();
    if (r < 0.1) return null;
    if (r < 0.2) return this.pick([true, false]);
    if (r < 0.35) return this.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, -2147483649, 42]);
    if (r < 0.55) return this.string();
    if (r < 0.58) return this.nested(this.pick([50, 2000, 10_000]));
    if (r < 0.6) return Array.from({ length: this.pick([1000, 20_000]) }, (_, i) => i);
    if (depth <= 0) return this.string();
    if (r < 0.8) return Array.from({ length: Math.floor(this.random() * 4) }, () => this.value(depth - 1));
    const keys = [
      'uri',
      'textDocument',
      'position',
      'line',
      'character',
      'range',
      'context',
      'only',
      'diagnostics',
      'data',
      '__proto__',
      'constructor',
      'toString',
      'x',
    ];
    return Object.fromEntries(
      Array.from({ length: Math.floor(this.random() * 4) }, () => [this.pick(keys), this.value(depth - 1)]),
    );
  }

  private string(): string {
    const r = this.random();
    if (r < 0.01) return 'x'.repeat(this.pick([1 << 20, 3 << 20]));
    if (r < 0.05) return '\u{1F600}'.repeat(5000);
    return this.pick([
      '',
      'a',
      '_()',
      'file:///',
      '\u0000',
      '\ud800',
      '\udfff\ud800',
      '\u202e\u200b',
      'h\u00e9llo',
      '\u{10FFFF}',
      'Content-Length: 5\r\n\r\n',
      '"}]',
      'constructor',
      '%s%n',
    ]);
  }

  private nested(depth: number): unknown {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 ? { x: value } : [value];
    return value;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

/**
 * JSON text of a value, without recursion: the fuzzer's values nest deeper than JSON.stringify goes. As
 * JSON.stringify for what JSON holds (undefined members left out, undefined in a list as null).
 */
export function toJson(value: unknown): string {
  const out: string[] = [];
  const stack: Array<{ raw: string } | { value: unknown }> = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('raw' in item) {
      out.push(item.raw);
      continue;
    }
    const v = item.value;
    if (v === null || v === undefined || typeof v !== 'object') {
      out.push(v === undefined ? 'null' : JSON.stringify(v));
      continue;
    }
    const list = Array.isArray(v);
    const entries = list
      ? Array.from(v, (e) => [undefined, e] as const)
      : Object.entries(v).filter(([, e]) => e !== undefined);
    out.push(list ? '[' : '{');
    // Pushed last first: they come off as `key: value, key: value }`.
    stack.push({ raw: list ? ']' : '}' });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, e] = entries[i];
      stack.push({ value: e });
      if (key !== undefined) stack.push({ raw: `${JSON.stringify(key)}:` });
      if (i > 0) stack.push({ raw: ',' });
    }
  }
  return out.join('');
}

const TS_SNIPPETS = [
  'export const a: number = _();',
  'import { User } from "./types";\nexport const u: User = _();',
  'export function f(user: { name: string }): string { return user.; }',
  'const x = ',
  'class A { m(): number { return _(); } }',
  'export const s: string = `${_()}`;',
  '}}}}{{{{',
  '<div>{_()}</div>',
  '/* unterminated',
  '"unterminated',
  'declare function _<T>(): T;\nexport const n: number = _<number>();',
  '\u{1F600} \u202e \u0000',
];

const UNPARSABLE: Array<(random: Random) => string> = [
  () => '{"jsonrpc": "2.0", "id": 1,',
  () => 'not json at all',
  () => '',
  () => '{"a": 1}}',
  () => '\u0000\u0001',
  (random) => '['.repeat(1 + Math.floor(random() * 100)),
  () => "{'single': 'quotes'}",
  () => '{"id": NaN}',
];
