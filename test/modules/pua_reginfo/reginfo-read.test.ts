// The reginfo reader's structure rules (RFC 3680 5): which elements and attributes count,
// whatever prefix the reginfo namespace is written with.
import { describe, expect, it } from 'vitest';
import { readReginfo, ReginfoError } from '../../../modules/pua_reginfo/reginfo-read.js';

const NS = 'urn:ietf:params:xml:ns:reginfo';
const read = (inner: string, root = `reginfo xmlns="${NS}"`) => readReginfo(`<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="4" state="partial">${inner}</${root.split(' ')[0]}>`);
const contacts = (d: ReturnType<typeof readReginfo>) => d.registrations.map((r) => [r.aor, r.contacts.map((c) => [c.uri, c.params])]);

describe('readReginfo', () => {
  it('reads a prefixed reginfo namespace; the first uri of a contact; text with references and CDATA', () => {
    const d = read('<r:registration aor="sip:a@example.com" id="1" state="active"><r:contact id="c" state="active" event="registered">' +
      '<r:uri> sip:a@192.0.2.1;x=1&amp;y </r:uri><r:uri>sip:second@192.0.2.2</r:uri>' +
      '<r:unknown-param name="+sip.instance">&lt;urn:uuid:<![CDATA[00&11]]>&gt;</r:unknown-param><r:unknown-param name="flag"/></r:contact></r:registration>', `r:reginfo xmlns:r="${NS}"`);
    expect(d).toMatchObject({ version: 4, state: 'partial', skipped: [] });
    expect(contacts(d)).toEqual([['sip:a@example.com', [['sip:a@192.0.2.1;x=1&y', [{ name: '+sip.instance', value: '<urn:uuid:00&11>' }, { name: 'flag', value: undefined }]]]]]);
  });

  it('passes over foreign elements with their content, registrations not directly under the root, and attributes in another namespace', () => {
    const d = read('<registration xmlns:o="urn:other" o:aor="sip:evil@example.com" aor="sip:a@example.com" id="1" state="active">' +
      '<o:note><contact id="x" state="active" event="registered"><uri>sip:hidden@192.0.2.9</uri></contact></o:note>' +
      '<contact id="c" state="active" event="registered" o:expires="1"><display-name>A</display-name><uri>sip:a@192.0.2.1</uri></contact></registration>' +
      `<wrap xmlns="urn:other"><registration xmlns="${NS}" aor="sip:nested@example.com" id="2" state="active"/></wrap>` +
      '<registration xmlns="urn:other" aor="sip:foreign@example.com" id="3" state="active"/>');
    expect(contacts(d)).toEqual([['sip:a@example.com', [['sip:a@192.0.2.1', []]]]]);
    expect(d.registrations[0]!.contacts[0]!.expires).toBeUndefined();
  });

  it('refuses a document with an undeclared prefix (not namespace-well-formed)', () => {
    expect(() => read('<registration aor="sip:a@example.com" id="1" state="active"><x:foo/></registration>')).toThrow(ReginfoError);
    expect(() => read('<registration aor="sip:a@example.com" id="1" state="active"><x:foo/></registration>')).toThrow(/prefix x/);
  });

  it('reads each document on its own (the parser is reused)', () => {
    expect(() => read('<registration aor="sip:a@example.com" id="1" state="active"><x:foo/></registration>')).toThrow(ReginfoError);
    const d = read('<registration aor="sip:b@example.com" id="1" state="init"/>');
    expect(d.registrations.map((r) => [r.aor, r.state])).toEqual([['sip:b@example.com', 'init']]);
  });
});
