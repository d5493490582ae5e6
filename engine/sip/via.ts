// Via (RFC 3261 20.42, 18.2.1 received, RFC 3581 rport). One header line may hold several
// via-parms separated by commas; the message's Vias are all of them in header order.
import { HOSTNAME, TOKEN, LBRACKET, RBRACKET, COLON, SLASH, isDigit } from './char-classes.js';
import { headerError } from './errors.js';
import { type Cursor, type Params, type ParamList, cursor, paramsRecord, scanParams, scanToken, skipWs, nextListElement, parseUint } from './params.js';

export class Via {
  // Declared, then set in the constructor: no per-object class-field initializer (hot path).
  /** Always 'SIP/2.0' (other versions are rejected). */
  declare readonly protocol: string;
  /** Upper-cased transport token: UDP, TCP, TLS, SCTP, WS, WSS or an extension. */
  declare readonly transport: string;
  /** sent-by host as written; IPv6 references keep their brackets. */
  declare readonly host: string;
  declare readonly port: number | undefined;
  declare branch: string | undefined;
  declare received: string | undefined;
  /** RFC 3581: `true` for a bare `;rport` (a request asking for it), the number once filled. */
  declare rport: number | true | undefined;
  declare ttl: number | undefined;
  declare maddr: string | undefined;
  declare private record: Params | undefined;
  declare private readonly list: ParamList;

  constructor(transport: string, host: string, port: number | undefined, list: ParamList) {
    this.protocol = 'SIP/2.0';
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.list = list;
    this.record = undefined;
    let branch: string | undefined;
    let received: string | undefined;
    let rport: number | true | undefined;
    let ttl: number | undefined;
    let maddr: string | undefined;
    for (let k = list.length - 2; k >= 0; k -= 2) {
      // Backwards, so that the first of a repeated parameter wins.
      const v = list[k + 1];
      switch (list[k]) {
        case 'branch': branch = v ?? undefined; break;
        case 'received': received = v ?? undefined; break;
        case 'rport': rport = v === null ? true : parseUint(v, 65535, 'via', 'rport'); break;
        case 'ttl': ttl = parseUint(v ?? '', 255, 'via', 'ttl'); break;
        case 'maddr': maddr = v ?? undefined; break;
      }
    }
    this.branch = branch;
    this.received = received;
    this.rport = rport;
    this.ttl = ttl;
    this.maddr = maddr;
  }

  /** Every parameter by lower-case name, including the ones above (built on first use). */
  get params(): Params {
    return (this.record ??= paramsRecord(this.list));
  }
}

/** Appends the via-parms of one Via header value, [start, end) of `s`, to `out`. */
export function parseViaValue(s: string, start: number, end: number, out: Via[]): void {
  const cur = cursor(s, start, end, 'via');
  if (cur.i >= end) throw headerError('via', 'empty Via');
  do out.push(parseOneVia(cur));
  while (nextListElement(cur));
}

/** Only the first via-parm of a Via header value (what a proxy or tm reads first). */
export function parseFirstVia(s: string, start: number, end: number): Via {
  const cur = cursor(s, start, end, 'via');
  if (cur.i >= end) throw headerError('via', 'empty Via');
  const via = parseOneVia(cur);
  nextListElement(cur); // checks what follows is a list separator or the end
  return via;
}

function expect(cur: Cursor, code: number, what: string): void {
  cur.i = skipWs(cur.s, cur.i, cur.end);
  if (cur.i >= cur.end || cur.s.charCodeAt(cur.i) !== code) throw headerError(cur.header, `expected ${what}`);
  cur.i = skipWs(cur.s, cur.i + 1, cur.end);
}

function parseOneVia(cur: Cursor): Via {
  const { s, end } = cur;
  if (cur.i + 8 <= end && s.startsWith('SIP/2.0/', cur.i)) cur.i += 8; // the usual spelling, no LWS
  else {
    const name = scanToken(cur, 'protocol name');
    expect(cur, SLASH, "'/' after the protocol name");
    const version = scanToken(cur, 'protocol version');
    if (name.toUpperCase() !== 'SIP' || version !== '2.0') throw headerError('via', `unsupported protocol ${name}/${version}`);
    expect(cur, SLASH, "'/' before the transport");
  }
  const transport = scanTransport(cur);
  cur.i = skipWs(s, cur.i, end);
  const host = scanHost(cur);
  let port: number | undefined;
  let i = skipWs(s, cur.i, end);
  if (i < end && s.charCodeAt(i) === COLON) {
    i = skipWs(s, i + 1, end);
    let n = 0;
    const ps = i;
    while (i < end && isDigit(s.charCodeAt(i))) n = n * 10 + s.charCodeAt(i++) - 48;
    if (i === ps || i - ps > 5 || n > 65535) throw headerError('via', 'port is not a number in 0..65535');
    port = n;
  }
  cur.i = i;
  const list: ParamList = [];
  scanParams(cur, list, true);
  return new Via(transport, host, port, list);
}

/** host = hostname / IPv4address / IPv6reference (RFC 3261 25.1). */
export function scanHost(cur: Cursor): string {
  const { s, end } = cur;
  const start = cur.i;
  let i = start;
  if (i < end && s.charCodeAt(i) === LBRACKET) {
    i = s.indexOf(']', i);
    if (i < 0 || i >= end) throw headerError(cur.header, 'unterminated IPv6 reference');
    for (let j = start + 1; j < i; j++) {
      const c = s.charCodeAt(j);
      if (!(isDigit(c) || c === COLON || c === 0x2e || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66))) {
        throw headerError(cur.header, 'bad character in an IPv6 reference');
      }
    }
    i++;
  } else {
    while (i < end && HOSTNAME[s.charCodeAt(i)] === 1) i++;
  }
  if (i === start || (i === start + 2 && s.charCodeAt(start) === LBRACKET && s.charCodeAt(start + 1) === RBRACKET)) {
    throw headerError(cur.header, 'missing host');
  }
  cur.i = i;
  return s.slice(start, i);
}

/** Transport tokens are case-insensitive; the usual ones come back as constants, unsliced. */
function scanTransport(cur: Cursor): string {
  const { s, i, end } = cur;
  if (i + 3 <= end && TOKEN[s.charCodeAt(i + 3)] !== 1) {
    const t = s.startsWith('UDP', i) ? 'UDP' : s.startsWith('TCP', i) ? 'TCP' : s.startsWith('TLS', i) ? 'TLS' : undefined;
    if (t !== undefined) {
      cur.i = i + 3;
      return t;
    }
  }
  return scanToken(cur, 'transport').toUpperCase();
}
