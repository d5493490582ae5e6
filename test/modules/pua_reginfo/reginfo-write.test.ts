import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeReginfo, type ContactView } from '../../../modules/pua_reginfo/reginfo-write.js';
import { readReginfo } from '../../../modules/pua_reginfo/reginfo-read.js';

const contact = (o: Partial<ContactView> = {}): ContactView => ({
  id: '1', uri: 'sip:alice@192.0.2.1:5060', state: 'active', event: 'registered', expires: 600, q: -1, callid: 'c1', cseq: 1,
  received: undefined, path: undefined, userAgent: undefined, params: [], ...o,
});

describe('the reginfo document', () => {
  it('reads back with libxmljs2: every attribute and value, terminated contacts with expires 0', () => {
    const body = writeReginfo([{ aor: 'sip:alice@example.com', id: 'r1.0', contacts: [
      contact({ q: 500, received: 'sip:203.0.113.9:40112', path: '<sip:edge.example.com;lr>', userAgent: 'Phone "1" & <2>', params: [{ name: '+sip.instance', value: '"<urn:uuid:1>"' }, { name: 'audio', value: undefined }] }),
      contact({ id: '2', uri: 'sip:alice@192.0.2.2', state: 'terminated', event: 'unregistered' }),
    ] }], 7);
    const d = readReginfo(body);
    expect(d).toMatchObject({ version: 7, state: 'full' });
    expect(d.registrations[0]).toMatchObject({ aor: 'sip:alice@example.com', id: 'r1.0', state: 'active' });
    expect(d.registrations[0]!.contacts[0]).toMatchObject({ q: 500, received: 'sip:203.0.113.9:40112', path: '<sip:edge.example.com;lr>', userAgent: 'Phone "1" & <2>', expires: 600,
      params: [{ name: '+sip.instance', value: '"<urn:uuid:1>"' }, { name: 'audio', value: undefined }] });
    expect(d.registrations[0]!.contacts[1]).toMatchObject({ state: 'terminated', event: 'unregistered', expires: 0 });
  });

  it('stays well-formed and faithful for any Call-ID, user agent and URI text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string(), (callid, ua, user) => {
      const uri = `sip:${encodeURIComponent(user) || 'x'}@192.0.2.1`;
      const d = readReginfo(writeReginfo([{ aor: 'sip:a@example.com', id: 'r', contacts: [contact({ callid, userAgent: ua, uri })] }]));
      const c = d.registrations[0]!.contacts[0]!;
      const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
      expect(c.callid ?? '').toBe(clean(callid));
      expect(c.userAgent ?? '').toBe(clean(ua));
      expect(c.uri).toBe(uri);
    }), { numRuns: 300 });
  });
});
