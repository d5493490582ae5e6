import { describe, it, expect } from 'vitest';
import { StreamFramer, FramingError, contentLength, FRAMING_ERROR_CODES } from '../../../engine/sip/framing.js';

const msg = (body = '', cl: string | null = `Content-Length: ${Buffer.byteLength(body)}`) =>
  `OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: x\r\n${cl === null ? '' : cl + '\r\n'}\r\n${body}`;

const text = (bufs: Buffer[]) => bufs.map((b) => b.toString('latin1'));

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof FramingError) return e.code;
    throw e;
  }
  return undefined;
}

describe('StreamFramer', () => {
  it('returns one message from one read', () => {
    const m = msg('v=0\r\n');
    expect(text(new StreamFramer().push(Buffer.from(m)))).toEqual([m]);
  });

  it('returns several messages from one read, in order', () => {
    const a = msg('hello');
    const b = msg();
    const c = msg('x'.repeat(300));
    expect(text(new StreamFramer().push(Buffer.from(a + b + c)))).toEqual([a, b, c]);
  });

  it('frames a message fed byte by byte, bodies included', () => {
    const a = msg('0123456789');
    const b = msg();
    const f = new StreamFramer();
    const out: string[] = [];
    for (const byte of Buffer.from(a + b)) out.push(...text(f.push(Buffer.from([byte]))));
    expect(out).toEqual([a, b]);
    expect(f.buffered).toBe(0);
  });

  it('frames at every split point of two messages', () => {
    const all = msg('body1') + msg('b2');
    for (let cut = 0; cut <= all.length; cut++) {
      const f = new StreamFramer();
      const out = [...text(f.push(Buffer.from(all.slice(0, cut)))), ...text(f.push(Buffer.from(all.slice(cut))))];
      expect(out, `cut at ${cut}`).toEqual([msg('body1'), msg('b2')]);
    }
  });

  it('finds the header end when CRLF CRLF is split across reads', () => {
    const m = msg('abc');
    const at = m.indexOf('\r\n\r\n');
    for (const cut of [at + 1, at + 2, at + 3]) {
      const f = new StreamFramer();
      expect(f.push(Buffer.from(m.slice(0, cut)))).toEqual([]);
      expect(text(f.push(Buffer.from(m.slice(cut))))).toEqual([m]);
    }
  });

  it('reads compact l:, any case, with LWS and folding', () => {
    for (const cl of ['l: 3', 'L:3', 'content-length   :    3', 'CONTENT-LENGTH: 3  ', 'Content-Length:\r\n  3', 'l\t:\t3']) {
      const m = msg('abc', cl);
      expect(text(new StreamFramer().push(Buffer.from(m + msg()))), cl).toEqual([m, msg()]);
    }
  });

  it('does not take a header that merely starts with l or content-length for it', () => {
    const m = `MESSAGE sip:a SIP/2.0\r\nLocation-X: 99\r\nContent-Length-Foo: 99\r\nl: 2\r\n\r\nhi`;
    expect(text(new StreamFramer().push(Buffer.from(m)))).toEqual([m]);
  });

  it('tolerates bare LF line ends', () => {
    const m = 'OPTIONS sip:a SIP/2.0\nl: 2\n\nhi';
    expect(text(new StreamFramer().push(Buffer.from(m)))).toEqual([m]);
  });

  it('skips CRLFs between messages and reports CRLFCRLF pings (RFC 5626 3.5.1)', () => {
    let pings = 0;
    const f = new StreamFramer({ onPing: () => pings++ });
    expect(f.push(Buffer.from('\r\n\r\n'))).toEqual([]);
    expect(pings).toBe(1);
    // a ping split over reads, then a message
    expect(f.push(Buffer.from('\r\n\r'))).toEqual([]);
    expect(text(f.push(Buffer.from('\n' + msg())))).toEqual([msg()]);
    expect(pings).toBe(2);
    // a lone CRLF (a pong) is skipped without a ping
    expect(text(f.push(Buffer.from('\r\n' + msg())))).toEqual([msg()]);
    expect(pings).toBe(2);
  });

  it('refuses a stream message without Content-Length (RFC 3261 18.3)', () => {
    expect(codeOf(() => new StreamFramer().push(Buffer.from(msg('', null))))).toBe('FRAMING_NO_CONTENT_LENGTH');
  });

  it('refuses a malformed or contradictory Content-Length', () => {
    expect(codeOf(() => new StreamFramer().push(Buffer.from(msg('', 'Content-Length: abc'))))).toBe('FRAMING_BAD_CONTENT_LENGTH');
    expect(codeOf(() => new StreamFramer().push(Buffer.from(msg('', 'Content-Length: -1'))))).toBe('FRAMING_BAD_CONTENT_LENGTH');
    expect(codeOf(() => new StreamFramer().push(Buffer.from(msg('', 'l: 1\r\nContent-Length: 2'))))).toBe('FRAMING_BAD_CONTENT_LENGTH');
    expect(contentLength('X\r\nl: 4\r\nContent-Length: 4\r\n')).toBe(4);
  });

  it('refuses a message whose Content-Length takes it over the maximum, before the body arrives', () => {
    const f = new StreamFramer({ maxMessageSize: 1000 });
    expect(codeOf(() => f.push(Buffer.from(msg('', 'Content-Length: 5000'))))).toBe('FRAMING_TOO_LARGE');
  });

  it('refuses a header section that never ends, once it passes the maximum', () => {
    const f = new StreamFramer({ maxMessageSize: 1000 });
    const line = Buffer.from('X-Junk: ' + 'a'.repeat(90) + '\r\n');
    let code: string | undefined;
    for (let i = 0; i < 20 && !code; i++) code = codeOf(() => f.push(line));
    expect(code).toBe('FRAMING_TOO_LARGE');
  });

  it('refuses more pending bytes than maxBuffered', () => {
    const f = new StreamFramer({ maxMessageSize: 10_000, maxBuffered: 100 });
    expect(codeOf(() => f.push(Buffer.from(msg('x'.repeat(500)).slice(0, 200))))).toBe('FRAMING_BUFFER_FULL');
  });

  it('hands over the messages framed before an error, and stays failed', () => {
    const f = new StreamFramer();
    try {
      f.push(Buffer.from(msg('ok') + msg('', null)));
      expect.unreachable();
    } catch (e) {
      expect((e as FramingError).code).toBe('FRAMING_NO_CONTENT_LENGTH');
      expect(text((e as FramingError).messages)).toEqual([msg('ok')]);
    }
    expect(codeOf(() => f.push(Buffer.from(msg())))).toBe('FRAMING_NO_CONTENT_LENGTH');
    try {
      f.push(Buffer.from(msg()));
    } catch (e) {
      expect((e as FramingError).messages).toEqual([]); // delivered once, not again
    }
  });

  it('returned messages do not change when later reads arrive', () => {
    const f = new StreamFramer();
    const m = msg('abc');
    f.push(Buffer.from(m.slice(0, 10)));
    const [first] = f.push(Buffer.from(m.slice(10) + msg('zz').slice(0, 30)));
    f.push(Buffer.from(msg('zz').slice(30) + msg('q'.repeat(5000))));
    expect(first.toString('latin1')).toBe(m);
  });

  it('frames a large stream of small reads in linear time', () => {
    const m = Buffer.from(msg('x'.repeat(40_000)));
    const f = new StreamFramer();
    const t0 = performance.now();
    let n = 0;
    for (let round = 0; round < 5; round++) for (let i = 0; i < m.length; i += 7) n += f.push(m.subarray(i, i + 7)).length;
    expect(n).toBe(5);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('documents every error code', () => {
    for (const [code, doc] of Object.entries(FRAMING_ERROR_CODES)) expect(doc.length, code).toBeGreaterThan(10);
  });
});
