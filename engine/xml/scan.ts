// One pass over untrusted XML text, before anything builds a tree from it: what the gate
// refuses (DTD content, entity references beyond the five predefined ones and character
// references, nesting, attribute sizes) and what makes a document not well-formed (XML 1.0:
// tags that do not match, attributes without quotes or given twice, '<' in an attribute
// value, ']]>' in text, '--' in a comment, characters XML forbids, anything but one root
// element). It also tells the root element: its name, namespace and attributes with where
// their values are, which is all a store-and-forward server (the reg-event presence server)
// needs, so it never pays for a libxml2 tree it would not read.
import type { XmlLimits } from './untrusted.js';

export class XmlRefused extends Error {}

export interface XmlAttribute {
  /** The value with references replaced. */
  readonly value: string;
  /** Where the raw value sits in the text (inside the quotes): [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface XmlRoot {
  /** As written, e.g. "reginfo" or "r:reginfo". */
  readonly name: string;
  readonly localName: string;
  /** The namespace URI the root element is in (its own declarations), if any. */
  readonly namespace: string | undefined;
  readonly attributes: ReadonlyMap<string, XmlAttribute>;
}

// XML 1.0 (fifth edition) 2.3 Name.
const NAME_START = ':A-Z_a-z\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_RE = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\xB7\\u0300-\\u036F\\u203F\\u2040]*`, 'uy');
const REF_RE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Checks the whole text; returns the root element. Throws XmlRefused with the reason. */
export function scanXml(t: string, limits: XmlLimits): XmlRoot {
  const open: string[] = [];
  let root: XmlRoot | undefined;
  let i = 0;
  const n = t.length;
  if (t.charCodeAt(0) === 0xfeff) i = 1; // a byte order mark
  if (/^<\?xml[\s?]/.test(t.slice(i, i + 6))) i = xmlDeclaration(t, i);
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 0x3c /* < */) {
      const next = t.charCodeAt(i + 1);
      if (next === 0x21 /* ! */) i = bang(t, i, open.length > 0);
      else if (next === 0x3f /* ? */) i = instruction(t, i);
      else if (next === 0x2f /* / */) {
        i = endTag(t, i, open.pop());
      } else {
        if (open.length === 0 && root) throw notWellFormed('content after the root element');
        const tag = startTag(t, i, limits, root === undefined);
        if (!root) root = tag.root;
        if (!tag.empty) {
          open.push(tag.name);
          if (open.length > limits.maxDepth) throw new XmlRefused(`elements nested deeper than ${limits.maxDepth}`);
        }
        i = tag.end;
      }
      continue;
    }
    if (c === 0x26 /* & */) {
      if (open.length === 0) throw notWellFormed('reference outside the root element');
      i = reference(t, i);
      continue;
    }
    if (open.length === 0 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) throw notWellFormed('text outside the root element');
    if (c === 0x3e /* > */ && t.charCodeAt(i - 1) === 0x5d && t.charCodeAt(i - 2) === 0x5d) throw notWellFormed("']]>' in text");
    if (!isChar(c)) throw notWellFormed(`character U+${c.toString(16).padStart(4, '0')} is not allowed in XML`);
    i++;
  }
  if (!root) throw notWellFormed('no root element');
  if (open.length > 0) throw notWellFormed(`element '${open[open.length - 1]}' is not closed`);
  return root;
}

function notWellFormed(why: string): XmlRefused {
  return new XmlRefused(`not well-formed XML: ${why}`);
}

/** XML 1.0 2.2 Char, for one UTF-16 unit (surrogate pairs are fine: the text came from
 *  strict UTF-8 decoding, so no lone surrogate is left). */
function isChar(c: number): boolean {
  return c >= 0x20 ? c !== 0xfffe && c !== 0xffff : c === 0x09 || c === 0x0a || c === 0x0d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The Name at i: ASCII names (all of reginfo) are read by character codes, anything else
 *  by the full XML production. */
function nameAt(t: string, i: number): string | undefined {
  let j = i;
  for (let c = t.charCodeAt(j); ; c = t.charCodeAt(++j)) {
    const start = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
    if (start || (j > i && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e))) continue;
    if (c >= 0x80) break; // not ASCII: the regular expression decides
    return j > i ? t.slice(i, j) : undefined;
  }
  NAME_RE.lastIndex = i;
  return NAME_RE.exec(t)?.[0];
}

function skipSpace(t: string, i: number): number {
  while (isSpace(t.charCodeAt(i))) i++;
  return i;
}

/** `<?xml version="1.x" encoding="UTF-8"?>` at the very start; only UTF-8 (the text was
 *  decoded as such, RFC 3680 section 5 asks for it). */
function xmlDeclaration(t: string, start: number): number {
  const end = t.indexOf('?>', start);
  if (end < 0) throw notWellFormed('unterminated XML declaration');
  const decl = t.slice(start, end + 2);
  const m = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*\?>$/.exec(decl);
  if (!m) throw notWellFormed('malformed XML declaration');
  if (m[3] !== undefined && !/^utf-?8$/i.test(m[3])) throw new XmlRefused(`encoding '${m[3]}' refused: only UTF-8`);
  return end + 2;
}

/** Comments and CDATA; any other `<!` is DTD content, which is refused outright. */
function bang(t: string, i: number, inElement: boolean): number {
  if (t.startsWith('<!--', i)) {
    const end = t.indexOf('--', i + 4);
    if (end < 0) throw new XmlRefused('unterminated comment');
    if (t.charCodeAt(end + 2) !== 0x3e) throw notWellFormed("'--' inside a comment");
    checkChars(t, i + 4, end);
    return end + 3;
  }
  if (t.startsWith('<![CDATA[', i)) {
    if (!inElement) throw notWellFormed('CDATA section outside the root element');
    const end = t.indexOf(']]>', i + 9);
    if (end < 0) throw new XmlRefused('unterminated CDATA section');
    checkChars(t, i + 9, end);
    return end + 3;
  }
  throw new XmlRefused(`markup declaration '${t.slice(i, i + 10)}' refused (no DOCTYPE, ENTITY or other DTD content)`);
}

function instruction(t: string, i: number): number {
  const target = nameAt(t, i + 2);
  const end = t.indexOf('?>', i + 2);
  if (end < 0) throw new XmlRefused('unterminated processing instruction');
  if (!target || /^xml$/i.test(target)) throw notWellFormed(target ? 'XML declaration not at the start' : 'processing instruction without a target');
  const after = i + 2 + target.length;
  if (after < end && !isSpace(t.charCodeAt(after))) throw notWellFormed('malformed processing instruction');
  checkChars(t, after, end);
  return end + 2;
}

function checkChars(t: string, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    if (!isChar(t.charCodeAt(j))) throw notWellFormed(`character U+${t.charCodeAt(j).toString(16).padStart(4, '0')} is not allowed in XML`);
  }
}

function endTag(t: string, i: number, expected: string | undefined): number {
  const name = nameAt(t, i + 2);
  if (!name) throw notWellFormed('malformed end tag');
  const j = skipSpace(t, i + 2 + name.length);
  if (j >= t.length) throw new XmlRefused('unterminated end tag');
  if (t.charCodeAt(j) !== 0x3e) throw notWellFormed(`malformed end tag '${name}'`);
  if (name !== expected) throw notWellFormed(expected ? `end tag '${name}' does not match '${expected}'` : `end tag '${name}' without a start tag`);
  return j + 1;
}

interface StartTag { readonly name: string; readonly empty: boolean; readonly end: number; readonly root: XmlRoot | undefined }

/** A start tag and its attributes; the root's are kept. */
function startTag(t: string, i: number, limits: XmlLimits, isRoot: boolean): StartTag {
  const name = nameAt(t, i + 1);
  if (!name) throw notWellFormed(`'<' not followed by a name`);
  let j = i + 1 + name.length;
  const seen = isRoot ? new Map<string, XmlAttribute>() : undefined; // other elements need only the names
  const names: string[] = [];
  for (;;) {
    const k = skipSpace(t, j);
    if (k >= t.length) throw new XmlRefused('unterminated start tag');
    const c = t.charCodeAt(k);
    if (c === 0x3e /* > */) return { name, empty: false, end: k + 1, root: seen && rootOf(name, seen) };
    if (c === 0x2f /* / */) {
      if (t.charCodeAt(k + 1) !== 0x3e) throw notWellFormed(`malformed start tag '${name}'`);
      return { name, empty: true, end: k + 2, root: seen && rootOf(name, seen) };
    }
    if (k === j) throw notWellFormed(`attributes of '${name}' not separated by white space`);
    const attr = nameAt(t, k);
    if (!attr) throw notWellFormed(`malformed attribute in '${name}'`);
    let v = skipSpace(t, k + attr.length);
    if (t.charCodeAt(v) !== 0x3d /* = */) throw notWellFormed(`attribute '${attr}' without a value`);
    v = skipSpace(t, v + 1);
    const quote = t[v];
    if (quote !== '"' && quote !== "'") throw notWellFormed(`attribute '${attr}' value without quotes`);
    const close = t.indexOf(quote, v + 1);
    if (close < 0) throw new XmlRefused('unterminated attribute value');
    if (close - v - 1 > limits.maxAttribute) throw new XmlRefused(`attribute value longer than ${limits.maxAttribute} characters`);
    if (names.includes(attr)) throw notWellFormed(`attribute '${attr}' given twice in '${name}'`);
    names.push(attr);
    const value = attributeValue(t, v + 1, close, isRoot);
    seen?.set(attr, { value, start: v + 1, end: close });
    j = close + 1;
  }
}

/** The value with references replaced (when `keep`); '<' and characters XML forbids are
 *  refused. */
function attributeValue(t: string, from: number, to: number, keep: boolean): string {
  let out = '';
  let run = from;
  for (let j = from; j < to;) {
    const c = t.charCodeAt(j);
    if (c === 0x3c) throw notWellFormed("'<' in an attribute value");
    if (c === 0x26) {
      const after = reference(t, j);
      if (keep) out += t.slice(run, j) + decode(t.slice(j + 1, after - 1));
      j = run = after;
      continue;
    }
    if (!isChar(c)) throw notWellFormed(`character U+${c.toString(16).padStart(4, '0')} is not allowed in XML`);
    j++;
  }
  return keep ? out + t.slice(run, to) : '';
}

/** The five predefined entities and character references to allowed characters; nothing
 *  else (an entity would need a DTD, which is refused). Returns the index after the ';'. */
function reference(t: string, at: number): number {
  REF_RE.lastIndex = at;
  const m = REF_RE.exec(t);
  if (!m) {
    const semi = t.indexOf(';', at);
    if (semi < 0 || semi - at > 12) throw new XmlRefused('bare & or an over-long reference');
    throw new XmlRefused(`entity reference '&${t.slice(at + 1, semi).slice(0, 20)};' refused`);
  }
  if (!m[1]) {
    const cp = Number.parseInt(m[2] ?? m[3]!, m[2] ? 10 : 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp <= 0xffff && !isChar(cp))) throw notWellFormed(`character reference '${m[0]}' to a character XML forbids`);
  }
  return REF_RE.lastIndex;
}

function decode(ref: string): string {
  if (ref.charCodeAt(0) !== 0x23 /* # */) return PREDEFINED[ref]!;
  return String.fromCodePoint(ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10));
}

function rootOf(name: string, attributes: Map<string, XmlAttribute>): XmlRoot {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const localName = colon < 0 ? name : name.slice(colon + 1);
  return { name, localName, namespace: attributes.get(prefix ? `xmlns:${prefix}` : 'xmlns')?.value || undefined, attributes };
}
