import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseUntrustedXml, XmlRefused } from '../../../engine/xml/untrusted.js';
import { repoRoot, sharedDir } from '../../e2e/tsips-process.js';

const hostile = join(repoRoot, 'test', 'fixtures', 'reginfo-hostile');
const corpus = join(sharedDir, 'corpus', 'reginfo');

describe('the untrusted XML gate', () => {
  it.each([
    ['billion-laughs.xml', /DOCTYPE/], ['external-entity.xml', /DOCTYPE/], ['external-dtd.xml', /DOCTYPE/], ['parameter-entity.xml', /DOCTYPE/],
    ['entity-ref-nested.xml', /entity reference '&undeclared;'/], ['deep-nesting.xml', /nested deeper than 32/],
    ['huge-attribute.xml', /attribute value longer than 4096/], ['invalid-utf8.xml', /not valid UTF-8/], ['not-well-formed.xml', /not well-formed/],
  ])('refuses %s', (file, reason) => {
    const body = readFileSync(join(hostile, file));
    expect(() => parseUntrustedXml(body)).toThrow(XmlRefused);
    expect(() => parseUntrustedXml(body)).toThrow(reason);
  });

  it('refuses a body over the size limit', () => {
    expect(() => parseUntrustedXml(`<a>${'x'.repeat(70_000)}</a>`)).toThrow(/over the limit of 65536/);
    expect(() => parseUntrustedXml('<a>&amp;&lt;&#65;&#x42;</a>')).not.toThrow();
  });

  it('lets every document of the RFC 3680 corpus through', () => {
    for (const f of readdirSync(corpus).filter((n) => n.endsWith('.xml'))) {
      const doc = parseUntrustedXml(readFileSync(join(corpus, f)));
      expect(doc.root()?.name(), f).toBe('reginfo');
    }
  });
});
