// XML from the network (NOTIFY and PUBLISH bodies) is checked before libxml2 sees it, by one
// pass in JavaScript that also proves it well-formed (engine/xml/scan.ts), and parsed with
// a configuration that cannot reach out: no DTD (so no entity declarations, no external
// references, no billion laughs), no entity references beyond the five predefined ones and
// character references, no network, bounded size, depth and attribute length, valid UTF-8
// only. The libxmljs2 calls with memory-safety advisories (attrs() and
// namespaces() on nodes under entity references, CVE-2024-34391/34392) need an entity in the
// document, which this gate never lets through; the readers in tsips do not call them
// anyway (see modules/pua_reginfo/reginfo-read.ts).
import libxml from 'libxmljs2';
import { scanXml, XmlRefused, type XmlAttribute, type XmlRoot } from './scan.js';

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

export { XmlRefused, type XmlAttribute, type XmlRoot };

/** A body that passed the gate: its text and its root element. */
export interface CheckedXml {
  readonly text: string;
  readonly root: XmlRoot;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text with its root element, or XmlRefused with the reason: over the limits,
 *  not UTF-8, DTD content or entities, or not well-formed (engine/xml/scan.ts). */
export function checkUntrustedXml(body: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): CheckedXml {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (size > limits.maxBytes) throw new XmlRefused(`body of ${size} bytes is over the limit of ${limits.maxBytes}`);
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new XmlRefused('body is not valid UTF-8');
  }
  return { text, root: scanXml(text, limits) };
}

/** Checks, then parses without DTD loading, entity substitution or network access. */
export function parseUntrustedXml(body: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  return parseCheckedXml(checkUntrustedXml(body, limits));
}

/** The libxml2 tree of a body that passed the gate. */
export function parseCheckedXml({ text }: CheckedXml): XmlDocument {
  try {
    return libxml.parseXml(text, { noent: false, nonet: true, dtdload: false, dtdattr: false, dtdvalid: false, huge: false, noblanks: true });
  } catch (e) {
    throw new XmlRefused(`not well-formed XML: ${(e as Error).message.trim()}`);
  }
}
