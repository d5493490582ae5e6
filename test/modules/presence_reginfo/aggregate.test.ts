// aggregate_presentities=1's merge on its own: what a watcher reads back from the documents
// of several publishers of one AOR.
import { describe, expect, it } from 'vitest';
import { aggregateReginfo } from '../../../modules/presence_reginfo/aggregate.js';
import { readReginfo } from '../../../modules/pua_reginfo/reginfo-read.js';

const doc = (regs: string) => `<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="7" state="full">${regs}</reginfo>`;
const reg = (aor: string, contacts: string, state = 'active') => `<registration aor="${aor}" id="${aor}-id" state="${state}">${contacts}</registration>`;
const contact = (id: string, uri: string, extra = '') => `<contact id="${id}" state="active" event="registered"${extra}><uri>${uri}</uri><unknown-param name="+sip.instance">&lt;urn:uuid:1&gt;</unknown-param></contact>`;

describe('aggregateReginfo', () => {
  it('keeps every AOR of every document, one registration each, and the contact attributes and parameters as published', () => {
    const out = readReginfo(aggregateReginfo([
      doc(reg('sip:a@x', contact('1', 'sip:a@h1', ' q="0.5"'))),
      doc(reg('sip:b@x', contact('1', 'sip:b@h1')) + reg('sip:a@x', contact('9', 'sip:a@h2'))),
    ], 3, () => {}));
    expect(out.version).toBe(3);
    expect(out.registrations.map((r) => [r.aor, r.id, r.contacts.map((c) => c.uri)])).toEqual([
      ['sip:a@x', 'sip:a@x-id', ['sip:a@h1', 'sip:a@h2']],
      ['sip:b@x', 'sip:b@x-id', ['sip:b@h1']],
    ]);
    const first = out.registrations[0]!.contacts[0]!;
    expect([first.q, first.callid, first.cseq, first.params]).toEqual([500, undefined, undefined, [{ name: '+sip.instance', value: '<urn:uuid:1>' }]]);
  });

  it('skips a stored body that is not a reginfo document, says why, and merges the others', () => {
    const why: string[] = [];
    const out = readReginfo(aggregateReginfo(['<presence xmlns="urn:ietf:params:xml:ns:pidf"/>', doc(reg('sip:a@x', contact('1', 'sip:a@h1')))], 0, (w) => why.push(w)));
    expect(out.registrations.map((r) => r.aor)).toEqual(['sip:a@x']);
    expect(why).toEqual([expect.stringMatching(/not reginfo/)]);
  });

  it('says terminated for an AOR whose publishers hold no active contact', () => {
    const out = readReginfo(aggregateReginfo([doc(reg('sip:a@x', '', 'terminated')), doc(reg('sip:a@x', '', 'init'))], 0, () => {}));
    expect(out.registrations.map((r) => [r.aor, r.state, r.contacts.length])).toEqual([['sip:a@x', 'terminated', 0]]);
  });
});
