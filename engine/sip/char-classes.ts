// Character classes of RFC 3261 section 25.1 as lookup tables indexed by char code, so the
// scanners test a character with one array read instead of a regex or a chain of compares.

function table(chars: string, ranges: [number, number][] = []): Uint8Array {
  const t = new Uint8Array(256);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) t[c] = 1;
  return t;
}

const ALNUM: [number, number][] = [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]];

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~", ALNUM);

/** Characters allowed in a SIP URI user part or password, escapes included (25.1 userinfo). */
export const USERINFO = table("-_.!~*'()%&=+$,;?/:", ALNUM);

/** Host names, IPv4 addresses (25.1 hostname / IPv4address). */
export const HOSTNAME = table('-.', ALNUM);

/** paramchar: unreserved / escaped / param-unreserved ("[" / "]" / "/" / ":" / "&" / "+" / "$"). */
export const URI_PARAM = table("-_.!~*'()%[]/:&+$", ALNUM);

/** hname / hvalue characters of URI headers (hnv-unreserved / unreserved / escaped). */
export const URI_HEADER = table("-_.!~*'()%[]/?:+$", ALNUM);

/** Header parameter values: token / host (IPv6 references) (25.1 gen-value). */
export const GEN_VALUE = table("-.!%*_+`'~[]:", ALNUM);

/** URI scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 3.1). */
export const SCHEME = table('+-.', ALNUM);

export const SP = 0x20;
export const HTAB = 0x09;
export const CR = 0x0d;
export const LF = 0x0a;
export const COLON = 0x3a;
export const SEMI = 0x3b;
export const COMMA = 0x2c;
export const EQUALS = 0x3d;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LAQUOT = 0x3c;
export const RAQUOT = 0x3e;
export const SLASH = 0x2f;
export const AT = 0x40;
export const QUESTION = 0x3f;
export const AMP = 0x26;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const PERCENT = 0x25;

export function isWs(c: number): boolean {
  return c === SP || c === HTAB;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
