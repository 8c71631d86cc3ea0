import { describe, expect, it } from 'vitest';
import { frame, FrameReader, MAX_BODY_BYTES } from '../../../server/src/lsp/framing.js';

/** A reader fed `chunks` in turn; what it delivered, refused and lost. */
function read(...chunks: Array<string | Buffer>) {
  const messages: unknown[] = [];
  const unreadable: string[] = [];
  const lost: string[] = [];
  const reader = new FrameReader({
    message: (m) => messages.push(m),
    unreadable: (r) => unreadable.push(r),
    lost: (r) => lost.push(r),
  });
  for (const chunk of chunks) reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return { messages, unreadable, lost };
}

const hello = { jsonrpc: '2.0', method: 'hello', params: { text: 'h\u00e9llo \u{1F600}' } };
const framed = frame(hello).toString('utf8');

describe('FrameReader', () => {
  it('reads frames whole, split anywhere (inside a header, a character), and several in one chunk', () => {
    expect(read(framed).messages).toEqual([hello]);
    const bytes = frame(hello);
    for (const at of [1, 10, 17, bytes.indexOf(0xf0) + 1, bytes.length - 1]) {
      expect(read(bytes.subarray(0, at), bytes.subarray(at)).messages, `split at ${at}`).toEqual([hello]);
    }
    expect(read(framed + framed + framed.slice(0, 5), framed.slice(5)).messages).toEqual([hello, hello, hello]);
  });

  it('takes other headers, a Content-Type in UTF-8, and the same Content-Length twice', () => {
    const body = JSON.stringify(hello);
    const length = Buffer.byteLength(body);
    const text =
      'Content-Type: application/vscode-jsonrpc; charset=utf8\r\nX-Trace: 1\r\n' +
      `content-length: ${length}\r\nContent-Length: ${length}\r\n\r\n${body}`;
    expect(read(text)).toEqual({ messages: [hello], unreadable: [], lost: [] });
  });

  it('a well-framed body that is not JSON is unreadable, and the next frame is read', () => {
    const bad = 'Content-Length: 5\r\n\r\n{"a":';
    const { messages, unreadable, lost } = read(bad + framed);
    expect(unreadable).toHaveLength(1);
    expect(messages).toEqual([hello]);
    expect(lost).toEqual([]);
  });

  const body = JSON.stringify(hello);
  const length = Buffer.byteLength(body);
  it.each([
    ['no Content-Length', `Content-Type: application/vscode-jsonrpc\r\n\r\n${body}`, /no Content-Length/],
    ['a negative one', `Content-Length: -1\r\n\r\n${body}`, /whole number/],
    ['one that is no number', `Content-Length: 12abc\r\n\r\n${body}`, /whole number/],
    ['one past the limit', `Content-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`, /up to/],
    [
      'two that differ',
      `Content-Length: ${length}\r\nContent-Length: ${length + 1}\r\n\r\n${body}`,
      /given twice, differently/,
    ],
    ['header lines ending in LF only', `Content-Length: ${length}\n\n${body}`, /without CR LF/],
    ['garbage before a frame', `garbage${framed}`, /no Content-Length/],
    ['a garbage line before a frame', `garbage\r\n${framed}`, /not a header line/],
    ['a body where a header should be', `${body}`, /not a header line/],
    [
      'a charset other than UTF-8',
      `Content-Length: ${length}\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n${body}`,
      /charset/,
    ],
    ['a header section that does not end', `X-Long: ${'a'.repeat(9000)}`, /no end of headers/],
  ])('%s: framing is lost at once', (_name, text, reason) => {
    const { messages, lost } = read(text);
    expect(messages).toEqual([]);
    expect(lost).toEqual([expect.stringMatching(reason)]);
  });

  it('a Content-Length one short: the body is unreadable, and the frame after it shows framing was lost', () => {
    const short = `Content-Length: ${length - 1}\r\n\r\n${body}`;
    const { messages, unreadable, lost } = read(short + framed);
    expect(unreadable).toHaveLength(1);
    expect(messages).toEqual([]);
    expect(lost).toEqual([expect.stringMatching(/not a header line/)]);
  });

  it('a Content-Length one long: the next frame is swallowed into the body; what is left shows framing lost', () => {
    const long = `Content-Length: ${length + 1}\r\n\r\n${body}`;
    const { unreadable, lost } = read(long + framed);
    expect(unreadable).toHaveLength(1);
    expect(lost).toEqual([expect.stringMatching(/no Content-Length/)]);
  });

  it('after framing is lost nothing more is delivered', () => {
    expect(read('oops\r\n\r\n', framed, framed)).toMatchObject({ messages: [], lost: [expect.any(String)] });
  });
});
