// Decoding byte ranges to strings. Node's Buffer has latin1Slice/utf8Slice (what toString
// calls after argument checks) but @types/node does not declare them; these wrappers keep
// the cast in one place. Names and structural tokens are ASCII, so latin1 is exact for them;
// values meant for people (display names, reason phrases, unknown headers) decode as UTF-8.

interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

export function latin1(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as FastSlices).latin1Slice(start, end);
}

export function utf8(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as FastSlices).utf8Slice(start, end);
}

/** A folded value as one line: each CRLF (or LF), the SP/HTAB run after it and any before it
 * become one SP (RFC 3261 7.3.1: LWS folding is equivalent to a single SP). */
export function unfold(v: string): string {
  let out = '';
  let from = 0;
  for (let p = v.indexOf('\n'); p >= 0; p = v.indexOf('\n', p + 1)) {
    let keep = p;
    while (keep > from && (v.charCodeAt(keep - 1) === 0x20 || v.charCodeAt(keep - 1) === 0x09 || v.charCodeAt(keep - 1) === 0x0d)) keep--;
    let q = p + 1;
    while (v.charCodeAt(q) === 0x20 || v.charCodeAt(q) === 0x09) q++;
    out += v.slice(from, keep) + ' ';
    from = q;
    p = q - 1;
  }
  return out + v.slice(from);
}

/** Whether a latin1 text range holds bytes above 0x7f (so the bytes should be read as UTF-8). */
export function hasHighBytes(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (t.charCodeAt(i) > 0x7f) return true;
  return false;
}
