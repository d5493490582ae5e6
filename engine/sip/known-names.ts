// Recognising common header names without making a string or a pass to validate them: one
// Map lookup by first character and length, one case-folding compare. Other names are checked
// to be tokens and take the general path in compact-names.ts (a slice, a Map lookup).
import { normalizeHeaderName, canonicalHeaderName } from './compact-names.js';

const NAMES = [
  'via', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length', 'content-type', 'max-forwards',
  'expires', 'min-expires', 'route', 'record-route', 'path', 'allow', 'supported', 'require',
  'proxy-require', 'unsupported', 'user-agent', 'server', 'event', 'allow-events', 'subscription-state',
  'sip-etag', 'sip-if-match', 'date', 'subject', 'accept', 'accept-encoding', 'accept-language',
  'authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate', 'authentication-info',
  'session-expires', 'min-se', 'p-associated-uri', 'p-asserted-identity', 'p-preferred-identity',
  'privacy', 'content-encoding', 'content-disposition', 'mime-version', 'organization', 'priority',
  'timestamp', 'warning', 'retry-after', 'refer-to', 'referred-by', 'reason', 'rseq', 'rack',
  'identity', 'in-reply-to', 'reply-to', 'alert-info', 'call-info', 'error-info', 'x-forwarded-for',
  // compact forms (RFC 3261 7.3.3 and extensions)
  'a', 'b', 'c', 'd', 'e', 'f', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'r', 's', 't', 'u', 'v', 'x', 'y',
];

interface Known {
  spelled: string;
  full: string;
  /** Spellings seen on the wire (canonical, lower-case, then learned), tried with startsWith. */
  variants: string[];
  next: Known | undefined;
}

/** Key: folded first character and length (< 64), which already tells most names apart. */
function key(first: number, length: number): number {
  return ((first | 0x20) & 0x7f) * 64 + length;
}

// A plain array indexed by key: one element load, no hashing.
const table: (Known | undefined)[] = new Array<Known | undefined>(128 * 64).fill(undefined);
for (const spelled of NAMES) {
  const k = key(spelled.charCodeAt(0), spelled.length);
  const full = normalizeHeaderName(spelled);
  const canonical = spelled.length === 1 ? spelled.toUpperCase() : canonicalHeaderName(full);
  table[k] = { spelled, full, variants: [canonical, spelled], next: table[k] };
}

const MAX_VARIANTS = 4;

/**
 * Full lower-case name of the header name at [start, end) of `t` when it is a known one
 * (any case), else undefined. A match is a valid token by construction. Most names arrive in
 * one of a few spellings, so a builtin startsWith usually decides without a per-char loop.
 */
export function knownHeaderName(t: string, start: number, end: number): string | undefined {
  const len = end - start;
  if (len > 63) return undefined;
  for (let k = table[key(t.charCodeAt(start), len)]; k !== undefined; k = k.next) {
    const v = k.variants;
    for (let j = 0; j < v.length; j++) if (t.startsWith(v[j], start)) return k.full;
    const s = k.spelled;
    let i = 0;
    for (; i < len; i++) {
      const e = s.charCodeAt(i);
      const c = t.charCodeAt(start + i);
      // Case-fold letters only: '-' | 0x20 would also match CR.
      if (c !== e && !(e >= 0x61 && (c | 0x20) === e)) break;
    }
    if (i === len) {
      if (v.length < MAX_VARIANTS) v.push(t.slice(start, end));
      return k.full;
    }
  }
  return undefined;
}
