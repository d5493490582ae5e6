// The first line of a message (RFC 3261 7.1 Request-Line, 7.2 Status-Line), scanned byte by
// byte over the latin1 text of the Buffer (one char per byte, so offsets are byte offsets). Deliberately liberal in two places RFC 4475 allows it: runs of SP
// between the elements (3.1.2.9 lwsstart) and SP before the line end (3.1.2.10 trws), as
// OpenSIPS does. Everything else is strict: the Request-URI must be one run of visible
// characters that starts with a scheme (3.1.2.7 ltgtruri, 3.1.2.8 lwsruri), the version must
// be SIP/2.0 (3.1.2.16 badvers) and the status code three digits (3.1.2.19 bigcode).
import { SCHEME, TOKEN, SP, CR, LF, COLON, isDigit } from './char-classes.js';
import { SipParseError } from './errors.js';

export interface StartLine {
  isRequest: boolean;
  /** Request method as written (case-sensitive, RFC 3261 7.1); '' for responses. */
  method: string;
  uriStart: number;
  uriEnd: number;
  status: number;
  reasonStart: number;
  reasonEnd: number;
  /** Offset of the first byte of the line (after any leading empty lines, RFC 3261 7.5). */
  lineStart: number;
  /** Offset of the first byte after the line's LF. */
  next: number;
}

function bad(reason: string, offset: number): SipParseError {
  return new SipParseError('SIP_BAD_START_LINE', reason, { offset });
}

/** Matches `SIP/2.0` at `p` (ABNF literals are case-insensitive); returns the end or -1. */
function sipVersionEnd(t: string, p: number, end: number): number {
  if (p + 7 > end) return -1;
  if ((t.charCodeAt(p) | 0x20) !== 0x73 || (t.charCodeAt(p + 1) | 0x20) !== 0x69 || (t.charCodeAt(p + 2) | 0x20) !== 0x70) return -1;
  if (t.charCodeAt(p + 3) !== 0x2f) return -1;
  if (t.charCodeAt(p + 4) !== 0x32 || t.charCodeAt(p + 5) !== 0x2e || t.charCodeAt(p + 6) !== 0x30) {
    // SIP/<digits>.<digits> with another number is a version we do not speak: 505, not 400.
    let q = p + 4;
    while (q < end && isDigit(t.charCodeAt(q))) q++;
    if (q > p + 4 && t.charCodeAt(q) === 0x2e && isDigit(t.charCodeAt(q + 1))) {
      throw new SipParseError('SIP_BAD_VERSION', 'unsupported SIP version', { offset: p });
    }
    return -1;
  }
  return p + 7;
}

export function parseStartLine(t: string, from: number, limit: number): StartLine {
  let p = from;
  // RFC 3261 7.5: empty lines before the start line are ignored (stream keep-alives).
  while (p < limit && (t.charCodeAt(p) === CR || t.charCodeAt(p) === LF)) p++;
  const lineStart = p;
  let lf = t.indexOf('\n', p);
  if (lf < 0 || lf >= limit) {
    if (p >= limit) throw bad('empty message', p);
    throw new SipParseError('SIP_INCOMPLETE', 'no line end after the start line', { offset: p });
  }
  const end = t.charCodeAt(lf - 1) === CR ? lf - 1 : lf; // bare LF tolerated
  let lineEnd = end;
  while (lineEnd > p && t.charCodeAt(lineEnd - 1) === SP) lineEnd--; // trailing SP (trws)

  if (sipVersionEnd(t, p, lineEnd) === p + 7 && (p + 7 === lineEnd || t.charCodeAt(p + 7) === SP)) {
    return parseStatusLine(t, p + 7, lineEnd, end, lineStart, lf + 1);
  }

  const methodStart = p;
  while (p < lineEnd && TOKEN[t.charCodeAt(p)] === 1) p++;
  if (p === methodStart) throw bad('request method is not a token', p);
  if (t.charCodeAt(p) !== SP) throw bad('expected SP after the method', p);
  const method = t.slice(methodStart, p);
  while (t.charCodeAt(p) === SP) p++;

  const uriStart = p;
  if (!((t.charCodeAt(p) | 0x20) >= 0x61 && (t.charCodeAt(p) | 0x20) <= 0x7a)) throw bad('Request-URI must start with a scheme', p);
  while (p < lineEnd && SCHEME[t.charCodeAt(p)] === 1) p++;
  if (t.charCodeAt(p) !== COLON) throw bad('Request-URI must start with a scheme', p);
  // The URI's characters are checked when it is parsed (requestUri, sanity); here only its end.
  p = t.indexOf(' ', p);
  if (p < 0 || p >= lineEnd) throw bad('no SIP version after the Request-URI', lineEnd);
  const uriEnd = p;
  while (t.charCodeAt(p) === SP) p++;

  const v = sipVersionEnd(t, p, lineEnd);
  if (v < 0 || v !== lineEnd) throw bad('expected SIP/2.0 at the end of the request line', p);
  return { isRequest: true, method, uriStart, uriEnd, status: 0, reasonStart: 0, reasonEnd: 0, lineStart, next: lf + 1 };
}

function parseStatusLine(t: string, p: number, lineEnd: number, end: number, lineStart: number, next: number): StartLine {
  while (t.charCodeAt(p) === SP) p++;
  const codeStart = p;
  while (p < lineEnd && isDigit(t.charCodeAt(p))) p++;
  if (p - codeStart !== 3) throw new SipParseError('SIP_BAD_STATUS', 'status code must be three digits', { offset: codeStart });
  const status = (t.charCodeAt(codeStart) - 48) * 100 + (t.charCodeAt(codeStart + 1) - 48) * 10 + (t.charCodeAt(codeStart + 2) - 48);
  if (status < 100 || status > 699) throw new SipParseError('SIP_BAD_STATUS', 'status code outside 100..699', { offset: codeStart });
  if (p < lineEnd && t.charCodeAt(p) !== SP) throw bad('expected SP after the status code', p);
  // Reason-Phrase may be empty (RFC 4475 3.1.1.13 noreason) and may hold UTF-8 (3.1.1.12).
  let reasonStart = p < lineEnd ? p + 1 : p;
  if (reasonStart > end) reasonStart = end;
  for (let q = reasonStart; q < lineEnd; q++) {
    const c = t.charCodeAt(q);
    if (c === CR || (c < SP && c !== 0x09)) throw bad('control character in the reason phrase', q);
  }
  return { isRequest: false, method: '', uriStart: 0, uriEnd: 0, status, reasonStart, reasonEnd: lineEnd, lineStart, next };
}
