// Extra headers arrive as OpenSIPS passes them: raw lines, each ending in CRLF. They are
// checked once, when a caller hands them over, so a bad line is the caller's error and not
// a request that fails to build later on a timer.

/** Header pairs of the text; throws on a line that is not `Name: value`. */
export function parseExtraHeaders(text: string | undefined): [string, string][] {
  if (!text) return [];
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) throw new Error(`extra header line '${line.slice(0, 60)}' is not 'Name: value'`);
    out.push([m[1]!, m[2]!.trim()]);
  }
  return out;
}
