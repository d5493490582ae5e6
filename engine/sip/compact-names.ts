// Header names: compact forms and the canonical spelling used when we write a header.
// Names are case-insensitive (RFC 3261 7.3.1); the parser stores every name as its full
// lower-case form once per header line, so lookups compare interned strings.

/** Compact forms: RFC 3261 7.3.3 and the extensions that registered one with IANA. */
const COMPACT: Record<string, string> = {
  a: 'accept-contact', // RFC 3841
  b: 'referred-by', // RFC 3892
  c: 'content-type',
  d: 'request-disposition', // RFC 3841
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact', // RFC 3841
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info', // RFC 4474
  o: 'event', // RFC 6665
  r: 'refer-to', // RFC 3515
  s: 'subject',
  t: 'to',
  u: 'allow-events', // RFC 6665
  v: 'via',
  x: 'session-expires', // RFC 4028
  y: 'identity', // RFC 8224
};

/** Wire spelling for names whose capitalisation is not plain Title-Case. */
const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
  'mime-version': 'MIME-Version',
  'p-associated-uri': 'P-Associated-URI',
  'p-asserted-identity': 'P-Asserted-Identity',
  'p-preferred-identity': 'P-Preferred-Identity',
  'rack': 'RAck',
  'rseq': 'RSeq',
};

// Raw spelling -> lower-case full name. Bounded so that a stream of invented names cannot
// grow it without limit; a miss only costs a toLowerCase.
const seen = new Map<string, string>();
const SEEN_MAX = 2048;

/** Full lower-case name for a header name as written on the wire (any case, compact or not). */
export function normalizeHeaderName(raw: string): string {
  const hit = seen.get(raw);
  if (hit !== undefined) return hit;
  const lower = raw.toLowerCase();
  const full = (lower.length === 1 ? COMPACT[lower] : undefined) ?? lower;
  if (seen.size < SEEN_MAX) seen.set(raw, full);
  return full;
}

/** The spelling we write for a header name (`call-id` -> `Call-ID`, `v` -> `Via`). */
export function canonicalHeaderName(name: string): string {
  const full = normalizeHeaderName(name);
  const special = CANONICAL[full];
  if (special) return special;
  let out = '';
  let up = true;
  for (let i = 0; i < full.length; i++) {
    const ch = full[i];
    out += up ? ch.toUpperCase() : ch;
    up = ch === '-';
  }
  return out;
}
