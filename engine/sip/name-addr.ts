// name-addr / addr-spec with header parameters: From, To, Contact, Route, Record-Route, Path,
// P-Associated-URI (RFC 3261 20.10, 20.20, 20.39, 25.1).
//   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
//   display-name = *(token LWS) / quoted-string
// Liberal where RFC 4475 asks for it: no LWS before '<' (3.1.1.6 lwsdisp), spaces inside
// the angle brackets are trimmed (3.1.2.14 badaspec), an addr-spec carrying '?headers'
// outside angle brackets is read as if enclosed (3.1.2.13 regbadct).
import { TOKEN, SCHEME, SP, HTAB, SEMI, COMMA, DQUOTE, LAQUOT, RAQUOT, COLON, isDigit } from './char-classes.js';
import { headerError } from './errors.js';
import { type Cursor, type Params, type ParamList, cursor, expectEnd, paramsRecord, findParam, quotedEnd, unquote, scanParams, skipWs, nextListElement, parseUint } from './params.js';
import { type SipUri, parseUri } from './uri.js';

export class NameAddr {
  // Declared, then set in the constructor: no per-object class-field initializer (hot path).
  /** Display name with quotes removed and quoted-pairs resolved; undefined when absent. */
  declare readonly displayName: string | undefined;
  /** The URI exactly as written, without the angle brackets. */
  declare readonly uri: string;
  /** Lower-case name of the header it came from (for error messages). */
  declare readonly header: string;
  declare private readonly list: ParamList;
  declare private parsed: SipUri | undefined;
  declare private record: Params | undefined;

  constructor(displayName: string | undefined, uri: string, list: ParamList, header: string) {
    this.displayName = displayName;
    this.uri = uri;
    this.list = list;
    this.header = header;
    this.parsed = undefined;
    this.record = undefined;
  }

  /** Header parameters (after the URI) by lower-case name (built on first use). */
  get params(): Params {
    return (this.record ??= paramsRecord(this.list));
  }

  /** Value of a header parameter: null when it has no value, undefined when absent. */
  param(name: string): string | null | undefined {
    return findParam(this.list, name.toLowerCase());
  }

  get tag(): string | undefined {
    return findParam(this.list, 'tag') ?? undefined;
  }

  /** The URI parsed (cached); throws SipParseError('SIP_BAD_URI') when malformed. */
  get parsedUri(): SipUri {
    return (this.parsed ??= parseUri(this.uri));
  }

  /** Contact `expires` parameter in seconds (RFC 3261 20.10), undefined when absent. */
  get expires(): number | undefined {
    const e = findParam(this.list, 'expires');
    return e == null ? undefined : parseUint(e, 0xffffffff, this.header, 'expires');
  }

  /** Contact `q` parameter, 0..1 with up to three decimals (RFC 3261 20.10 qvalue). */
  get q(): number | undefined {
    const q = findParam(this.list, 'q');
    if (q == null) return undefined;
    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    const ok = q.length <= 5 && (q[0] === '0' || q[0] === '1') && (q.length === 1 || q[1] === '.');
    let n = ok ? Number(q) : NaN;
    for (let k = 2; ok && k < q.length; k++) if (!isDigit(q.charCodeAt(k))) n = NaN;
    if (!(n >= 0 && n <= 1)) throw headerError(this.header, `q value '${q}' is not in 0..1`);
    return n;
  }
}

/** Parses one name-addr or addr-spec at the cursor, followed by its parameters. */
export function scanNameAddr(cur: Cursor, list: boolean): NameAddr {
  const { s, header, end } = cur;
  let i = skipWs(s, cur.i, end);
  if (i >= end) throw headerError(header, 'missing URI');
  let displayName: string | undefined;
  let c = s.charCodeAt(i);
  if (c === DQUOTE) {
    const e = quotedEnd(s, i, end, header);
    displayName = unquote(s.slice(i, e));
    i = skipWs(s, e, end);
    if (i >= end || s.charCodeAt(i) !== LAQUOT) throw headerError(header, "expected '<' after the display name");
  } else if (c !== LAQUOT) {
    let j = i;
    while (j < end && (TOKEN[(c = s.charCodeAt(j))] === 1 || c === SP || c === HTAB)) j++;
    if (j < end && s.charCodeAt(j) === LAQUOT) {
      let e = j;
      while (e > i && (s.charCodeAt(e - 1) === SP || s.charCodeAt(e - 1) === HTAB)) e--;
      if (e > i) displayName = s.slice(i, e);
      i = j;
    }
  }
  let uri: string;
  if (s.charCodeAt(i) === LAQUOT) {
    const gt = s.indexOf('>', i + 1);
    if (gt < 0 || gt >= end) throw headerError(header, "'<' without '>'");
    const us = skipWs(s, i + 1, gt);
    let ue = gt;
    while (ue > us && (s.charCodeAt(ue - 1) === SP || s.charCodeAt(ue - 1) === HTAB)) ue--;
    uri = s.slice(us, ue);
    i = gt + 1;
  } else {
    const us = i;
    while (i < end) {
      c = s.charCodeAt(i);
      if (c === SEMI || c === SP || c === HTAB || (c === COMMA && list)) break;
      if (c === LAQUOT || c === RAQUOT || c === DQUOTE || c < 0x21) throw headerError(header, 'bad character in an addr-spec');
      i++;
    }
    uri = s.slice(us, i);
  }
  checkScheme(uri, header);
  cur.i = i;
  const params: ParamList = [];
  scanParams(cur, params, list);
  return new NameAddr(displayName, uri, params, header);
}

/** A URI must at least be `scheme:something` (RFC 3986 3.1); the rest is checked on parse. */
function checkScheme(uri: string, header: string): void {
  const c0 = uri.charCodeAt(0) | 0x20;
  if (!(c0 >= 0x61 && c0 <= 0x7a)) throw headerError(header, 'URI without a scheme');
  let k = 1;
  while (k < uri.length && SCHEME[uri.charCodeAt(k)] === 1) k++;
  if (uri.charCodeAt(k) !== COLON || k + 1 >= uri.length) throw headerError(header, 'URI without a scheme');
  // The rest is checked when the URI is parsed (parsedUri, sanity): most readers need only the text.
}

/** A single name-addr header value (From, To): [start, end) of `s`, or all of it. */
export function parseNameAddrValue(s: string, header: string, start = 0, end = s.length): NameAddr {
  const cur = cursor(s, start, end, header);
  const na = scanNameAddr(cur, false);
  expectEnd(cur);
  return na;
}

/** Appends the elements of a comma-separated list of name-addrs (Contact, Route, Path...). */
export function parseNameAddrList(s: string, header: string, out: NameAddr[], start = 0, end = s.length): void {
  const cur = cursor(s, start, end, header);
  if (cur.i >= end) throw headerError(header, 'empty value');
  do out.push(scanNameAddr(cur, true));
  while (nextListElement(cur));
}
