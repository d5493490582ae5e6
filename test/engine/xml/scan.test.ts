import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import libxml from 'libxmljs2';
import { scanXml, XmlRefused } from '../../../engine/xml/scan.js';
import { DEFAULT_XML_LIMITS } from '../../../engine/xml/untrusted.js';
import { sharedDir } from '../../e2e/tsips-process.js';

const scan = (t: string) => scanXml(t, DEFAULT_XML_LIMITS);
const libxmlAccepts = (t: string) => {
  try {
    libxml.parseXml(t, { noent: false, nonet: true, dtdload: false, huge: false });
    return true;
  } catch {
    return false;
  }
};
const corpus = join(sharedDir, 'corpus', 'reginfo');
const DOC = '<?xml version="1.0" encoding="UTF-8"?>\n<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="7" state="full">'
  + '<registration aor="sip:alice@example.com" id="a7" state="active"><contact id="c1" state="active" event="registered" expires="3600">'
  + '<uri>sip:alice@192.0.2.1</uri><unknown-param name="x">a &amp; b</unknown-param></contact></registration></reginfo>\n';

describe('the well-formedness pass of untrusted XML', () => {
  it('reads the root: name, namespace, attribute values with references replaced and where they are written', () => {
    const t = '<r:reginfo xmlns:r="urn:ietf:params:xml:ns:reginfo" version="1&#50;" state=\'full\'><r:registration/></r:reginfo>';
    const root = scan(t);
    expect(root.localName).toBe('reginfo');
    expect(root.namespace).toBe('urn:ietf:params:xml:ns:reginfo');
    const v = root.attributes.get('version')!;
    expect(v.value).toBe('12');
    expect(t.slice(v.start, v.end)).toBe('1&#50;');
    expect(scan('<reginfo version="1"/>').namespace).toBeUndefined();
  });

  it('accepts every document of the RFC 3680 corpus, as libxml2 does', () => {
    for (const f of readdirSync(corpus).filter((n) => n.endsWith('.xml'))) {
      const t = readFileSync(join(corpus, f), 'utf8');
      expect(scan(t).localName, f).toBe('reginfo');
    }
  });

  it.each([
    ['<a><b></a></b>', /end tag 'a' does not match 'b'/],
    ['<a>', /'a' is not closed/],
    ['<a/><b/>', /content after the root element/],
    ['text<a/>', /text outside the root element/],
    ['<a x="1" x="2"/>', /given twice/],
    ['<a x=1/>', /without quotes/],
    ['<a x="1"y="2"/>', /not separated by white space/],
    ['<a x="<"/>', /'<' in an attribute value/],
    ['<a>]]></a>', /']]>' in text/],
    ['<a><!-- a -- b --></a>', /'--' inside a comment/],
    ['<a>\u0001</a>', /U\+0001/],
    ['<a>&#0;</a>', /character reference/],
    ['<a><?xml version="1.0"?></a>', /XML declaration not at the start/],
    ['<![CDATA[x]]><a/>', /CDATA section outside/],
    ['', /no root element/],
    ['<1a/>', /not followed by a name/],
  ])('refuses %j', (t, why) => {
    expect(() => scan(t)).toThrow(XmlRefused);
    expect(() => scan(t)).toThrow(why);
    expect(libxmlAccepts(t)).toBe(false);
  });

  it('refuses a declared encoding other than UTF-8: the text was read as UTF-8, libxml2 would read it otherwise', () => {
    expect(() => scan('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')).toThrow(/encoding 'ISO-8859-1' refused: only UTF-8/);
    expect(scan('<?xml version="1.0" encoding="utf-8"?><a/>').name).toBe('a');
  });

  it('is never more lenient than libxml2 on a mangled reginfo document', () => {
    // Cut, duplicate or replace a few characters of a valid document: whatever libxml2
    // refuses, the pass refuses too, so a server that forwards what the pass accepted never
    // hands its watchers a body their parser rejects.
    const pieces = ['<', '>', '/', '"', "'", '=', '&', ';', '&amp;', '&#x41;', ']]>', '--', '<!--', '<![CDATA[', '?>', ' ', 'x', ':', '\u0000', '\uFFFE', 'é'];
    const edit = fc.record({ at: fc.nat(DOC.length), cut: fc.nat(4), insert: fc.constantFrom(...pieces) });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      let t = DOC;
      for (const e of edits) {
        const at = Math.min(e.at, t.length);
        t = t.slice(0, at) + e.insert + t.slice(at + e.cut);
      }
      let ours = true;
      try {
        scan(t);
      } catch (e) {
        if (!(e instanceof XmlRefused)) throw e;
        ours = false;
      }
      if (ours) expect(libxmlAccepts(t), JSON.stringify(t)).toBe(true);
    }), { numRuns: 3000 });
  });
});
