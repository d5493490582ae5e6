// SIP, SIPS (RFC 3261 19.1.1, 25.1) and tel (RFC 3966) URIs; other schemes are kept opaque
// (RFC 4475 3.3.2-3.3.4: an unknown scheme is not a parse error, the element answers 416).
// Components stay as written (escaped); the *Unescaped getters decode %HH (19.1.2), which is
// what comparisons use (19.1.4).
import { HOSTNAME, USERINFO, URI_PARAM, URI_HEADER, SCHEME, AT, COLON, SEMI, QUESTION, AMP, EQUALS, LBRACKET, isDigit } from './char-classes.js';
import { uriError } from './errors.js';
import { type Params, newParams } from './params.js';
import { unescapePercent } from './percent.js';

export class SipUri {
  /** Lower-case scheme: 'sip', 'sips', 'tel' or another. */
  scheme = '';
  /** User part as written (escaped); the number for tel URIs. */
  user: string | undefined = undefined;
  password: string | undefined = undefined;
  /** Host as written; '' for tel and opaque URIs. IPv6 references keep their brackets. */
  host = '';
  port: number | undefined = undefined;
  /** uri-parameters by lower-case name (escaped values as written). */
  params: Params = newParams();
  /** URI headers (`?name=value&...`) by name as written (escaped). */
  headers: Record<string, string> = newParams() as Record<string, string>;
  /** Everything after `scheme:` for schemes we do not parse. */
  opaque: string | undefined = undefined;

  constructor(readonly raw: string) {}

  get userUnescaped(): string | undefined {
    return this.user === undefined ? undefined : unescapePercent(this.user);
  }
  get passwordUnescaped(): string | undefined {
    return this.password === undefined ? undefined : unescapePercent(this.password);
  }
  /** Parameters with names and values unescaped and names lower-cased. */
  get paramsUnescaped(): Params {
    const out = newParams();
    for (const k in this.params) {
      const v = this.params[k];
      out[unescapePercent(k).toLowerCase()] = v === null ? null : unescapePercent(v);
    }
    return out;
  }
  get headersUnescaped(): Record<string, string> {
    const out = newParams() as Record<string, string>;
    for (const k in this.headers) out[unescapePercent(k)] = unescapePercent(this.headers[k]);
    return out;
  }
  param(name: string): string | null | undefined {
    return this.params[name.toLowerCase()];
  }
  get transport(): string | undefined {
    return this.params.transport?.toLowerCase();
  }
  /** The `user` URI parameter (`phone`, `ip`), not the user part. */
  get userParam(): string | undefined {
    return this.params.user ?? undefined;
  }
  get method(): string | undefined {
    return this.params.method ?? undefined;
  }
  get ttl(): number | undefined {
    const t = this.params.ttl;
    return t == null ? undefined : Number(t);
  }
  get maddr(): string | undefined {
    return this.params.maddr ?? undefined;
  }
  get lr(): boolean {
    return 'lr' in this.params;
  }
  toString(): string {
    return this.raw;
  }
}

export function parseUri(raw: string): SipUri {
  const u = new SipUri(raw);
  let i = 0;
  const c0 = raw.charCodeAt(0) | 0x20;
  if (!(c0 >= 0x61 && c0 <= 0x7a)) throw uriError('URI must start with a scheme');
  while (i < raw.length && SCHEME[raw.charCodeAt(i)] === 1) i++;
  if (raw.charCodeAt(i) !== COLON) throw uriError('URI must start with a scheme');
  u.scheme = raw.slice(0, i).toLowerCase();
  i++;
  if (u.scheme === 'sip' || u.scheme === 'sips') parseSip(u, raw, i);
  else if (u.scheme === 'tel') parseTel(u, raw, i);
  else {
    if (i >= raw.length) throw uriError('empty URI after the scheme');
    u.opaque = raw.slice(i);
  }
  return u;
}

function parseSip(u: SipUri, s: string, i: number): void {
  // userinfo runs to an '@' reached through userinfo characters only (';' '?' '/' ',' are
  // all legal in a user part, RFC 4475 3.1.1.2 intmeth and 3.1.1.9 semiuri).
  let j = i;
  while (j < s.length && USERINFO[s.charCodeAt(j)] === 1) j++;
  if (s.charCodeAt(j) === AT) {
    const colon = s.indexOf(':', i);
    if (colon >= 0 && colon < j) {
      u.user = s.slice(i, colon);
      u.password = s.slice(colon + 1, j);
    } else u.user = s.slice(i, j);
    if (u.user.length === 0) throw uriError('empty user part before @');
    i = j + 1;
  }
  const hs = i;
  if (s.charCodeAt(i) === LBRACKET) {
    const close = s.indexOf(']', i);
    if (close < 0) throw uriError('unterminated IPv6 reference');
    for (let k = i + 1; k < close; k++) {
      const c = s.charCodeAt(k);
      if (!(isDigit(c) || c === COLON || c === 0x2e || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66))) throw uriError('bad IPv6 reference');
    }
    i = close + 1;
  } else {
    while (i < s.length && HOSTNAME[s.charCodeAt(i)] === 1) i++;
  }
  if (i === hs || i - hs === 2 && s.charCodeAt(hs) === LBRACKET) throw uriError('missing host');
  u.host = s.slice(hs, i);
  if (s.charCodeAt(i) === COLON) {
    const ps = ++i;
    while (isDigit(s.charCodeAt(i))) i++;
    if (i === ps || i - ps > 5) throw uriError('bad port');
    const port = Number(s.slice(ps, i));
    if (port > 65535) throw uriError('port above 65535');
    u.port = port;
  }
  i = scanUriParams(u, s, i);
  if (s.charCodeAt(i) === QUESTION) i = scanUriHeaders(u, s, i + 1);
  if (i !== s.length) throw uriError(`unexpected '${s[i]}' in a SIP URI`);
}

function scanUriParams(u: SipUri, s: string, i: number): number {
  while (s.charCodeAt(i) === SEMI) {
    const ns = ++i;
    while (i < s.length && URI_PARAM[s.charCodeAt(i)] === 1) i++;
    if (i === ns) throw uriError('empty URI parameter');
    const name = s.slice(ns, i).toLowerCase();
    let value: string | null = null;
    if (s.charCodeAt(i) === EQUALS) {
      const vs = ++i;
      while (i < s.length && URI_PARAM[s.charCodeAt(i)] === 1) i++;
      if (i === vs) throw uriError(`URI parameter '${name}' has an empty value`);
      value = s.slice(vs, i);
    }
    if (u.params[name] === undefined) u.params[name] = value;
  }
  return i;
}

function scanUriHeaders(u: SipUri, s: string, i: number): number {
  for (;;) {
    const ns = i;
    while (i < s.length && URI_HEADER[s.charCodeAt(i)] === 1) i++;
    if (i === ns || s.charCodeAt(i) !== EQUALS) throw uriError('malformed URI header');
    const name = s.slice(ns, i);
    const vs = ++i;
    while (i < s.length && URI_HEADER[s.charCodeAt(i)] === 1) i++;
    u.headers[name] = s.slice(vs, i);
    if (s.charCodeAt(i) !== AMP) return i;
    i++;
  }
}

// RFC 3966 3: telephone-subscriber = global-number / local-number, then ;par parameters.
function parseTel(u: SipUri, s: string, i: number): void {
  const ns = i;
  if (s.charCodeAt(i) === 0x2b) i++; // '+'
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const hex = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66;
    if (isDigit(c) || hex || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29 || c === 0x2a || c === 0x23) i++;
    else break;
  }
  if (i === ns || (i === ns + 1 && s.charCodeAt(ns) === 0x2b)) throw uriError('tel URI without a number');
  u.user = s.slice(ns, i);
  i = scanUriParams(u, s, i);
  if (i !== s.length) throw uriError(`unexpected '${s[i]}' in a tel URI`);
}
