// One pass over the header section: finds every header line's name, value bounds and line
// bounds (RFC 3261 7.3), unfolding nothing and decoding nothing but the name. Values stay
// offsets into the message until an accessor asks for them. The scan runs over the latin1
// text of the message (one char per byte, so offsets are byte offsets). Content-Length is the
// one value read here, because the body's bounds depend on it (RFC 3261 18.3, 20.14).
import { TOKEN, SP, HTAB, CR, LF, isDigit } from './char-classes.js';
import { knownHeaderName } from './known-names.js';
import { normalizeHeaderName } from './compact-names.js';
import { SipParseError } from './errors.js';

/** Per header line, five numbers in `HeaderIndex.offs`: */
export const LINE_START = 0; // first byte of the name
export const VALUE_START = 1; // first byte of the value (leading LWS skipped)
export const VALUE_END = 2; // after the last non-LWS byte of the value
export const LINE_NEXT = 3; // first byte of the following line
export const FOLDED = 4; // 1 when the value spans continuation lines
export const STRIDE = 5;

export interface HeaderIndex {
  /** Full lower-case name of each header line (compact forms expanded). */
  names: string[];
  offs: number[];
  /** First byte after the empty line that ends the headers. */
  bodyStart: number;
  /** Offset of the empty line itself (where headers may be appended). */
  headersEnd: number;
  /** Content-Length value, or -1 when the header is absent. */
  contentLength: number;
}

// Packed arrays of strings and small integers; Array#slice copies them cheaply, where a typed
// array's slice would allocate a new backing store.
const scratchNames: string[] = [];
const scratchOffs: number[] = [];
for (let k = 0; k < 64 * STRIDE; k++) scratchOffs.push(0);
for (let k = 0; k < 64; k++) scratchNames.push('');

export interface HeaderLimits {
  maxHeaders: number;
  maxLineBytes: number;
}

export function scanHeaders(t: string, start: number, end: number, limits: HeaderLimits): HeaderIndex {
  // Growing two arrays line by line reallocates them several times; filling shared scratch
  // arrays and copying once at the end does not. Safe: scanning is synchronous.
  const names = scratchNames;
  const offs = scratchOffs;
  let n = 0;
  let contentLength = -1;
  let p = start;
  for (;;) {
    if (p >= end) throw new SipParseError('SIP_INCOMPLETE', 'the headers are not followed by an empty line', { offset: p });
    let c = t.charCodeAt(p);
    if (c === LF || (c === CR && t.charCodeAt(p + 1) === LF)) {
      return { names: names.slice(0, n), offs: offs.slice(0, n * STRIDE), bodyStart: c === LF ? p + 1 : p + 2, headersEnd: p, contentLength };
    }
    if (n >= limits.maxHeaders) {
      throw new SipParseError('SIP_TOO_MANY_HEADERS', `more than ${limits.maxHeaders} header lines`, { offset: p });
    }

    const lineStart = p;
    // Both searches are V8 string builtins: far cheaper per char than a JS loop.
    let lf = t.indexOf('\n', p);
    if (lf < 0 || lf >= end) throw new SipParseError('SIP_INCOMPLETE', 'header line without a line end', { offset: p });
    const colon = t.indexOf(':', p);
    let nameEnd = colon < 0 || colon > lf ? lineStart : colon;
    while (nameEnd > lineStart && ((c = t.charCodeAt(nameEnd - 1)) === SP || c === HTAB)) nameEnd--;
    if (nameEnd === lineStart) {
      c = t.charCodeAt(lineStart);
      const why = c === SP || c === HTAB ? 'continuation line without a header before it' : colon < 0 || colon > lf ? 'header line without a colon' : 'empty header name';
      throw new SipParseError('SIP_BAD_HEADER', why, { offset: p });
    }
    let name = knownHeaderName(t, lineStart, nameEnd);
    if (name === undefined) {
      for (let q = lineStart; q < nameEnd; q++) {
        if (TOKEN[t.charCodeAt(q)] !== 1) throw new SipParseError('SIP_BAD_HEADER', 'header name is not a token', { offset: q });
      }
      name = normalizeHeaderName(t.slice(lineStart, nameEnd));
    }
    p = colon + 1;

    // The value runs to the line end, plus every following line that starts with SP/HTAB (folding).
    let folded = 0;
    for (;;) {
      c = t.charCodeAt(lf + 1);
      if (c !== SP && c !== HTAB) break;
      folded = 1;
      lf = t.indexOf('\n', lf + 1);
      if (lf < 0 || lf >= end) throw new SipParseError('SIP_INCOMPLETE', 'header line without a line end', { offset: p });
    }
    const next = lf + 1;
    if (next - lineStart > limits.maxLineBytes) {
      throw new SipParseError('SIP_TOO_LARGE', `header line longer than ${limits.maxLineBytes} bytes`, { offset: lineStart });
    }
    let ve = t.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    let vs = colon + 1;
    while (vs < ve && ((c = t.charCodeAt(vs)) === SP || c === HTAB || c === CR || c === LF)) vs++;
    while (ve > vs && ((c = t.charCodeAt(ve - 1)) === SP || c === HTAB)) ve--;

    if (name === 'content-length') {
      if (contentLength >= 0) throw new SipParseError('SIP_CONTENT_LENGTH', 'Content-Length appears more than once', { offset: lineStart });
      contentLength = readContentLength(t, vs, ve);
    }
    names[n] = name;
    const o = n * STRIDE;
    offs[o] = lineStart;
    offs[o + 1] = vs;
    offs[o + 2] = ve;
    offs[o + 3] = next;
    offs[o + 4] = folded;
    n++;
    p = next;
  }
}

function readContentLength(t: string, vs: number, ve: number): number {
  if (ve === vs) throw new SipParseError('SIP_CONTENT_LENGTH', 'empty Content-Length', { offset: vs });
  // 9 digits are far above any message we accept; more could lose precision or overflow.
  if (ve - vs > 9) throw new SipParseError('SIP_CONTENT_LENGTH', 'Content-Length too large', { offset: vs });
  let n = 0;
  for (let q = vs; q < ve; q++) {
    const d = t.charCodeAt(q);
    if (!isDigit(d)) throw new SipParseError('SIP_CONTENT_LENGTH', 'Content-Length is not a decimal number', { offset: q });
    n = n * 10 + d - 48;
  }
  return n;
}
