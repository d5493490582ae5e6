// Comma-separated token lists: Supported, Require, Proxy-Require, Unsupported, Allow,
// Allow-Events (RFC 3261 20.5, 20.32, 20.29, 20.37, 20.40; RFC 6665 8.2.2). Empty headers are
// legal for Supported/Allow ("Supported:" means none), so an empty value yields nothing.
import { TOKEN, COMMA } from './char-classes.js';
import { headerError } from './errors.js';
import { skipWs } from './params.js';

export function parseTokenList(value: string, header: string, out: string[]): void {
  let i = skipWs(value, 0, value.length);
  if (i >= value.length) return;
  for (;;) {
    const s = i;
    while (i < value.length && TOKEN[value.charCodeAt(i)] === 1) i++;
    if (i === s) throw headerError(header, 'expected a token in the list');
    out.push(value.slice(s, i));
    i = skipWs(value, i, value.length);
    if (i >= value.length) return;
    if (value.charCodeAt(i) !== COMMA) throw headerError(header, `unexpected '${value[i]}' in a token list`);
    i = skipWs(value, i + 1, value.length);
  }
}
