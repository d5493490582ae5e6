// A parsed SIP message: the Buffer, the start line and the header index, with typed accessors
// that parse a header's value the first time it is asked for and cache the result (STYLE.md 8:
// headers are parsed on first use). An accessor for a malformed value throws SipParseError
// every time it is read; nothing is cached for it. The class holds one accessor per header we
// type, which is why the file is longer than most: each accessor is a few lines.
import { type HeaderIndex, VALUE_START, VALUE_END, FOLDED, STRIDE } from './header-index.js';
import type { StartLine } from './start-line.js';
import { isAscii } from 'node:buffer';
import { utf8, unfold, hasHighBytes } from './buffer-text.js';
import { normalizeHeaderName } from './compact-names.js';
import { headerError } from './errors.js';
import { type Via, parseViaValue, parseFirstVia } from './via.js';
import { type NameAddr, parseNameAddrValue, parseNameAddrList } from './name-addr.js';
import { type CSeq, parseCSeqValue } from './cseq.js';
import { type EventHeader, type SubscriptionState, parseEventValue, parseSubscriptionStateValue } from './event.js';
import { type DateHeader, parseDateValue } from './date.js';
import { parseTokenList } from './token-list.js';
import { parseUint } from './params.js';
import { type SipUri, parseUri } from './uri.js';
import { splitHeaderList } from './header-list.js';

const MAX_U32 = 0xffffffff;

export class SipMessage {
  // Fields are `declare`d and set in the constructor: with ES2022 class fields V8 would run a
  // separate initializer function for every message, and this object is made per packet.
  declare readonly isRequest: boolean;
  /** Status code of a response; 0 for a request. */
  declare readonly status: number;
  /** Number of header lines (a comma list on one line counts once). */
  declare readonly headerCount: number;
  /** @internal header index, read by the serializer. */
  declare readonly names: string[];
  /** @internal five offsets per header line, see header-index.ts. */
  declare readonly offs: number[];
  declare readonly bodyStart: number;
  declare readonly bodyEnd: number;
  /** @internal where the empty line that ends the headers begins. */
  declare readonly headersEnd: number;
  /** The bytes the message was parsed from (may extend past the body on a datagram). */
  declare readonly buffer: Buffer;
  /** @internal latin1 text of the buffer's start (at least the start line and headers). */
  declare readonly text: string;

  declare private readonly sl: StartLine;
  declare private readonly values: (string | undefined)[];
  declare private ascii: boolean | undefined;
  declare private rs: string;
  declare private rStart: number;
  declare private rEnd: number;
  declare private cVia: Via | undefined;
  declare private cRuri: string | undefined;
  declare private cRequestUri: SipUri | undefined;
  declare private cVias: Via[] | undefined;
  declare private cFrom: NameAddr | undefined;
  declare private cTo: NameAddr | undefined;
  declare private cCallId: string | undefined;
  declare private cCSeq: CSeq | undefined;
  declare private cContacts: NameAddr[] | undefined;
  declare private cStar: boolean;

  constructor(buffer: Buffer, text: string, sl: StartLine, index: HeaderIndex, bodyEnd: number) {
    this.buffer = buffer;
    this.text = text;
    this.sl = sl;
    this.isRequest = sl.isRequest;
    this.status = sl.status;
    this.names = index.names;
    this.offs = index.offs;
    this.headerCount = index.names.length;
    this.bodyStart = index.bodyStart;
    this.bodyEnd = bodyEnd;
    this.headersEnd = index.headersEnd;
    this.values = [];
    this.ascii = undefined;
    this.rs = '';
    this.rStart = 0;
    this.rEnd = 0;
    this.cVia = undefined;
    this.cRuri = undefined;
    this.cRequestUri = undefined;
    this.cVias = undefined;
    this.cFrom = undefined;
    this.cTo = undefined;
    this.cCallId = undefined;
    this.cCSeq = undefined;
    this.cContacts = undefined;
    this.cStar = false;
  }

  // ---- Start line ----

  /** Request method; for a response, the method of its CSeq. */
  get method(): string {
    return this.isRequest ? this.sl.method : this.cseq.method;
  }
  /** Request-URI exactly as written; '' for a response. */
  get ruri(): string {
    return (this.cRuri ??= this.isRequest ? this.text.slice(this.sl.uriStart, this.sl.uriEnd) : '');
  }
  /** Request-URI parsed (cached); undefined for a response. */
  get requestUri(): SipUri | undefined {
    if (!this.isRequest) return undefined;
    return (this.cRequestUri ??= parseUri(this.ruri));
  }
  /** Reason phrase of a response, decoded as UTF-8 (RFC 3261 25.1 allows UTF8-CONT); '' for requests. */
  get reason(): string {
    return this.isRequest ? '' : utf8(this.buffer, this.sl.reasonStart, this.sl.reasonEnd);
  }
  /** @internal byte range of the start line (without the line end) and of the Request-URI. */
  get startLineRange(): { start: number; next: number; uriStart: number; uriEnd: number } {
    return { start: this.sl.lineStart, next: this.sl.next, uriStart: this.sl.uriStart, uriEnd: this.sl.uriEnd };
  }

  // ---- Generic header access ----

  /** The value of header line `i`, unfolded, decoded as UTF-8 when not ASCII (cached). */
  valueAt(i: number): string {
    let v = this.values[i];
    if (v === undefined) {
      const o = i * STRIDE;
      const s = this.offs[o + VALUE_START];
      const e = this.offs[o + VALUE_END];
      // Most messages are ASCII (checked once, natively): a value is then a slice of the
      // latin1 text; otherwise values with bytes above 0x7f are decoded as UTF-8.
      v = !this.isAsciiHead() && hasHighBytes(this.text, s, e) ? utf8(this.buffer, s, e) : this.text.slice(s, e);
      if (this.offs[o + FOLDED] === 1) v = unfold(v);
      this.values[i] = v;
    }
    return v;
  }
  /** Whether the start line and headers are plain ASCII (checked once, natively). */
  private isAsciiHead(): boolean {
    // A binary body (RFC 4475 3.1.1.11) must not send every header through the slow path.
    return (this.ascii ??= isAscii(this.buffer) || isAscii(this.buffer.subarray(0, this.bodyStart)));
  }

  /**
   * Points rs/rStart/rEnd at header line i's value: the message text itself when the value is
   * plain (ASCII, not folded), so parsers read it in place without a copy; otherwise the
   * unfolded / UTF-8 decoded value string. Fields, not a returned object: no allocation.
   */
  private locate(i: number): void {
    const o = i * STRIDE;
    if (this.offs[o + FOLDED] === 0 && this.isAsciiHead()) {
      this.rs = this.text;
      this.rStart = this.offs[o + VALUE_START];
      this.rEnd = this.offs[o + VALUE_END];
    } else {
      const v = this.valueAt(i);
      this.rs = v;
      this.rStart = 0;
      this.rEnd = v.length;
    }
  }

  /** Full lower-case name of header line `i`. */
  nameAt(i: number): string {
    return this.names[i];
  }
  /** Value of the first header line called `name` (any case, compact form allowed). */
  header(name: string): string | undefined {
    const i = this.names.indexOf(normalizeHeaderName(name));
    return i < 0 ? undefined : this.valueAt(i);
  }
  /** Values of every header line called `name`, in order (comma lists not split). */
  headers(name: string): string[] {
    const n = normalizeHeaderName(name);
    const out: string[] = [];
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === n) out.push(this.valueAt(i));
    return out;
  }
  /** Every element of `name` across lines and comma lists (commas in quotes or <> kept). */
  headerValues(name: string): string[] {
    const out: string[] = [];
    for (const v of this.headers(name)) splitHeaderList(v, out);
    return out;
  }
  hasHeader(name: string): boolean {
    return this.names.indexOf(normalizeHeaderName(name)) >= 0;
  }
  /** How many header lines are called `name`. */
  headerLineCount(name: string): number {
    const n = normalizeHeaderName(name);
    let k = 0;
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === n) k++;
    return k;
  }

  get body(): Buffer {
    return this.buffer.subarray(this.bodyStart, this.bodyEnd);
  }

  private first(name: string): string | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.valueAt(i);
  }
  private uintHeader(name: string, max: number): number | undefined {
    const v = this.first(name);
    return v === undefined ? undefined : parseUint(v, max, name, name);
  }
  private nameAddrs(name: string): NameAddr[] {
    const out: NameAddr[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (this.names[i] !== name) continue;
      this.locate(i);
      parseNameAddrList(this.rs, name, out, this.rStart, this.rEnd);
    }
    return out;
  }
  private tokens(name: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name) parseTokenList(this.valueAt(i), name, out);
    return out;
  }

  // ---- Typed headers ----

  /** Every Via in order: across header lines and comma lists (RFC 3261 7.3.1). */
  get vias(): Via[] {
    if (this.cVias) return this.cVias;
    const out: Via[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (this.names[i] !== 'via') continue;
      this.locate(i);
      parseViaValue(this.rs, this.rStart, this.rEnd, out);
    }
    return (this.cVias = out);
  }
  /** The topmost Via, if any: parses only the first via-parm when the others were not asked for. */
  get via(): Via | undefined {
    if (this.cVias) return this.cVias[0];
    if (this.cVia) return this.cVia;
    const i = this.names.indexOf('via');
    if (i < 0) return undefined;
    this.locate(i);
    return (this.cVia = parseFirstVia(this.rs, this.rStart, this.rEnd));
  }
  get from(): NameAddr | undefined {
    if (this.cFrom) return this.cFrom;
    const i = this.names.indexOf('from');
    if (i < 0) return undefined;
    this.locate(i);
    return (this.cFrom = parseNameAddrValue(this.rs, 'from', this.rStart, this.rEnd));
  }
  get to(): NameAddr | undefined {
    if (this.cTo) return this.cTo;
    const i = this.names.indexOf('to');
    if (i < 0) return undefined;
    this.locate(i);
    return (this.cTo = parseNameAddrValue(this.rs, 'to', this.rStart, this.rEnd));
  }
  /** Call-ID = word [ "@" word ] (RFC 3261 20.8); '' when the header is missing. */
  get callId(): string {
    if (this.cCallId !== undefined) return this.cCallId;
    const v = this.first('call-id');
    if (v === undefined) return '';
    if (v.indexOf(' ') >= 0 || v.indexOf('\t') >= 0) throw headerError('call-id', 'Call-ID holds a space');
    return (this.cCallId = v);
  }
  get cseq(): CSeq {
    if (this.cCSeq) return this.cCSeq;
    const v = this.first('cseq');
    if (v === undefined) throw headerError('cseq', 'missing CSeq');
    return (this.cCSeq = parseCSeqValue(v));
  }
  /** Contacts across header lines and comma lists; empty for `Contact: *` (see contactStar). */
  get contacts(): NameAddr[] {
    if (this.cContacts) return this.cContacts;
    const out: NameAddr[] = [];
    let star = false;
    for (let i = 0; i < this.names.length; i++) {
      if (this.names[i] !== 'contact') continue;
      this.locate(i);
      if (this.rEnd - this.rStart === 1 && this.rs.charCodeAt(this.rStart) === 0x2a) star = true;
      else parseNameAddrList(this.rs, 'contact', out, this.rStart, this.rEnd);
    }
    // RFC 3261 10.2.2: '*' is only valid alone.
    if (star && out.length > 0) throw headerError('contact', "'*' mixed with other contacts");
    this.cStar = star;
    return (this.cContacts = out);
  }
  /** True for `Contact: *` (remove all bindings, RFC 3261 10.2.2). */
  get contactStar(): boolean {
    this.contacts;
    return this.cStar;
  }
  /** 0..255 (RFC 3261 20.22). */
  get maxForwards(): number | undefined {
    return this.uintHeader('max-forwards', 255);
  }
  /** delta-seconds up to 2**32-1 (RFC 3261 20.19). */
  get expires(): number | undefined {
    return this.uintHeader('expires', MAX_U32);
  }
  get minExpires(): number | undefined {
    return this.uintHeader('min-expires', MAX_U32);
  }
  /** Content-Length as written (checked when the message was parsed); undefined when absent. */
  get contentLength(): number | undefined {
    const v = this.first('content-length');
    return v === undefined ? undefined : Number(v);
  }
  /** Content-Type value as written (media type and parameters). */
  get contentType(): string | undefined {
    return this.first('content-type');
  }
  get subject(): string | undefined {
    return this.first('subject');
  }
  get userAgent(): string | undefined {
    return this.first('user-agent');
  }
  get event(): EventHeader | undefined {
    const v = this.first('event');
    return v === undefined ? undefined : parseEventValue(v);
  }
  get subscriptionState(): SubscriptionState | undefined {
    const v = this.first('subscription-state');
    return v === undefined ? undefined : parseSubscriptionStateValue(v);
  }
  get allowEvents(): string[] {
    return this.tokens('allow-events');
  }
  get supported(): string[] {
    return this.tokens('supported');
  }
  get require(): string[] {
    return this.tokens('require');
  }
  get proxyRequire(): string[] {
    return this.tokens('proxy-require');
  }
  get allow(): string[] {
    return this.tokens('allow');
  }
  /** SIP-ETag / SIP-If-Match entity-tag = token (RFC 3903 11.3). */
  get sipETag(): string | undefined {
    return this.entityTag('sip-etag');
  }
  get sipIfMatch(): string | undefined {
    return this.entityTag('sip-if-match');
  }
  private entityTag(name: string): string | undefined {
    const v = this.first(name);
    if (v === undefined) return undefined;
    const out: string[] = [];
    parseTokenList(v, name, out);
    if (out.length !== 1) throw headerError(name, 'expected one entity-tag');
    return out[0];
  }
  get routes(): NameAddr[] {
    return this.nameAddrs('route');
  }
  get recordRoutes(): NameAddr[] {
    return this.nameAddrs('record-route');
  }
  /** Path (RFC 3327). */
  get paths(): NameAddr[] {
    return this.nameAddrs('path');
  }
  /** P-Associated-URI (RFC 7315 4.1). */
  get pAssociatedUris(): NameAddr[] {
    return this.nameAddrs('p-associated-uri');
  }
  get date(): DateHeader | undefined {
    const v = this.first('date');
    return v === undefined ? undefined : parseDateValue(v);
  }
}
