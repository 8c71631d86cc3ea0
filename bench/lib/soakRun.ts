/**
 * The soak: the built server over stdio on a corpus (rxjs by default, loaded as its clone), for minutes, edited as a
 * user edits: words typed a key at a time, lines deleted, holes `_()` written, blocks pasted from other files, syntax
 * broken and mended, a file now and then back to its text on disk. Meanwhile it is asked what an editor asks
 * (completion, inline completion, code actions, hover, hole context), a share of it cancelled before the answer.
 * Measured: answered and unanswered requests, errors by code, latency per method, how soon a cancelled request is
 * answered after its `$/cancelRequest`, the server's memory over time, restarts of its analysis, and at the end each
 * document as the server has it against the client's text.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError, TextEdit } from 'vscode-languageserver-protocol';
import { loadCorpus } from './corpus.js';
import { documentMismatch } from './fuzzRun.js';
import { delay, LspClient, uriOf } from './lspClient.js';
import { residentMb } from './processMemory.js';
import { seededRandom, shuffled } from './random.js';
import { quantile } from './stats.js';

export interface SoakOptions {
  corpus: string;
  minutes: number;
  seed: number;
  /** Documents open and edited. */
  files: number;
  /** Share of requests cancelled before their answer. */
  cancelShare: number;
  /** The server's command line; the built bin over stdio when absent (another build, as a peer). */
  command?: string[];
  log?: (line: string) => void;
}

export interface MethodStats {
  sent: number;
  answered: number;
  cancelled: number;
  errors: number;
  p50: number;
  p95: number;
}

export interface SoakReport {
  corpus: string;
  minutes: number;
  edits: number;
  requests: number;
  unanswered: number;
  crashes: number;
  restarts: string[];
  errorsByCode: Record<string, number>;
  methods: Record<string, MethodStats>;
  /** Milliseconds from `$/cancelRequest` to the answer. */
  cancellation: { count: number; p50: number; p95: number; max: number };
  /** [seconds since start, MB], every RSS_EVERY_MS. */
  rss: Array<[number, number]>;
  /** Mean of the last third of the samples after warm-up over the first third's, minus 1. */
  rssDrift: number;
  documents: { compared: number; identical: number; mismatches: string[] };
}

const METHODS = [
  'textDocument/completion',
  'textDocument/inlineCompletion',
  'textDocument/codeAction',
  'textDocument/hover',
  'spackle/holeContext',
];
const WARMUP_MS = 30_000;
const RSS_EVERY_MS = 5_000;
/** A busy user's pace: a key every TICK_MS, a request every REQUEST_MS (editors ask as the cursor moves). */
const TICK_MS = 50;
const REQUEST_MS = 125;
const MAX_OUTSTANDING = 8;
/**
 * An edited file goes back to its text on disk after this many edits: the code stays mostly valid, as a user's does.
 */
const REVERT_AFTER = 120;

interface Doc {
  uri: string;
  original: string;
  edits: number;
}
interface Outcome {
  method: string;
  ms: number;
  code?: number;
  cancelledAt?: number;
}

export async function soak(options: SoakOptions): Promise<SoakReport> {
  const corpus = loadCorpus(options.corpus);
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const files = shuffled(scriptFiles(corpus.root), random).slice(0, options.files);
  const client = await LspClient.start({ root: corpus.folder, command: options.command });
  let crashed = false;
  let stopping = false;
  void client.exited.then(() => {
    crashed = !stopping;
  });
  const docs: Doc[] = [];
  for (const file of files) {
    const uri = await client.open(uriOf(file));
    docs.push({ uri, original: client.text(uri), edits: 0 });
  }
  const outcomes: Outcome[] = [];
  const outstanding = new Set<Promise<void>>();
  const rss: Array<[number, number]> = [];
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let edits = 0;
  let requests = 0;

  const request = (doc: Doc) => {
    const method = pick(METHODS);
    const params = paramsFor(method, doc, client, random);
    const cancel = new CancellationTokenSource();
    const outcome: Outcome = { method, ms: NaN };
    const sent = performance.now();
    requests++;
    const done = client.connection
      .sendRequest(method, params, cancel.token)
      .then(
        () => undefined,
        (error: unknown) => (error instanceof ResponseError ? error.code : -1),
      )
      .then((code) => {
        outcome.ms = performance.now() - sent;
        outcome.code = code;
        if (outcome.cancelledAt !== undefined) outcome.cancelledAt = performance.now() - outcome.cancelledAt;
        outcomes.push(outcome);
      });
    if (random() < options.cancelShare) {
      setTimeout(() => {
        if (Number.isNaN(outcome.ms)) {
          outcome.cancelledAt = performance.now();
          cancel.cancel();
        }
      }, random() * 300);
    }
    const tracked = done.finally(() => outstanding.delete(tracked));
    outstanding.add(tracked);
  };

  /** One didChange; a word is typed a key at a time. */
  const change = async (doc: Doc, edit: TextEdit) => {
    edits++;
    await client.edit(doc.uri, [edit]);
    await delay(TICK_MS);
  };
  const edit = async (doc: Doc) => {
    doc.edits++;
    if (doc.edits % REVERT_AFTER === 0) {
      const text = client.text(doc.uri);
      return change(doc, {
        range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) },
        newText: doc.original,
      });
    }
    const text = client.text(doc.uri);
    const at = randomOffset(text, random);
    const r = random();
    if (r < 0.55) {
      // A word typed a key at a time.
      const word = pick([
        'const ',
        'this.',
        'value',
        'subscriber',
        '.pipe(',
        'map',
        '(x) => x',
        ', ',
        ';\n',
        'return ',
        'observable',
      ]);
      for (const [i, key] of [...word].entries())
        await change(doc, { range: rangeAt(client.text(doc.uri), at + i, 0), newText: key });
      return;
    }
    if (r < 0.7) return change(doc, { range: rangeAt(text, at, Math.min(40, text.length - at)), newText: '' });
    if (r < 0.8)
      return change(doc, { range: rangeAt(text, lineStart(text, at), 0), newText: 'const hole: number = _();\n' });
    if (r < 0.9) {
      const other = client.text(pick(docs).uri);
      const from = randomOffset(other, random);
      return change(doc, {
        range: rangeAt(text, lineStart(text, at), 0),
        newText: other.slice(from, from + 400) + '\n',
      });
    }
    return change(doc, { range: rangeAt(text, at, 0), newText: pick(['{', '(', '}', '"', '/*', '<', 'if (']) });
  };

  const sampler = setInterval(() => {
    const mb = residentMb(client.pid);
    if (mb !== undefined) rss.push([Math.round(seconds()), mb]);
  }, RSS_EVERY_MS);
  const going = () => seconds() < options.minutes * 60 && !crashed;
  const typing = async () => {
    while (going()) await edit(pick(docs));
  };
  const asking = async () => {
    while (going()) {
      if (outstanding.size < MAX_OUTSTANDING) request(pick(docs));
      await delay(REQUEST_MS);
    }
  };
  const progress = setInterval(
    () =>
      options.log?.(`${Math.round(seconds())} s: ${edits} changes, ${requests} requests, rss ${rss.at(-1)?.[1]} MB`),
    30_000,
  );
  try {
    await Promise.all([typing(), asking()]);
    await Promise.race([Promise.all(outstanding), delay(60_000)]);
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  const unanswered = outstanding.size;
  const mismatches: string[] = [];
  if (!crashed) {
    for (const doc of docs) {
      const unlike = await documentMismatch(client, doc.uri).catch((error: Error) => `not compared: ${error.message}`);
      if (unlike) mismatches.push(`${path.basename(doc.uri)}: ${unlike}`);
    }
  }
  const restarts = client
    .notifications('window/showMessage')
    .map((m) => m.message as string)
    .filter((m) => m.includes('analysis stopped'));
  stopping = true;
  if (!crashed) await client.stop().catch(() => undefined);
  corpus.dispose();
  return {
    corpus: corpus.name,
    minutes: options.minutes,
    edits,
    requests,
    unanswered,
    crashes: crashed ? 1 : 0,
    restarts,
    errorsByCode: countBy(outcomes.filter((o) => o.code !== undefined).map((o) => String(o.code))),
    methods: Object.fromEntries(
      METHODS.map((method) => [method, methodStats(outcomes.filter((o) => o.method === method))]),
    ),
    cancellation: cancellationStats(outcomes),
    rss,
    rssDrift: drift(rss.filter(([s]) => s * 1000 >= WARMUP_MS).map(([, mb]) => mb)),
    documents: { compared: docs.length, identical: crashed ? 0 : docs.length - mismatches.length, mismatches },
  };
}

function methodStats(outcomes: Outcome[]): MethodStats {
  const answered = outcomes.filter((o) => o.cancelledAt === undefined);
  const times = answered.filter((o) => o.code === undefined).map((o) => o.ms);
  return {
    sent: outcomes.length,
    answered: answered.length,
    cancelled: outcomes.length - answered.length,
    errors: answered.filter((o) => o.code !== undefined).length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
  };
}

function cancellationStats(outcomes: Outcome[]): SoakReport['cancellation'] {
  const after = outcomes.filter((o) => o.cancelledAt !== undefined).map((o) => o.cancelledAt!);
  return {
    count: after.length,
    p50: quantile(after, 0.5),
    p95: quantile(after, 0.95),
    max: after.length ? Math.max(...after) : NaN,
  };
}

function drift(samples: number[]): number {
  const third = Math.floor(samples.length / 3);
  if (third === 0) return NaN;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(samples.slice(-third)) / mean(samples.slice(0, third)) - 1;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) out[key] = (out[key] ?? 0) + 1;
  return out;
}

/** Params of `method` at a hole of the document if it has one, else at a spot of its text. */
function paramsFor(method: string, doc: Doc, client: LspClient, random: () => number): object {
  const text = client.text(doc.uri);
  const holes = [...text.matchAll(/_\(\)/g)].map((m) => m.index!);
  const offset =
    holes.length && random() < 0.5 ? holes[Math.floor(random() * holes.length)] + 2 : randomOffset(text, random);
  const position = positionAt(text, offset);
  const textDocument = { uri: doc.uri };
  if (method === 'textDocument/codeAction')
    return { textDocument, range: { start: position, end: position }, context: { diagnostics: [], triggerKind: 2 } };
  if (method === 'textDocument/inlineCompletion') return { textDocument, position, context: { triggerKind: 2 } };
  return { textDocument, position };
}

function randomOffset(text: string, random: () => number): number {
  return Math.floor(random() * (text.length + 1));
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function rangeAt(text: string, offset: number, length: number) {
  return { start: positionAt(text, offset), end: positionAt(text, offset + length) };
}

function scriptFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}
