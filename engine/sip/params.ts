// Scanning helpers shared by the header value parsers. They read a range [i, end) of a string:
// usually the message's own latin1 text (no copy, a flat string), or an unfolded or UTF-8
// decoded value string when the header needed that.
// generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string
// (RFC 3261 25.1). Names are lower-cased (parameter names are case-insensitive); values are
// kept as written, quotes included, so nothing is lost when a value is copied elsewhere.
import { TOKEN, GEN_VALUE, SP, HTAB, SEMI, COMMA, EQUALS, DQUOTE, BACKSLASH } from './char-classes.js';
import { headerError } from './errors.js';

/** Parameters by lower-case name; null for a parameter without a value. Nothing is
 * inherited, so a parameter called `__proto__` or `constructor` is just a parameter. */
export type Params = Record<string, string | null>;

// Instances of a constructor whose prototype is a null-prototype object: no inherited keys,
// yet V8 keeps them in fast mode, unlike Object.create(null) dictionaries (9x slower to fill).
const ParamsObject = function ParamsObject(this: Params) {} as unknown as new () => Params;
ParamsObject.prototype = Object.create(null) as object;

export function newParams(): Params {
  return new ParamsObject();
}

/** A cursor over one header value: the string, the value's end, and where the last scan stopped. */
export interface Cursor {
  s: string;
  i: number;
  end: number;
  header: string;
}

export function cursor(s: string, start: number, end: number, header: string): Cursor {
  return { s, i: skipWs(s, start, end), end, header };
}

export function skipWs(s: string, i: number, end: number): number {
  let c: number;
  while (i < end && ((c = s.charCodeAt(i)) === SP || c === HTAB)) i++;
  return i;
}

/** Index just after the closing quote of the quoted-string that opens at `i`. */
export function quotedEnd(s: string, i: number, end: number, header: string): number {
  let j = i + 1;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0 || q >= end) throw headerError(header, 'unterminated quoted string');
    const b = s.indexOf('\\', j);
    if (b < 0 || b > q) return q + 1;
    j = b + 2; // quoted-pair: any octet but CR/LF, NUL included (RFC 4475 3.1.1.2)
  }
}

/** The text of a quoted-string without its quotes and with quoted-pairs resolved. */
export function unquote(s: string): string {
  if (s.length < 2 || s.charCodeAt(0) !== DQUOTE) return s;
  const inner = s.slice(1, -1);
  if (inner.indexOf('\\') < 0) return inner;
  let out = '';
  for (let j = 0; j < inner.length; j++) {
    if (inner.charCodeAt(j) === BACKSLASH && j + 1 < inner.length) j++;
    out += inner[j];
  }
  return out;
}

export function scanToken(cur: Cursor, what: string): string {
  const { s, end } = cur;
  const start = cur.i;
  let i = start;
  while (i < end && TOKEN[s.charCodeAt(i)] === 1) i++;
  if (i === start) throw headerError(cur.header, `expected ${what}`);
  cur.i = i;
  return s.slice(start, i);
}

/** Parameters as scanned: name, value, name, value... (names lower-cased, values as written).
 * Kept flat so the hot path makes no keyed stores with dynamic names; `paramsRecord` builds
 * the record view when someone asks for it. */
export type ParamList = (string | null)[];

/** Value of the first parameter called `name` (lower-case): null when it has no value, undefined when absent. */
export function findParam(list: ParamList, name: string): string | null | undefined {
  for (let k = 0; k < list.length; k += 2) if (list[k] === name) return list[k + 1];
  return undefined;
}

export function paramsRecord(list: ParamList): Params {
  const out = newParams();
  // A repeated parameter keeps its first value, as the first is what a forwarder reads.
  for (let k = 0; k < list.length; k += 2) if (out[list[k]!] === undefined) out[list[k]!] = list[k + 1];
  return out;
}

/**
 * Reads `*( SEMI generic-param )` into `out`, stopping at the end or, when `list` is set, at a
 * comma separating list elements. An empty parameter (`;;`, RFC 4475 3.1.2.1) is an error.
 */
export function scanParams(cur: Cursor, out: ParamList, list: boolean): void {
  const { s } = cur;
  const len = cur.end;
  let i = cur.i;
  for (;;) {
    i = skipWs(s, i, len);
    if (i >= len) break;
    let c = s.charCodeAt(i);
    if (c === COMMA && list) break;
    if (c !== SEMI) throw headerError(cur.header, `unexpected '${s[i]}' where a ';' parameter was expected`);
    i = skipWs(s, i + 1, len);
    const ns = i;
    let upper = false;
    while (i < len && TOKEN[(c = s.charCodeAt(i))] === 1) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
      i++;
    }
    if (i === ns) throw headerError(cur.header, 'empty or malformed parameter');
    // toLowerCase is a call into the runtime even when nothing changes: only when needed.
    const name = upper ? s.slice(ns, i).toLowerCase() : commonParamName(s, ns, i) ?? s.slice(ns, i);
    i = skipWs(s, i, len);
    let value: string | null = null;
    if (i < len && s.charCodeAt(i) === EQUALS) {
      i = skipWs(s, i + 1, len);
      c = i < len ? s.charCodeAt(i) : -1;
      if (c === DQUOTE) {
        const e = quotedEnd(s, i, len, cur.header);
        value = s.slice(i, e);
        i = e;
      } else {
        const vs = i;
        while (i < len && GEN_VALUE[s.charCodeAt(i)] === 1) i++;
        if (i === vs) throw headerError(cur.header, `parameter '${name}' has an empty value`);
        value = s.slice(vs, i);
      }
    }
    out.push(name, value);
  }
  cur.i = i;
}

/** The parameters nearly every message carries, returned as constants instead of new slices. */
function commonParamName(s: string, start: number, end: number): string | undefined {
  switch (end - start) {
    case 1: return s.charCodeAt(start) === 0x71 ? 'q' : undefined;
    case 2: return s.startsWith('lr', start) ? 'lr' : undefined;
    case 3: return s.startsWith('tag', start) ? 'tag' : undefined;
    case 5: return s.startsWith('rport', start) ? 'rport' : undefined;
    case 6: return s.startsWith('branch', start) ? 'branch' : undefined;
    case 7: return s.startsWith('expires', start) ? 'expires' : undefined;
    case 8: return s.startsWith('received', start) ? 'received' : undefined;
    case 9: return s.startsWith('transport', start) ? 'transport' : undefined;
    default: return undefined;
  }
}

/** Moves past a list separator: returns true when another element follows. */
export function nextListElement(cur: Cursor): boolean {
  const i = skipWs(cur.s, cur.i, cur.end);
  if (i >= cur.end) {
    cur.i = i;
    return false;
  }
  if (cur.s.charCodeAt(i) !== COMMA) throw headerError(cur.header, `unexpected '${cur.s[i]}' after a list element`);
  cur.i = skipWs(cur.s, i + 1, cur.end);
  if (cur.i >= cur.end) throw headerError(cur.header, 'empty list element after a comma');
  return true;
}

/** Throws unless only LWS is left before the end. */
export function expectEnd(cur: Cursor): void {
  const i = skipWs(cur.s, cur.i, cur.end);
  if (i < cur.end) throw headerError(cur.header, `unexpected '${cur.s[i]}' after the value`);
}

/** Unsigned decimal with an upper bound; throws on anything else (RFC 4475 3.1.2.4 overlarge values). */
export function parseUint(text: string, max: number, header: string, what: string): number {
  if (text.length === 0 || text.length > 15) throw headerError(header, `${what} is not a number in 0..${max}`);
  let n = 0;
  for (let j = 0; j < text.length; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) throw headerError(header, `${what} is not a decimal number`);
    n = n * 10 + d;
  }
  if (n > max) throw headerError(header, `${what} ${text} exceeds ${max}`);
  return n;
}
