/**
 * LSP's base protocol, strictly: `Content-Length: N\r\n` (and optional headers) `\r\n`, then N bytes of UTF-8 JSON.
 * vscode-jsonrpc's reader waits forever on what it cannot frame (a header line ending in a bare LF, a negative or
 * missing length), so a client's framing mistake left the server deaf with no word. Here a frame that cannot be
 * read as one is `lost` at once (the stream is out of step for good: the process ends and the editor restarts it);
 * a well-framed body that is not JSON is `unreadable` (answered with a parse error, the stream goes on).
 */

export interface FrameEvents {
  message(value: unknown): void;
  unreadable(reason: string): void;
  lost(reason: string): void;
}

/** A header section longer than this is no header: the client sent something else. */
const MAX_HEADER_BYTES = 8 * 1024;
/**
 * The largest body taken: a document at the size limit (8M characters) escaped as JSON, with room. A longer
 * Content-Length is a framing mistake, not a message.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
const CR = 13;
const LF = 10;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const UTF8 = /^utf-?8$/i;

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length once a header section is read; undefined while reading headers. */
  private bodyLength: number | undefined;
  private isLost = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly events: FrameEvents) {}

  push(chunk: Buffer): void {
    if (this.isLost) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.isLost) {
      if (this.bodyLength === undefined && !this.readHeaders()) return;
      if (this.bodyLength === undefined || this.buffered < this.bodyLength) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = undefined;
      this.deliver(body);
    }
  }

  /** Reads a header section if it is all there; false when more bytes are needed (or framing was lost). */
  private readHeaders(): boolean {
    const bytes = this.peek(Math.min(this.buffered, MAX_HEADER_BYTES + 4));
    let lineStart = 0;
    const headers = new Map<string, string[]>();
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== LF) continue;
      if (i === 0 || bytes[i - 1] !== CR) return this.lose('a header line ends without CR LF');
      if (i - 1 === lineStart) {
        this.take(i + 1);
        return this.framed(headers);
      }
      const line = bytes.toString('latin1', lineStart, i - 1);
      const header = HEADER_LINE.exec(line);
      if (!header) return this.lose(`not a header line: ${JSON.stringify(line.slice(0, 80))}`);
      const name = header[1].toLowerCase();
      headers.set(name, [...(headers.get(name) ?? []), header[2]]);
      lineStart = i + 1;
    }
    if (bytes.length > MAX_HEADER_BYTES) return this.lose(`no end of headers within ${MAX_HEADER_BYTES} bytes`);
    // A line still arriving must already look like a header: garbage shows before its line ends.
    const partial = bytes.toString('latin1', lineStart);
    if (partial && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]*(:.*)?\r?$/s.test(partial))
      return this.lose(`not a header line: ${JSON.stringify(partial.slice(0, 80))}`);
    return false;
  }

  private framed(headers: Map<string, string[]>): boolean {
    const lengths = new Set(headers.get('content-length') ?? []);
    if (lengths.size !== 1)
      return this.lose(lengths.size ? 'Content-Length given twice, differently' : 'no Content-Length header');
    const [length] = lengths;
    if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) {
      return this.lose(
        `Content-Length must be a whole number of bytes up to ${MAX_BODY_BYTES}, ` +
          `not ${JSON.stringify(length.slice(0, 40))}`,
      );
    }
    const charset = /charset=([^;\s]+)/i.exec(headers.get('content-type')?.join(';') ?? '')?.[1];
    if (charset && !UTF8.test(charset.replace(/"/g, '')))
      return this.lose(`unsupported charset ${JSON.stringify(charset)}: LSP is UTF-8`);
    this.bodyLength = Number(length);
    return true;
  }

  private deliver(body: Buffer): void {
    let value: unknown;
    try {
      value = JSON.parse(this.decoder.decode(body));
    } catch (error) {
      this.events.unreadable(error instanceof Error ? error.message : String(error));
      return;
    }
    this.events.message(value);
  }

  private lose(reason: string): false {
    this.isLost = true;
    this.chunks = [];
    this.events.lost(reason);
    return false;
  }

  private peek(length: number): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, length);
  }

  private take(length: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > length ? [all.subarray(length)] : [];
    this.buffered -= length;
    return all.subarray(0, length);
  }
}

/** A message as a frame. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
