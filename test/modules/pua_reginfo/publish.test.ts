// Registration changes published as reg-event state (RFC 3680) through pua.
import { afterEach, describe, expect, it } from 'vitest';
import { reginfoRig, subscribed, notify, corpus, contactsOf, PEER } from './rig.js';
import { uasReply, type Rig, type Sent } from '../script-rig.js';
import { readReginfo } from '../../../modules/pua_reginfo/reginfo-read.js';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

const PUBLISHING = ['modparam("pua_reginfo", "publish_reginfo", 1)', 'modparam("pua_reginfo", "outbound_proxy", "sip:127.0.0.1:7000")'];

let n = 0;
function register(r: Rig, contacts: string[], o: { expires?: number; callId?: string; cseq?: number } = {}): void {
  r.receive([
    'REGISTER sip:example.com SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:5998;branch=z9hG4bK-reg${++n}`, 'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=a1', 'To: <sip:alice@example.com>', `Call-ID: ${o.callId ?? 'reg-call'}`, `CSeq: ${o.cseq ?? n} REGISTER`,
    ...contacts.map((c) => `Contact: <${c}>`), `Expires: ${o.expires ?? 600}`, 'User-Agent: Phone/1.0', 'Content-Length: 0', '', '',
  ].join('\r\n'), { port: 5998 });
}

const publishes = (r: Rig): Sent[] => r.to(PEER, /^PUBLISH /).filter((s, i, all) => all.findIndex((x) => x.msg.via?.branch === s.msg.via?.branch) === i);

describe('pua_reginfo publishing', () => {
  it('publishes registered, refreshed and unregistered contacts, one PUBLISH per REGISTER, numbered versions', async () => {
    rig = await reginfoRig({ extra: PUBLISHING });
    register(rig, ['sip:alice@192.0.2.1:5060', 'sip:alice@192.0.2.2:5060']);
    await rig.settle();
    expect(publishes(rig)).toHaveLength(1);
    const p1 = publishes(rig)[0]!;
    expect(p1.msg.ruri).toBe('sip:alice@example.com');
    expect(p1.msg.header('event')).toBe('reg');
    expect(p1.msg.header('content-type')).toBe('application/reginfo+xml');
    const d1 = readReginfo(p1.msg.body);
    expect(d1.version).toBe(1);
    expect(d1.state).toBe('full');
    expect(d1.registrations[0]).toMatchObject({ aor: 'sip:alice@example.com', state: 'active' });
    expect(d1.registrations[0]!.contacts.map((c) => [c.uri, c.state, c.event, c.expires, c.userAgent])).toEqual([
      ['sip:alice@192.0.2.1:5060', 'active', 'registered', 600, 'Phone/1.0'], ['sip:alice@192.0.2.2:5060', 'active', 'registered', 600, 'Phone/1.0'],
    ]);
    rig.receive(uasReply(p1.msg, 200, 'OK', { extra: ['SIP-ETag: x1', 'Expires: 3600'] }), { port: PEER });
    await rig.settle();

    register(rig, ['sip:alice@192.0.2.1:5060'], { expires: 300 });
    await rig.settle();
    const p2 = publishes(rig)[1]!;
    expect(p2.msg.header('sip-if-match')).toBe('x1');
    const d2 = readReginfo(p2.msg.body);
    expect(d2.version).toBe(2);
    expect(d2.registrations[0]!.contacts.find((c) => c.uri === 'sip:alice@192.0.2.1:5060')).toMatchObject({ event: 'refreshed', expires: 300 });
    rig.receive(uasReply(p2.msg, 200, 'OK', { extra: ['SIP-ETag: x2', 'Expires: 3600'] }), { port: PEER });
    await rig.settle();

    register(rig, ['sip:alice@192.0.2.1:5060', 'sip:alice@192.0.2.2:5060'], { expires: 0 });
    await rig.settle();
    const d3 = readReginfo(publishes(rig)[2]!.msg.body);
    expect(d3.registrations[0]!.state).toBe('terminated');
    expect(d3.registrations[0]!.contacts.map((c) => [c.state, c.event, c.expires])).toEqual([
      ['terminated', 'unregistered', 0], ['terminated', 'unregistered', 0],
    ]);
  });

  it('does not publish what a NOTIFY taught usrloc, nor its expiry', async () => {
    rig = await reginfoRig({ extra: PUBLISHING });
    const sub = await subscribed(rig);
    rig.receiveRaw(notify(sub, 2, corpus('authored-seq-04-partial-shortened.xml').replace('version="4"', 'version="1"')), { port: PEER });
    await rig.settle();
    expect(contactsOf(rig, 'dave@example.com')).toHaveLength(1);
    await rig.advance(121_000); // the learned contact (60 s) expires at a usrloc timer run
    await rig.settle();
    expect(contactsOf(rig, 'dave@example.com')).toEqual([]);
    expect(publishes(rig)).toHaveLength(0);
  });

  it('publishes one registration per identity stored under ul_identities_key (the documented reply-route snippet)', async () => {
    rig = await reginfoRig({
      extra: [...PUBLISHING, 'modparam("pua_reginfo", "ul_identities_key", "identities")'],
      route: [
        '  if (is_method("REGISTER")) {',
        '    save("location");',
        '    ul_add_key("location", "$tU@$td", "identities", "<sip:alice@example.com>, <tel:+4930123456>");',
        '    reginfo_update("$tU@$td");',
        '    exit;',
        '  }',
      ],
    });
    register(rig, ['sip:alice@192.0.2.1:5060']);
    await rig.settle();
    const bodies = publishes(rig).map((p) => readReginfo(p.msg.body));
    expect(bodies.at(-1)!.registrations.map((r) => r.aor)).toEqual(['sip:alice@example.com', 'tel:+4930123456']);
  });
});
