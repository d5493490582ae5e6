// Editing a parsed message for forwarding: add / remove / replace headers, push and pop Vias,
// change the Request-URI, replace the body. toBuffer() copies every untouched byte range of
// the original (start line, header lines, body) and writes only what changed, so a proxy
// that adds a Via and a Record-Route re-encodes two lines, not the message.
import { LINE_START, LINE_NEXT, STRIDE } from './header-index.js';
import { canonicalHeaderName, normalizeHeaderName } from './compact-names.js';
import { checkHeaderName, checkHeaderValue, checkRequestUri } from './header-text.js';
import { splitHeaderList } from './header-list.js';
import { ByteBuilder } from './byte-builder.js';
import { SipParseError } from './errors.js';
import type { SipMessage } from './message.js';

export class MessageEditor {
  /** Header line index -> new value, or null when the line is removed. */
  private readonly edits = new Map<number, string | null>();
  /** Lines to write before header line i (index = headerCount means after the last). */
  private readonly inserts = new Map<number, string[]>();
  /** Vias pushed by prependVia and not popped yet, topmost first. */
  private readonly pushedVias: string[] = [];
  private ruri: string | undefined;
  private body: Buffer | undefined;

  constructor(readonly msg: SipMessage) {}

  setRequestUri(uri: string): this {
    if (!this.msg.isRequest) throw new SipParseError('SIP_BAD_EDIT', 'a response has no Request-URI');
    checkRequestUri(uri);
    this.ruri = uri;
    return this;
  }

  /** Adds a header line at the end of the headers, or as the first header line with `top`. */
  addHeader(name: string, value: string, where: 'end' | 'top' = 'end'): this {
    const line = headerLine(name, value);
    const at = where === 'top' ? 0 : this.msg.headerCount;
    const list = this.inserts.get(at) ?? [];
    if (where === 'top') list.unshift(line);
    else list.push(line);
    this.inserts.set(at, list);
    return this;
  }

  /** Adds a header line just before original header line `at` (0 = before the first,
   *  headerCount = after the last), after any line already added there. For anchored edits
   *  such as sipmsgops append_hf(text, after_hdr) / insert_hf(text, before_hdr). */
  insertHeaderAt(at: number, name: string, value: string): this {
    if (!Number.isInteger(at) || at < 0 || at > this.msg.headerCount) throw new SipParseError('SIP_BAD_EDIT', `no header line ${at}`);
    const line = headerLine(name, value);
    const list = this.inserts.get(at);
    if (list) list.push(line);
    else this.inserts.set(at, [line]);
    return this;
  }

  /** Rewrites a line added by insertHeaderAt (rr's add_rr_param after record_route);
   *  false when no such added line is there. */
  replaceInsertedHeader(at: number, name: string, oldValue: string, newValue: string): boolean {
    const list = this.inserts.get(at);
    const old = headerLine(name, oldValue);
    const k = list ? list.indexOf(old) : -1;
    if (k < 0) return false;
    list![k] = headerLine(name, newValue);
    return true;
  }

  /** Removes every line called `name` (any case or compact form); returns how many. */
  removeHeader(name: string): number {
    const n = normalizeHeaderName(name);
    let k = 0;
    for (let i = 0; i < this.msg.headerCount; i++) {
      if (this.msg.names[i] === n && this.edits.get(i) !== null) {
        this.edits.set(i, null);
        k++;
      }
    }
    return k;
  }

  /** Gives the first line called `name` the new value and removes the others; adds it when absent. */
  replaceHeader(name: string, value: string): this {
    checkHeaderName(name);
    checkHeaderValue(name, value);
    const n = normalizeHeaderName(name);
    let first = -1;
    for (let i = 0; i < this.msg.headerCount; i++) {
      if (this.msg.names[i] !== n || this.edits.get(i) === null) continue;
      if (first < 0) {
        first = i;
        this.edits.set(i, value);
      } else this.edits.set(i, null);
    }
    return first < 0 ? this.addHeader(name, value) : this;
  }

  /** Puts a new topmost Via (RFC 3261 16.6 step 8) above the existing ones. */
  prependVia(value: string): this {
    checkHeaderValue('Via', value);
    this.pushedVias.unshift(value);
    return this;
  }

  /** Removes the topmost Via (RFC 3261 16.7 step 3): the first element of a comma list, or its line. */
  removeTopVia(): this {
    if (this.pushedVias.length > 0) {
      this.pushedVias.shift();
      return this;
    }
    for (let i = 0; i < this.msg.headerCount; i++) {
      if (this.msg.names[i] !== 'via') continue;
      const current = this.edits.has(i) ? this.edits.get(i) : this.msg.valueAt(i);
      if (current === null || current === undefined) continue;
      const parts: string[] = [];
      splitHeaderList(current, parts);
      this.edits.set(i, parts.length > 1 ? parts.slice(1).join(', ') : null);
      return this;
    }
    throw new SipParseError('SIP_BAD_EDIT', 'no Via to remove');
  }

  /** Replaces the body; Content-Length follows, Content-Type too when given. */
  setBody(body: Buffer | string, contentType?: string): this {
    this.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (contentType !== undefined) this.replaceHeader('Content-Type', contentType);
    else if (this.body.length === 0) this.removeHeader('content-type');
    return this;
  }

  toBuffer(): Buffer {
    const { msg } = this;
    const buf = msg.buffer;
    const out = new ByteBuilder();
    const sl = msg.startLineRange;
    if (this.ruri !== undefined) {
      out.range(buf, sl.start, sl.uriStart).text(this.ruri).range(buf, sl.uriEnd, sl.next);
    } else out.range(buf, sl.start, sl.next);

    const body = this.body ?? msg.body;
    const bodyChanged = this.body !== undefined || msg.contentLength !== body.length;
    let firstVia = msg.names.indexOf('via');
    if (firstVia < 0) firstVia = 0;
    let wroteLength = false;
    const offs = msg.offs;
    for (let i = 0; i <= msg.headerCount; i++) {
      if (i === firstVia) for (const v of this.pushedVias) out.text(`Via: ${v}\r\n`);
      const before = this.inserts.get(i);
      if (before) for (const line of before) out.text(line);
      if (i === msg.headerCount) break;
      const name = msg.names[i];
      if (name === 'content-length') {
        if (wroteLength || this.edits.get(i) === null) continue;
        wroteLength = true;
        if (bodyChanged) {
          out.text(`Content-Length: ${body.length}\r\n`);
          continue;
        }
      }
      const edit = this.edits.get(i);
      if (edit === null) continue;
      if (edit !== undefined) out.text(`${canonicalHeaderName(name)}: ${edit}\r\n`);
      else out.range(buf, offs[i * STRIDE + LINE_START], offs[i * STRIDE + LINE_NEXT]);
    }
    // RFC 3261 18.3 / 20.14: always state the length, so the result can go over a stream.
    if (!wroteLength) out.text(`Content-Length: ${body.length}\r\n`);
    out.text('\r\n').bytes(body);
    return out.toBuffer();
  }
}

export function editMessage(msg: SipMessage): MessageEditor {
  return new MessageEditor(msg);
}

function headerLine(name: string, value: string): string {
  checkHeaderName(name);
  checkHeaderValue(name, value);
  return `${canonicalHeaderName(name)}: ${value}\r\n`;
}
