// Framing SIP messages out of a byte stream (TCP). RFC 3261 section 18.3: on a stream the
// message ends where Content-Length says, so the header section is found by its empty line
// and the body length read from Content-Length (or compact `l`). This file only frames; it
// does not parse SIP (engine/sip's parser does that on the framed bytes) and imports nothing,
// so transport/ can use it without pulling in the parser.
//
// Cost: every byte is scanned once for the header end (the scan resumes where the previous
// read stopped), the pending bytes live in one buffer that grows geometrically, and a read
// that holds whole messages hands them out as views of the read itself, with no copy.

export const FRAMING_ERROR_CODES = {
  FRAMING_TOO_LARGE: 'the message (or its header section so far) exceeds the maximum message size',
  FRAMING_BUFFER_FULL: 'more bytes are pending than the connection may buffer',
  FRAMING_NO_CONTENT_LENGTH: 'a message on a stream has no Content-Length (RFC 3261 section 18.3)',
  FRAMING_BAD_CONTENT_LENGTH: 'Content-Length is not a number, or two Content-Length headers disagree',
} as const;

export type FramingErrorCode = keyof typeof FRAMING_ERROR_CODES;

/** The stream cannot be framed any further: the connection must be closed. `messages` holds
 *  the complete messages framed by the same `push` before the problem, to deliver first. */
export class FramingError extends Error {
  readonly code: FramingErrorCode;
  readonly detail: string;
  messages: Buffer[] = [];
  constructor(code: FramingErrorCode, detail: string) {
    super(`${detail} [${code}]`);
    this.name = 'FramingError';
    this.code = code;
    this.detail = detail;
  }
}

export interface StreamFramerOptions {
  /** Largest message (headers + body) accepted; default 65535. */
  maxMessageSize?: number;
  /** Largest number of bytes kept between reads; default maxMessageSize. */
  maxBuffered?: number;
  /** RFC 5626 section 3.5.1: a CRLFCRLF "ping" between messages. The server answers a
   *  single CRLF "pong"; the framer only reports it. */
  onPing?: () => void;
}

const LF = 0x0a;
const CR = 0x0d;
const PING = [CR, LF, CR, LF];
const INITIAL_CAPACITY = 4096;

export class StreamFramer {
  private readonly maxMessageSize: number;
  private readonly maxBuffered: number;
  private readonly onPing: (() => void) | undefined;
  /** Pending bytes of the message being received, always from offset 0. */
  private pending: Buffer = Buffer.alloc(0);
  private pendingLength = 0;
  /** Offset (from the message start) where the header-end search resumes. */
  private scanFrom = 0;
  /** Total length of the current message once its headers are read, else -1. */
  private total = -1;
  /** True between messages, where CRLF keep-alives are skipped. */
  private atBoundary = true;
  /** How much of "\r\n\r\n" the keep-alive bytes between messages have matched. */
  private pingMatched = 0;
  private failure: FramingError | undefined;

  constructor(opts: StreamFramerOptions = {}) {
    this.maxMessageSize = opts.maxMessageSize ?? 65535;
    this.maxBuffered = opts.maxBuffered ?? this.maxMessageSize;
    this.onPing = opts.onPing;
  }

  /** Bytes held waiting for the rest of a message. */
  get buffered(): number {
    return this.pendingLength;
  }

  /** Feeds the next bytes read; returns every message they complete, in order. After a
   *  FramingError the framer stays failed: every later push throws one with the same code
   *  (and no messages). */
  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw new FramingError(this.failure.code, `the stream failed earlier: ${this.failure.detail}`);
    const out: Buffer[] = [];
    try {
      if (this.pendingLength === 0) {
        // Fast path: frame straight out of the read; only the unfinished tail is copied.
        const used = this.extract(chunk, chunk.length, out, false);
        if (used < chunk.length) this.append(chunk.subarray(used));
      } else {
        this.append(chunk);
        const used = this.extract(this.pending, this.pendingLength, out, true);
        if (used > 0) {
          this.pending.copyWithin(0, used, this.pendingLength);
          this.pendingLength -= used;
          // Let a buffer grown for one large message go once it is no longer needed.
          if (this.pendingLength === 0 && this.pending.length > INITIAL_CAPACITY) this.pending = Buffer.alloc(0);
        }
      }
      if (this.pendingLength > this.maxBuffered) {
        throw new FramingError('FRAMING_BUFFER_FULL', `${this.pendingLength} bytes pending, limit ${this.maxBuffered}`);
      }
    } catch (e) {
      if (e instanceof FramingError) {
        e.messages = out;
        this.failure = e;
        this.pending = Buffer.alloc(0);
        this.pendingLength = 0;
      }
      throw e;
    }
    return out;
  }

  private append(bytes: Buffer): void {
    const need = this.pendingLength + bytes.length;
    if (need > this.pending.length) {
      // Grow geometrically so a message arriving byte by byte costs linear time, but never
      // past what the bounds allow (plus one read, which is checked right after).
      let cap = Math.max(this.pending.length * 2, INITIAL_CAPACITY);
      while (cap < need) cap *= 2;
      const next = Buffer.allocUnsafe(cap);
      this.pending.copy(next, 0, 0, this.pendingLength);
      this.pending = next;
    }
    bytes.copy(this.pending, this.pendingLength);
    this.pendingLength = need;
  }

  /** Frames messages from buf[0, end); returns how many bytes were consumed. */
  private extract(buf: Buffer, end: number, out: Buffer[], copy: boolean): number {
    let start = 0;
    for (;;) {
      if (this.atBoundary) {
        start = this.skipKeepAlive(buf, start, end);
        if (start === end) return start;
        this.atBoundary = false;
        this.scanFrom = 0;
        this.total = -1;
      }
      if (this.total < 0) {
        const bodyStart = this.findHeaderEnd(buf, start, end);
        if (bodyStart < 0) {
          if (end - start > this.maxMessageSize) {
            throw new FramingError('FRAMING_TOO_LARGE', `no end of headers within ${this.maxMessageSize} bytes`);
          }
          return start;
        }
        const length = contentLength(buf.toString('latin1', start, bodyStart));
        this.total = bodyStart - start + length;
        if (this.total > this.maxMessageSize) {
          throw new FramingError('FRAMING_TOO_LARGE', `message of ${this.total} bytes, limit ${this.maxMessageSize}`);
        }
      }
      if (end - start < this.total) return start;
      const msg = buf.subarray(start, start + this.total);
      out.push(copy ? Buffer.from(msg) : msg);
      start += this.total;
      this.atBoundary = true;
      this.pingMatched = 0;
    }
  }

  /** Skips CR/LF between messages (RFC 3261 section 7.5 lets them precede a start line),
   *  reporting each CRLFCRLF as a keep-alive ping. */
  private skipKeepAlive(buf: Buffer, start: number, end: number): number {
    let i = start;
    while (i < end) {
      const b = buf[i];
      if (b !== CR && b !== LF) {
        this.pingMatched = 0;
        return i;
      }
      if (b === PING[this.pingMatched]) this.pingMatched++;
      else this.pingMatched = b === CR ? 1 : 0;
      if (this.pingMatched === PING.length) {
        this.pingMatched = 0;
        this.onPing?.();
      }
      i++;
    }
    return i;
  }

  /** Returns the offset just after the empty line ending the header section, or -1. A line
   *  ends in CRLF; a bare LF is tolerated as many stacks do. Resumes at scanFrom. */
  private findHeaderEnd(buf: Buffer, start: number, end: number): number {
    let i = start + this.scanFrom;
    for (;;) {
      const lf = buf.indexOf(LF, i);
      if (lf < 0 || lf >= end) {
        this.scanFrom = end - start;
        return -1;
      }
      const next = lf + 1 < end ? buf[lf + 1] : -1;
      if (next === LF) return lf + 2;
      const after = lf + 2 < end ? buf[lf + 2] : -1;
      if (next === CR && after === LF) return lf + 3;
      if (next === -1 || (next === CR && after === -1)) {
        // The line end is at the edge of what we have: look at it again with more bytes.
        this.scanFrom = lf - start;
        return -1;
      }
      i = lf + 1;
    }
  }
}

const CONTENT_LENGTH_LINE = /^(?:content-length|l)[ \t]*:(.*)$/i;

/** Reads Content-Length from a header section (start line included). Handles folded lines
 *  (RFC 3261 section 7.3.1 LWS), the compact form `l`, and any case. */
export function contentLength(head: string): number {
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  let found = -1;
  for (let i = 1; i < lines.length; i++) {
    const m = CONTENT_LENGTH_LINE.exec(lines[i]);
    if (!m) continue;
    const text = m[1].trim();
    if (!/^\d{1,10}$/.test(text)) {
      throw new FramingError('FRAMING_BAD_CONTENT_LENGTH', `Content-Length '${text.slice(0, 20)}' is not a number`);
    }
    const n = Number(text);
    if (found >= 0 && found !== n) {
      throw new FramingError('FRAMING_BAD_CONTENT_LENGTH', `Content-Length given twice: ${found} and ${n}`);
    }
    found = n;
  }
  if (found < 0) throw new FramingError('FRAMING_NO_CONTENT_LENGTH', 'no Content-Length on a stream transport');
  return found;
}
