import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { FIM_TEMPLATES } from '../../server/src/prompt/fim.js';

/**
 * A local OpenAI-compatible HTTP server with a scripted "model", for tests and benchmarks: chat and legacy
 * completions, streamed (SSE) or not, top logprobs, and the constraints servers offer (OpenAI `logit_bias`, llama.cpp
 * `grammar` of literal alternatives, vLLM `guided_choice`) applied to the script's preferences. Faults are scripted
 * per request: a slow first byte, a disconnect mid-stream, an error status (429 with Retry-After, 500…),
 * invalid JSON, a stream that never ends. Text is cut into tokens by o200k_base, so token ids mean what OpenAI's
 * tokenizer says.
 */

export interface FakeRequest {
  /** 0-based, in arrival order. */
  index: number;
  api: 'chat' | 'completions';
  body: Record<string, any>;
  /** The completions prompt, or the chat messages' contents joined (the last assistant message left out). */
  prompt: string;
  /** Text the model is asked to continue: a chat's final assistant message, or what follows a FIM template's middle
   * marker in a completions prompt; empty for a fresh answer. */
  prefill: string;
  authorization?: string;
  /** How long the server took to answer it, from its arrival to the end of the response (the model's own time). */
  ms?: number;
  /** Once its connection closed: whether the whole response was sent (false when the client went away first). */
  answered?: boolean;
}

export type Fault =
  | { kind: 'slowFirstByte'; ms: number }
  | { kind: 'disconnect'; afterTokens: number }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'invalidJson' }
  | { kind: 'endless' };

export interface Reply {
  /** What the model says, unconstrained. */
  text?: string;
  /** Top alternatives per token of `text` (token texts), best first, for logprobs. */
  alternatives?: Record<number, string[]>;
  /** What the model would say under a constraint, best first: the first one the constraint allows wins. */
  preferences?: string[];
  fault?: Fault;
}

export type Script = (request: FakeRequest) => Reply;

export interface FakeOptions {
  /**
   * What the server honours; the rest it ignores (as llama.cpp does, the default) or rejects with 400 (as OpenAI does).
   */
  supports?: { logprobs?: boolean; logitBias?: boolean; grammar?: boolean; guidedChoice?: boolean };
  unsupported?: 'ignore' | 'reject';
  /** Pause between streamed tokens. */
  tokenDelayMs?: number;
}

/** Where the middle begins in the FIM templates that end with a marker (Codestral ends with the prefix itself). */
const MIDDLE_MARKERS = Object.values(FIM_TEMPLATES)
  .map((t) => t.render('', '\u0000').split('\u0000')[1])
  .filter(Boolean);

/** A never-ending stream stops by itself after this long: a test's loop is bounded. */
const ENDLESS_LIMIT_MS = 30_000;

export class FakeOpenAI {
  readonly requests: FakeRequest[] = [];
  /** Model requests being answered now, and the most there were at once. */
  inFlight = 0;
  maxInFlight = 0;
  script: Script;
  options: FakeOptions;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(script: Script, options: FakeOptions) {
    this.script = script;
    this.options = options;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(script: Script, options: FakeOptions = {}): Promise<FakeOpenAI> {
    const fake = new FakeOpenAI(script, options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The base URL a client is given (OpenAI's SDK appends `/chat/completions`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = req.url === '/v1/chat/completions' ? 'chat' : req.url === '/v1/completions' ? 'completions' : undefined;
    if (req.method === 'GET' && req.url === '/v1/models')
      return json(res, 200, { object: 'list', data: [{ id: 'fake', object: 'model' }] });
    if (req.method !== 'POST' || !api)
      return json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    let body: Record<string, any>;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return json(res, 400, { error: { message: 'the body is not JSON' } });
    }
    const request = this.requestOf(api, body, req.headers.authorization);
    this.requests.push(request);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    const arrived = performance.now();
    res.on('close', () => {
      this.inFlight--;
      request.ms = performance.now() - arrived;
      request.answered = res.writableFinished;
    });
    const refused = this.refusal(body);
    if (refused) return json(res, 400, { error: { message: refused, type: 'invalid_request_error' } });
    const reply = this.script(request);
    const fault = reply.fault;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return json(
        res,
        fault.status,
        { error: { message: fault.message ?? `scripted status ${fault.status}` } },
        headers,
      );
    }
    if (fault?.kind === 'slowFirstByte') await sleep(fault.ms);
    if (res.destroyed) return;
    const tokens = this.tokensOf(body, reply);
    if (!body.stream) return this.whole(res, api, body, tokens);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    if (fault?.kind === 'invalidJson') {
      res.write('data: {"id": "broken", "choices": [\n\n');
      return void res.end();
    }
    const logprobs = !!body.logprobs && this.supports('logprobs');
    if (fault?.kind === 'endless') return this.endless(res, api, body);
    for (const [i, token] of tokens.entries()) {
      if (fault?.kind === 'disconnect' && i === fault.afterTokens) return cutAfterFlush(res);
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(chunk(api, body, token, i, tokens, logprobs))}\n\n`);
      if (this.options.tokenDelayMs) await sleep(this.options.tokenDelayMs);
    }
    if (fault?.kind === 'disconnect') return cutAfterFlush(res);
    res.write(`data: ${JSON.stringify(finalChunk(api, body))}\n\ndata: [DONE]\n\n`);
    res.end();
  }

  private requestOf(
    api: 'chat' | 'completions',
    body: Record<string, any>,
    authorization: string | undefined,
  ): FakeRequest {
    if (api === 'completions') {
      const prompt = String(body.prompt ?? '');
      const middle = Math.max(
        ...MIDDLE_MARKERS.map((m) => {
          const at = prompt.lastIndexOf(m);
          return at < 0 ? -1 : at + m.length;
        }),
      );
      return {
        index: this.requests.length,
        api,
        body,
        prompt,
        prefill: middle < 0 ? '' : prompt.slice(middle),
        authorization,
      };
    }
    const messages: Array<{ role: string; content: string }> = Array.isArray(body.messages) ? body.messages : [];
    const last = messages[messages.length - 1];
    const prefill = last?.role === 'assistant' ? last.content : '';
    const asked = prefill ? messages.slice(0, -1) : messages;
    return {
      index: this.requests.length,
      api,
      body,
      prompt: asked.map((m) => m.content).join('\n'),
      prefill,
      authorization,
    };
  }

  /** Why a request is refused: a parameter the server does not honour, when it rejects those. */
  private refusal(body: Record<string, any>): string | undefined {
    if (this.options.unsupported !== 'reject') return undefined;
    const asked = {
      logprobs: !!body.logprobs,
      logitBias: !!body.logit_bias,
      grammar: !!body.grammar,
      guidedChoice: !!body.guided_choice,
    };
    const missing = Object.entries(asked).find(([name, on]) => on && !this.supports(name as keyof typeof asked));
    return missing && `Unrecognized request argument supplied: ${missing[0]}`;
  }

  private supports(name: keyof NonNullable<FakeOptions['supports']>): boolean {
    return this.options.supports?.[name] ?? false;
  }

  /** The reply as tokens, under the request's constraint if the server honours it, cut at `max_tokens` and `stop`. */
  private tokensOf(body: Record<string, any>, reply: Reply): Token[] {
    const constrained = this.constrained(body, reply);
    let text = constrained ?? reply.text ?? '';
    for (const stop of [body.stop].flat().filter((s): s is string => typeof s === 'string')) {
      const at = text.indexOf(stop);
      if (at >= 0) text = text.slice(0, at);
    }
    const ids = encode(text);
    const tokens = ids.map((id, i): Token => ({
      text: decode([id]),
      alternatives: constrained === undefined ? (reply.alternatives?.[i] ?? []) : [],
    }));
    const max = body.max_tokens ?? body.max_completion_tokens;
    return typeof max === 'number' ? tokens.slice(0, max) : tokens;
  }

  private constrained(body: Record<string, any>, reply: Reply): string | undefined {
    const preferences = reply.preferences ?? (reply.text === undefined ? [] : [reply.text]);
    const pick = (allowed: (text: string) => boolean, choices: string[]) => preferences.find(allowed) ?? choices[0];
    if (Array.isArray(body.guided_choice) && this.supports('guidedChoice')) {
      const choices: string[] = body.guided_choice;
      return pick((p) => choices.includes(p), choices);
    }
    if (typeof body.grammar === 'string' && this.supports('grammar')) {
      const choices = literalAlternatives(body.grammar);
      return pick((p) => choices.includes(p), choices);
    }
    if (body.logit_bias && this.supports('logitBias')) {
      const allowed = new Set(
        Object.entries(body.logit_bias as Record<string, number>)
          .filter(([, bias]) => bias >= 50)
          .map(([id]) => Number(id)),
      );
      if (!allowed.size) return undefined;
      const first = (text: string) => encode(text)[0];
      return pick((p) => allowed.has(first(p)), [decode([[...allowed][0]])]);
    }
    return undefined;
  }

  private whole(res: ServerResponse, api: 'chat' | 'completions', body: Record<string, any>, tokens: Token[]): void {
    const text = tokens.map((t) => t.text).join('');
    const wantsLogprobs = !!body.logprobs && this.supports('logprobs');
    const choice =
      api === 'chat'
        ? {
            index: 0,
            message: { role: 'assistant', content: text },
            finish_reason: 'stop',
            logprobs: wantsLogprobs ? { content: tokens.map((t) => chatLogprob(t, body)) } : null,
          }
        : { index: 0, text, finish_reason: 'stop', logprobs: wantsLogprobs ? completionLogprobs(tokens, body) : null };
    json(res, 200, {
      id: 'fake-1',
      object: api === 'chat' ? 'chat.completion' : 'text_completion',
      created: 0,
      model: body.model,
      choices: [choice],
    });
  }

  private async endless(res: ServerResponse, api: 'chat' | 'completions', body: Record<string, any>): Promise<void> {
    const started = Date.now();
    for (let i = 0; !res.destroyed && Date.now() - started < ENDLESS_LIMIT_MS; i++) {
      res.write(`data: ${JSON.stringify(chunk(api, body, { text: ' ', alternatives: [] }, i, [], false))}\n\n`);
      await sleep(10);
    }
    res.end();
  }
}

interface Token {
  text: string;
  alternatives: string[];
}

function chunk(
  api: 'chat' | 'completions',
  body: Record<string, any>,
  token: Token,
  i: number,
  all: Token[],
  logprobs: boolean,
): object {
  if (api === 'chat') {
    return {
      id: 'fake-1',
      object: 'chat.completion.chunk',
      created: 0,
      model: body.model,
      choices: [
        {
          index: 0,
          delta: i === 0 ? { role: 'assistant', content: token.text } : { content: token.text },
          finish_reason: null,
          logprobs: logprobs ? { content: [chatLogprob(token, body)] } : null,
        },
      ],
    };
  }
  const offset = all.slice(0, i).reduce((n, t) => n + t.text.length, 0);
  return {
    id: 'fake-1',
    object: 'text_completion',
    created: 0,
    model: body.model,
    choices: [
      {
        index: 0,
        text: token.text,
        finish_reason: null,
        logprobs: logprobs ? { ...completionLogprobs([token], body), text_offset: [offset] } : null,
      },
    ],
  };
}

function finalChunk(api: 'chat' | 'completions', body: Record<string, any>): object {
  return api === 'chat'
    ? {
        id: 'fake-1',
        object: 'chat.completion.chunk',
        created: 0,
        model: body.model,
        choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }],
      }
    : {
        id: 'fake-1',
        object: 'text_completion',
        created: 0,
        model: body.model,
        choices: [{ index: 0, text: '', finish_reason: 'stop', logprobs: null }],
      };
}

/** The sampled token first (log-probability -0.1), then the scripted alternatives, each less likely. */
function ranked(token: Token, count: number): Array<{ token: string; logprob: number }> {
  return [token.text, ...token.alternatives.filter((a) => a !== token.text)]
    .slice(0, Math.max(1, count))
    .map((t, i) => ({ token: t, logprob: -0.1 - i }));
}

function chatLogprob(token: Token, body: Record<string, any>): object {
  const top = ranked(token, body.top_logprobs ?? 0).map((t) => ({ ...t, bytes: [...Buffer.from(t.token)] }));
  return { token: token.text, logprob: -0.1, bytes: [...Buffer.from(token.text)], top_logprobs: top };
}

function completionLogprobs(tokens: Token[], body: Record<string, any>): object {
  const count = typeof body.logprobs === 'number' ? body.logprobs : 0;
  return {
    tokens: tokens.map((t) => t.text),
    token_logprobs: tokens.map(() => -0.1),
    top_logprobs: tokens.map((t) => Object.fromEntries(ranked(t, count).map((r) => [r.token, r.logprob]))),
    text_offset: tokens.map((_, i) => tokens.slice(0, i).reduce((n, t) => n + t.text.length, 0)),
  };
}

/** The literals of a GBNF grammar `root ::= "a" | "b"`: all this fake understands of grammars. */
function literalAlternatives(grammar: string): string[] {
  const rule = /root\s*::=\s*(.*)/s.exec(grammar)?.[1] ?? '';
  return [...rule.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/** Drops the connection once what was written has left, as a server that dies mid-answer does. */
async function cutAfterFlush(res: ServerResponse): Promise<void> {
  await sleep(20);
  res.socket?.destroy();
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req
      .setEncoding('utf8')
      .on('data', (part: string) => {
        data += part;
      })
      .on('end', () => resolve(data))
      .on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
