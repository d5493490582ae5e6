// Checks on text that we are about to write into a message: a header value or a start-line
// element with CR or LF in it would let a caller inject headers, so it is refused.
import { TOKEN } from './char-classes.js';
import { SipParseError } from './errors.js';

/** A list of headers to write, as pairs (order and repeats kept) or as a record. */
export type HeaderList = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;

export function headerPairs(h: HeaderList | undefined): ReadonlyArray<readonly [string, string]> {
  if (!h) return [];
  return Array.isArray(h) ? (h as ReadonlyArray<readonly [string, string]>) : Object.entries(h);
}

export function checkHeaderName(name: string): void {
  if (name.length === 0) throw new SipParseError('SIP_BAD_EDIT', 'empty header name');
  for (let i = 0; i < name.length; i++) {
    if (TOKEN[name.charCodeAt(i)] !== 1) throw new SipParseError('SIP_BAD_EDIT', `header name '${name}' is not a token`);
  }
}

export function checkHeaderValue(name: string, value: string): void {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0) throw new SipParseError('SIP_BAD_EDIT', `CR, LF or NUL in the value of ${name}`);
  }
}

export function checkToken(what: string, text: string): void {
  if (text.length === 0) throw new SipParseError('SIP_BAD_EDIT', `empty ${what}`);
  for (let i = 0; i < text.length; i++) {
    if (TOKEN[text.charCodeAt(i)] !== 1) throw new SipParseError('SIP_BAD_EDIT', `${what} '${text}' is not a token`);
  }
}

/** A URI for a start line: visible ASCII only, no SP (RFC 3261 25.1 Request-URI). */
export function checkRequestUri(uri: string): void {
  if (uri.length === 0) throw new SipParseError('SIP_BAD_EDIT', 'empty Request-URI');
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) throw new SipParseError('SIP_BAD_EDIT', 'Request-URI with a space or non-ASCII character');
  }
}
