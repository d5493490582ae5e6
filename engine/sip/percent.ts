// %HH escapes (RFC 3261 19.1.2, RFC 3986 2.1). Decoding is for comparison and display only:
// the wire form is always kept. A '%' not followed by two hex digits stays literal (RFC 4475
// 3.1.1.5: '%' is not always an escape), and %00 decodes to NUL without truncating (3.1.1.4).

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

export function unescapePercent(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length) {
      const h = hexValue(s.charCodeAt(i + 1));
      const l = hexValue(s.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) {
        bytes.push(h * 16 + l);
        i += 2;
        continue;
      }
    }
    if (c < 0x80) bytes.push(c);
    else for (const b of Buffer.from(s[i], 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

const HEX = '0123456789ABCDEF';

/** Escapes every character of `s` outside `allowed` (a char-class table) as %HH of its UTF-8 bytes. */
export function escapePercent(s: string, allowed: Uint8Array): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    if (allowed[b] === 1 && b !== 0x25) out += String.fromCharCode(b);
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}
