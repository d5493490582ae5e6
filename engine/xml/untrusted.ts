// XML from the network (NOTIFY and PUBLISH bodies) is checked before libxml2 sees it, and
// parsed with a configuration that cannot reach out: no DTD (so no entity declarations, no
// external references, no billion laughs), no entity references beyond the five predefined
// ones and character references, no network, bounded size, depth and attribute length,
// valid UTF-8 only. The libxmljs2 calls with memory-safety advisories (attrs() and
// namespaces() on nodes under entity references, CVE-2024-34391/34392) need an entity in the
// document, which this gate never lets through; the readers in tsips do not call them
// anyway (see xml-read.ts).
import libxml from 'libxmljs2';

export interface XmlLimits {
  /** Bytes. */
  readonly maxBytes: number;
  /** Element nesting. */
  readonly maxDepth: number;
  /** Characters of one attribute value. */
  readonly maxAttribute: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 65536, maxDepth: 32, maxAttribute: 4096 };

export type XmlDocument = libxml.Document;

export class XmlRefused extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** The body as text, or XmlRefused with the reason. */
export function checkUntrustedXml(body: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (size > limits.maxBytes) throw new XmlRefused(`body of ${size} bytes is over the limit of ${limits.maxBytes}`);
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new XmlRefused('body is not valid UTF-8');
  }
  scan(text, limits);
  return text;
}

/** One pass over the markup: declarations, entity references, depth, attribute sizes. */
function scan(t: string, limits: XmlLimits): void {
  let depth = 0;
  let i = 0;
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 0x26 /* & */) {
      entity(t, i);
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) { i++; continue; }
    const next = t[i + 1];
    if (next === '!') {
      if (t.startsWith('<!--', i)) {
        const end = t.indexOf('-->', i + 4);
        if (end < 0) throw new XmlRefused('unterminated comment');
        i = end + 3;
      } else if (t.startsWith('<![CDATA[', i)) {
        const end = t.indexOf(']]>', i + 9);
        if (end < 0) throw new XmlRefused('unterminated CDATA section');
        i = end + 3;
      } else {
        throw new XmlRefused(`markup declaration '${t.slice(i, i + 10)}' refused (no DOCTYPE, ENTITY or other DTD content)`);
      }
    } else if (next === '?') {
      const end = t.indexOf('?>', i + 2);
      if (end < 0) throw new XmlRefused('unterminated processing instruction');
      i = end + 2;
    } else if (next === '/') {
      depth--;
      const end = t.indexOf('>', i);
      if (end < 0) throw new XmlRefused('unterminated end tag');
      i = end + 1;
    } else {
      const end = tagEnd(t, i, limits);
      if (t.charCodeAt(end - 1) !== 0x2f /* / */) {
        depth++;
        if (depth > limits.maxDepth) throw new XmlRefused(`elements nested deeper than ${limits.maxDepth}`);
      }
      i = end + 1;
    }
  }
}

/** The index of the '>' closing a start tag, checking attribute values on the way. */
function tagEnd(t: string, start: number, limits: XmlLimits): number {
  let i = start + 1;
  while (i < t.length) {
    const ch = t[i];
    if (ch === '>') return i;
    if (ch === '"' || ch === "'") {
      const close = t.indexOf(ch, i + 1);
      if (close < 0) throw new XmlRefused('unterminated attribute value');
      if (close - i - 1 > limits.maxAttribute) throw new XmlRefused(`attribute value longer than ${limits.maxAttribute} characters`);
      for (let j = i + 1; j < close; j++) if (t.charCodeAt(j) === 0x26) entity(t, j);
      i = close + 1;
      continue;
    }
    i++;
  }
  throw new XmlRefused('unterminated start tag');
}

function entity(t: string, at: number): void {
  const semi = t.indexOf(';', at);
  const name = semi > at ? t.slice(at + 1, semi) : '';
  if (semi < 0 || semi - at > 12) throw new XmlRefused('bare & or an over-long reference');
  if (PREDEFINED.has(name) || /^#[0-9]{1,7}$/.test(name) || /^#x[0-9a-fA-F]{1,6}$/.test(name)) return;
  throw new XmlRefused(`entity reference '&${name.slice(0, 20)};' refused`);
}

/** Checks, then parses without DTD loading, entity substitution or network access. */
export function parseUntrustedXml(body: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  const text = checkUntrustedXml(body, limits);
  try {
    return libxml.parseXml(text, { noent: false, nonet: true, dtdload: false, dtdattr: false, dtdvalid: false, huge: false, noblanks: true });
  } catch (e) {
    throw new XmlRefused(`not well-formed XML: ${(e as Error).message.trim()}`);
  }
}
