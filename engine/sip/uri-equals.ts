// URI equality, RFC 3261 19.1.4: scheme must match; userinfo compares case-sensitively, the
// rest case-insensitively, all after unescaping; an explicit port never equals an absent one;
// user, ttl, method and maddr (and transport, per the section's own example
// "sip:bob@biloxi.com" != "sip:bob@biloxi.com;transport=udp") must be in both or neither;
// other parameters count only when in both; URI headers must all match.
// tel URIs compare by number without visual separators (RFC 3966 4); other schemes exactly.
import { type SipUri, parseUri } from './uri.js';
import { unescapePercent } from './percent.js';

const MUST_MATCH = ['user', 'ttl', 'method', 'maddr', 'transport'];

/** Whether two URIs are equivalent; an unparseable URI equals nothing. */
export function uriEquals(a: SipUri | string, b: SipUri | string): boolean {
  let ua: SipUri;
  let ub: SipUri;
  try {
    ua = typeof a === 'string' ? parseUri(a) : a;
    ub = typeof b === 'string' ? parseUri(b) : b;
  } catch {
    return false;
  }
  if (ua.scheme !== ub.scheme) return false;
  if (ua.scheme === 'tel') return telNumber(ua) === telNumber(ub) && sameParams(ua, ub, true);
  if (ua.opaque !== undefined || ub.opaque !== undefined) return ua.opaque === ub.opaque;
  if (ua.userUnescaped !== ub.userUnescaped || ua.passwordUnescaped !== ub.passwordUnescaped) return false;
  if (ua.host.toLowerCase() !== ub.host.toLowerCase() || ua.port !== ub.port) return false;
  return sameParams(ua, ub, false) && sameHeaders(ua, ub);
}

function telNumber(u: SipUri): string {
  let out = '';
  for (const ch of u.user ?? '') if (ch !== '-' && ch !== '.' && ch !== '(' && ch !== ')') out += ch.toLowerCase();
  return out;
}

function lowerValues(u: SipUri): Record<string, string | null> {
  const p = u.paramsUnescaped;
  for (const k in p) p[k] = p[k]?.toLowerCase() ?? null;
  return p;
}

function sameParams(a: SipUri, b: SipUri, all: boolean): boolean {
  const pa = lowerValues(a);
  const pb = lowerValues(b);
  for (const k in pa) {
    if (k in pb) {
      if (pa[k] !== pb[k]) return false;
    } else if (all || MUST_MATCH.includes(k)) return false;
  }
  for (const k in pb) if (!(k in pa) && (all || MUST_MATCH.includes(k))) return false;
  return true;
}

function sameHeaders(a: SipUri, b: SipUri): boolean {
  const ha = headerMap(a);
  const hb = headerMap(b);
  if (ha.size !== hb.size) return false;
  for (const [k, v] of ha) if (hb.get(k) !== v) return false;
  return true;
}

function headerMap(u: SipUri): Map<string, string> {
  const m = new Map<string, string>();
  for (const k in u.headers) m.set(unescapePercent(k).toLowerCase(), unescapePercent(u.headers[k]));
  return m;
}
