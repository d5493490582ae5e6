// Splitting a header value at the commas that separate list elements (RFC 3261 7.3.1), not at
// commas inside quoted strings or <...> (a URI may contain commas, RFC 4475 3.1.1.2).
import { COMMA, DQUOTE, BACKSLASH, LAQUOT, RAQUOT } from './char-classes.js';
import { skipWs } from './params.js';

export function splitHeaderList(value: string, out: string[]): void {
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === BACKSLASH) i++;
      else if (c === DQUOTE) inQuote = false;
    } else if (c === DQUOTE) inQuote = true;
    else if (c === LAQUOT) inAngle = true;
    else if (c === RAQUOT) inAngle = false;
    else if (c === COMMA && !inAngle) {
      push(value, start, i, out);
      start = i + 1;
    }
  }
  push(value, start, value.length, out);
}

function push(value: string, s: number, e: number, out: string[]): void {
  s = skipWs(value, s, value.length);
  while (e > s && (value.charCodeAt(e - 1) === 0x20 || value.charCodeAt(e - 1) === 0x09)) e--;
  if (e > s) out.push(value.slice(s, e));
}
