// Splits the text a script gives append_hf / insert_hf / append_to_reply into header lines.
// OpenSIPS inserts that text verbatim and trusts it to end in CRLF; tsips parses it into
// name/value pairs so a missing CRLF cannot glue two headers together and a stray CR/LF
// cannot inject anything. A missing final CRLF is accepted (the line is complete anyway).

/** RFC 3261 25.1 token characters. */
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

/** [name, value] pairs, or a message saying what is wrong. */
export function parseHeaderLines(text: string): [string, string][] | string {
  const lines = text.split(/\r\n|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const out: [string, string][] = [];
  for (const line of lines) {
    if (line.includes('\r')) return 'bare CR in header text';
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length) {
      // A continuation line (RFC 3261 7.3.1): folded into the previous value.
      out[out.length - 1]![1] += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return `'${line}' is not a header line (Name: value)`;
    const name = line.slice(0, colon).trim();
    if (!TOKEN.test(name)) return `'${name}' is not a valid header name`;
    out.push([name, line.slice(colon + 1).trim()]);
  }
  return out.length ? out : 'no header line in the text';
}
