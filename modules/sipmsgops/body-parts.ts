// The MIME types present in a message body: the body's own Content-Type and, for a
// multipart body (RFC 2046 5.1), the Content-Type of each part, nested multiparts included
// (bounded depth, so a hostile body cannot make us recurse for long).

const MAX_DEPTH = 4;

/** `type/subtype` lower-cased, without parameters. */
export function mimeType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Each part's headers and body, split on the boundary lines. */
function parts(body: string, boundary: string): { contentType: string; body: string }[] {
  const out: { contentType: string; body: string }[] = [];
  const chunks = body.split('--' + boundary);
  // chunks[0] is the preamble; a chunk starting with '--' follows the close delimiter.
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (c.startsWith('--')) break;
    const headEnd = c.search(/\r?\n\r?\n/);
    const head = headEnd < 0 ? c : c.slice(0, headEnd);
    const ct = /(?:^|\n)\s*(?:content-type|c)\s*:\s*([^\r\n]+)/i.exec(head);
    // RFC 2046 5.1: a part without Content-Type is text/plain.
    out.push({ contentType: ct ? ct[1]!.trim() : 'text/plain', body: headEnd < 0 ? '' : c.slice(headEnd).replace(/^\r?\n\r?\n/, '') });
  }
  return out;
}

export function bodyHasType(contentType: string, body: string, wanted: string, depth = 0): boolean {
  const type = mimeType(contentType);
  if (type === wanted) return true;
  if (!type.startsWith('multipart/') || depth >= MAX_DEPTH) return false;
  const boundary = boundaryOf(contentType);
  if (!boundary) return false;
  return parts(body, boundary).some((p) => bodyHasType(p.contentType, p.body, wanted, depth + 1));
}
