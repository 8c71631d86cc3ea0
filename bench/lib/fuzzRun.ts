/**
 * The fuzzer's run: the built server over stdio (LspClient), a small project on disk with two tracked documents,
 * and seeded frames (fuzzFrames.ts) written raw. Every request with an id must be answered once, an internal error
 * is a finding, a framing mutation must end the process with code 1 and a reason (the run starts it again), any
 * other end is a crash. Between frames, health checks: a well-formed edit of a tracked document, then its holes,
 * which must be where the client's text has them (the documents stay in sync). The server's memory is read before,
 * at its peak, and once the fuzzed documents are closed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ErrorCodes, LSPErrorCodes, ResponseError, ResponseMessage } from 'vscode-languageserver-protocol';
import type { DocumentState, HoleItem } from '../../protocol/index.js';
import { frame } from '../../server/src/lsp/framing.js';
import type { Id } from '../../server/src/lsp/messages.js';
import { FrameGenerator, FuzzContext, toJson } from './fuzzFrames.js';
import { delay, LspClient, uriOf } from './lspClient.js';
import { residentMb } from './processMemory.js';
import { seededRandom } from './random.js';

export interface FuzzOptions {
  frames: number;
  seed: number;
  /** A framing mutation every this many frames (each restarts the server); 0 for none. */
  framingEvery: number;
  /** A health check every this many frames. */
  healthEvery: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface FuzzReport {
  frames: number;
  byKind: Record<string, number>;
  requests: number;
  answered: number;
  unanswered: Array<{ id: Id; method: string }>;
  errorsByCode: Record<string, number>;
  internalErrors: Array<{ method: string; message: string }>;
  crashes: Array<{ afterFrame: number; code: number | null; stderr: string }>;
  framingExits: number;
  /** Framing mutations the server did not end on, with its reason line: findings. */
  framingMissed: string[];
  healthChecks: number;
  /** Health checks first answered "busy" (the request's budget passed while the analysis worked), then asked again. */
  healthBusy: number;
  healthFailures: string[];
  rssMb: { before: number; peak: number; afterClose: number } | undefined;
  seconds: number;
}

/** Longest wait for a request's answer before it counts as unanswered. */
const ANSWER_WAIT_MS = 60_000;
/** At most this many requests are outstanding: the fuzzer writes faster than any analysis answers. */
const MAX_OUTSTANDING = 24;

/** The project the fuzzer works in: types, a module, and two documents with holes it tracks. */
const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
    include: ['src'],
  }),
  'src/types.ts': 'export interface User { id: number; name: string }\nexport type Role = "admin" | "guest";\n',
  'src/users.ts': `import type { User } from "./types";
export function makeUser(name: string): User { return { id: 1, name }; }
export const guest: User = makeUser("guest");
`,
  'src/main.ts': `import type { Role, User } from "./types";
import { guest } from "./users";

export const owner: User = _();
export const role: Role = _();
export function rename(user: User): User {
  return { ...user, name: _() };
}
export const first = guest;
`,
  'src/other.ts':
    'import { makeUser } from "./users";\n\nexport const made = makeUser(_());\nexport const total: number = _();\n',
};
const TRACKED = ['src/main.ts', 'src/other.ts'];

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'spackle-fuzz-'));
  for (const [name, text] of Object.entries(PROJECT)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const run = new FuzzRun(dir, options);
  try {
    return await run.run(started);
  } finally {
    await run.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

class FuzzRun {
  private client!: LspClient;
  private readonly report: FuzzReport = {
    frames: 0,
    byKind: {},
    requests: 0,
    answered: 0,
    unanswered: [],
    errorsByCode: {},
    internalErrors: [],
    crashes: [],
    framingExits: 0,
    framingMissed: [],
    healthChecks: 0,
    healthBusy: 0,
    healthFailures: [],
    rssMb: undefined,
    seconds: 0,
  };
  /** Requests sent and not answered, by id; one id may be pending more than once. */
  private readonly pending = new Map<Id, Array<{ method: string; sent: number }>>();
  private readonly context: FuzzContext;
  private readonly generator: FrameGenerator;
  private exitExpected = false;
  private healthIds = 0;
  private peakRss = 0;

  constructor(
    private readonly dir: string,
    private readonly options: FuzzOptions,
  ) {
    this.context = {
      tracked: TRACKED.map((name) => uriOf(path.join(dir, name))),
      folderUri: uriOf(dir),
      open: new Map(),
      pending: () => [...this.pending.keys()],
    };
    this.generator = new FrameGenerator(seededRandom(options.seed), this.context);
  }

  async run(started: number): Promise<FuzzReport> {
    await this.startServer();
    await this.healthCheck();
    const before = this.rss();
    for (let i = 1; i <= this.options.frames; i++) {
      const framing = this.options.framingEvery > 0 && i % this.options.framingEvery === 0;
      await this.send(this.generator.next(framing));
      if (i % this.options.healthEvery === 0) {
        await this.healthCheck();
        this.options.log?.(
          `${i} frames, ${this.report.requests} requests, ${this.report.crashes.length} crashes, rss ${this.rss()} MB`,
        );
      }
      if (i % 50 === 0) this.peakRss = Math.max(this.peakRss, this.rss() ?? 0);
    }
    await this.settleAll();
    await this.closeFuzzedDocuments();
    await this.healthCheck();
    await delay(2000);
    const afterClose = this.rss();
    if (before !== undefined && afterClose !== undefined)
      this.report.rssMb = { before, peak: Math.max(this.peakRss, afterClose), afterClose };
    this.report.seconds = Math.round((performance.now() - started) / 1000);
    return this.report;
  }

  async dispose(): Promise<void> {
    this.exitExpected = true;
    await this.client?.stop().catch(() => undefined);
  }

  private async startServer(): Promise<void> {
    this.exitExpected = false;
    this.client = await LspClient.start({ root: this.dir });
    this.client.onResponse = (response) => this.answered(response);
    const client = this.client;
    void client.exited.then((code) => this.exited(client, code));
    for (const uri of this.context.tracked) await client.open(uri);
  }

  private exited(client: LspClient, code: number | null): void {
    if (client !== this.client || this.exitExpected) return;
    this.report.crashes.push({ afterFrame: this.report.frames, code, stderr: client.stderr.join('').slice(-4000) });
  }

  private async send(f: ReturnType<FrameGenerator['next']>): Promise<void> {
    this.report.frames++;
    this.report.byKind[f.kind] = (this.report.byKind[f.kind] ?? 0) + 1;
    if (f.kind === 'framing') return this.framingMutation(f.name, f.bytes);
    if (f.kind === 'request') {
      await this.roomForRequest();
      this.report.requests++;
      this.expect(f.id, f.method);
    }
    if (f.kind === 'invalid' && f.id !== null) this.expect(f.id, 'invalid');
    const body = f.kind === 'unparsable' ? f.body : Buffer.from(toJson(f.message), 'utf8');
    const bytes = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
    if (this.client.isRunning) this.client.writeRaw(bytes);
    else await this.restartAfterCrash();
  }

  private expect(id: Id, method: string): void {
    const list = this.pending.get(id) ?? [];
    list.push({ method, sent: performance.now() });
    this.pending.set(id, list);
  }

  /** A response to one of the fuzzer's ids: counted, and taken from the connection. */
  private answered(response: ResponseMessage): boolean {
    const id = response.id;
    const list = id === null ? undefined : this.pending.get(id);
    // Not the fuzzer's: the connection's own requests (the health checks').
    if (!list?.length) return false;
    const { method } = list.shift()!;
    if (!list.length) this.pending.delete(id!);
    this.report.answered++;
    if (response.error) {
      const code = String(response.error.code);
      this.report.errorsByCode[code] = (this.report.errorsByCode[code] ?? 0) + 1;
      if (response.error.code === ErrorCodes.InternalError)
        this.report.internalErrors.push({ method, message: response.error.message.slice(0, 300) });
    }
    return true;
  }

  private async roomForRequest(): Promise<void> {
    const outstanding = () => [...this.pending.values()].reduce((n, list) => n + list.length, 0);
    if (outstanding() < MAX_OUTSTANDING) return;
    const deadline = performance.now() + ANSWER_WAIT_MS;
    while (outstanding() >= MAX_OUTSTANDING / 2 && performance.now() < deadline && this.client.isRunning)
      await delay(5);
    this.dropOverdue();
  }

  /** Requests past the wait are unanswered: findings. */
  private dropOverdue(): void {
    const now = performance.now();
    for (const [id, list] of this.pending) {
      const overdue = list.filter((p) => now - p.sent > ANSWER_WAIT_MS);
      for (const p of overdue) this.report.unanswered.push({ id, method: p.method });
      const left = list.filter((p) => now - p.sent <= ANSWER_WAIT_MS);
      if (left.length) this.pending.set(id, left);
      else this.pending.delete(id);
    }
  }

  private async settleAll(): Promise<void> {
    const deadline = performance.now() + ANSWER_WAIT_MS;
    while (this.pending.size && performance.now() < deadline && this.client.isRunning) await delay(20);
    for (const [id, list] of this.pending) for (const p of list) this.report.unanswered.push({ id, method: p.method });
    this.pending.clear();
  }

  /** The server must exit with 1 and say why; the run then starts it again. */
  private async framingMutation(name: string, bytes: Buffer): Promise<void> {
    await this.settleAll();
    this.exitExpected = true;
    const client = this.client;
    client.writeRaw(bytes);
    const code = await Promise.race([client.exited, delay(10_000).then(() => 'running' as const)]);
    const said = /the client's messages can no longer be read/.test(client.stderr.join(''));
    if (code === 1 && said) this.report.framingExits++;
    else
      this.report.framingMissed.push(
        `${name}: ${code === 'running' ? 'still running' : `exit ${code}`}${said ? '' : ', no reason on stderr'}`,
      );
    if (code === 'running') await client.stop().catch(() => undefined);
    this.context.open.clear();
    await this.startServer();
  }

  private async restartAfterCrash(): Promise<void> {
    for (const [id, list] of this.pending) for (const p of list) this.report.unanswered.push({ id, method: p.method });
    this.pending.clear();
    this.context.open.clear();
    await this.startServer();
  }

  /**
   * A well-formed edit of a tracked document (a comment line added or removed at its top), then its holes, which must
   * sit where the client's text has `_()`.
   */
  private async healthCheck(): Promise<void> {
    if (!this.client.isRunning) await this.restartAfterCrash();
    this.report.healthChecks++;
    const uri = this.context.tracked[this.report.healthChecks % this.context.tracked.length];
    const text = this.client.text(uri);
    const edit = text.startsWith('// fuzz')
      ? { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }
      : {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: `// fuzz ${this.report.healthChecks}\n`,
        };
    await this.client.edit(uri, [edit]);
    const id = `health-${++this.healthIds}`;
    try {
      const holes = await this.holes(uri);
      const expected = holeOffsets(this.client.text(uri)).map((offset) => positionOf(this.client.text(uri), offset));
      const got = holes.map((h) => h.range.start);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        this.report.healthFailures.push(
          `${id} ${path.basename(uri)}: holes at ${JSON.stringify(got)}, ` +
            `the client's text has them at ${JSON.stringify(expected)}`,
        );
      }
      const unlike = await documentMismatch(this.client, uri);
      if (unlike) this.report.healthFailures.push(`${id} ${path.basename(uri)}: ${unlike}`);
    } catch (error) {
      this.report.healthFailures.push(`${id} ${path.basename(uri)}: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** The document's holes; a "busy" answer (its budget passed) is a sign of life: asked again, up to three times. */
  private async holes(uri: string): Promise<HoleItem[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Promise.race([
          this.client.request<HoleItem[]>('spackle/holes', { textDocument: { uri } }),
          delay(ANSWER_WAIT_MS).then(() => {
            throw new Error('no answer within 60 s');
          }),
        ]);
      } catch (error) {
        if (
          !(
            error instanceof ResponseError &&
            error.code === LSPErrorCodes.RequestFailed &&
            /busy/.test(error.message)
          ) ||
          attempt === 3
        )
          throw error;
        if (attempt === 1) this.report.healthBusy++;
      }
    }
  }

  private async closeFuzzedDocuments(): Promise<void> {
    for (const uri of this.context.open.keys()) {
      this.client.writeRaw(
        frame({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } }),
      );
    }
    this.context.open.clear();
  }

  private rss(): number | undefined {
    return residentMb(this.client.pid);
  }
}

/** How the server's view of an open document differs from the client's (`spackle/document`), if it does. */
export async function documentMismatch(client: LspClient, uri: string): Promise<string | undefined> {
  const state = await client.request<DocumentState | null>('spackle/document', { textDocument: { uri } });
  const text = client.text(uri);
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  if (!state) return 'the server does not have it open';
  if (state.sha256 !== sha256 || state.version !== client.version(uri)) {
    return (
      `the server has version ${state.version}, ${state.length} characters; ` +
      `the client ${client.version(uri)}, ${text.length}`
    );
  }
  return undefined;
}

function holeOffsets(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('_()'); at >= 0; at = text.indexOf('_()', at + 1)) out.push(at);
  return out;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
