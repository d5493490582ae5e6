// presence + presence_reginfo as the reg-event server: PUBLISH (RFC 3903) and SUBSCRIBE/
// NOTIFY (RFC 6665) from clients played by the test; and pua_reginfo on the same node
// updating the local presentity, so a client can watch its own registration.
import { afterEach, describe, expect, it } from 'vitest';
import { scriptHead, scriptRig, uasReply, type Rig, type Sent } from '../script-rig.js';
import { readReginfo } from '../../../modules/pua_reginfo/reginfo-read.js';
import { openDatabase } from '../../../engine/db/index.js';
import { PresencePersistence } from '../../../modules/presence/persist.js';
import { loadScriptText } from '../../../engine/config/index.js';
import { checkScript } from '../../../engine/core/server/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir, repoRoot } from '../../e2e/tsips-process.js';

const CLIENT = 7100;
const answered = new Set<string>();
let rig: Rig;
afterEach(async () => { await rig?.stop(); });

const PLAIN_ROUTE = [
  '  if (is_method("PUBLISH")) { handle_publish(); exit; }',
  '  if (is_method("SUBSCRIBE")) { handle_subscribe(); exit; }',
];

async function server(extra: string[] = [], route = PLAIN_ROUTE): Promise<Rig> {
  answered.clear();
  return scriptRig([
    scriptHead(['sipmsgops', 'tm', 'usrloc', 'registrar', 'pua', 'pua_reginfo', 'presence', 'presence_reginfo']),
    'modparam("usrloc", "use_domain", 1)',
    'modparam("pua", "db_url", "pglite://memory")',
    'modparam("presence", "db_url", "pglite://memory")',
    'modparam("pua_reginfo", "server_address", "sip:reginfo@127.0.0.1:5060")',
    'modparam("pua_reginfo", "ul_domain", "location")',
    ...extra,
    'route {',
    ...route,
    '  if (is_method("REGISTER")) { save("location"); exit; }',
    '}',
  ].join('\n'));
}

let n = 0;
function request(method: string, o: { ruri?: string; headers?: string[]; body?: string | Buffer; callId?: string; cseq?: number; toTag?: string } = {}): Buffer {
  const body = o.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
  return Buffer.concat([Buffer.from([
    `${method} ${o.ruri ?? 'sip:alice@example.com'} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${CLIENT};branch=z9hG4bK-c${++n}`, 'Max-Forwards: 70',
    'From: <sip:watcher@example.com>;tag=w1', `To: <sip:alice@example.com>${o.toTag ? `;tag=${o.toTag}` : ''}`, `Call-ID: ${o.callId ?? `call-${n}`}`,
    `CSeq: ${o.cseq ?? 1} ${method}`, `Contact: <sip:watcher@127.0.0.1:${CLIENT}>`, ...(o.headers ?? []),
    ...(body.length ? ['Content-Type: application/reginfo+xml'] : []), `Content-Length: ${body.length}`, '', '',
  ].join('\r\n')), body]);
}

const replies = (r: Rig, method: string) => r.to(CLIENT, /^SIP\/2.0 /).filter((s) => s.msg.cseq.method === method);
const notifies = (r: Rig): Sent[] => r.to(CLIENT, /^NOTIFY /).filter((s, i, all) => all.findIndex((x) => x.msg.via?.branch === s.msg.via?.branch) === i);
const status = (s: Sent | undefined) => s?.text.slice(8, s.text.indexOf('\r\n'));
const doc = (file: string) => readFileSync(join(sharedDir, 'corpus', 'reginfo', file));

async function answerNotifies(r: Rig): Promise<void> {
  for (const nt of notifies(r)) {
    const b = nt.msg.via?.branch ?? '';
    if (answered.has(b)) continue;
    answered.add(b);
    r.receive(uasReply(nt.msg, 200, 'OK'), { port: CLIENT });
  }
  await r.settle();
}

describe('presence + presence_reginfo', () => {
  it('answers a retransmitted PUBLISH again from tm after t_newtran(), as OpenSIPS scripts do, instead of storing it twice', async () => {
    rig = await server([], ['  if (is_method("PUBLISH|SUBSCRIBE")) { if (!t_newtran()) { sl_reply_error(); exit; } handle_publish(); exit; }']);
    const publish = request('PUBLISH', { headers: ['Event: reg', 'Expires: 600'], body: doc('rfc3680-5.3-example.xml') });
    rig.receiveRaw(publish, { port: CLIENT });
    await rig.settle();
    rig.receiveRaw(publish, { port: CLIENT });
    await rig.settle();
    const [first, again] = replies(rig, 'PUBLISH');
    expect(status(first)).toBe('200 OK');
    expect(again?.text).toBe(first!.text); // the same 200, SIP-ETag included: one publication
  });

  it('PUBLISH: 200 with SIP-ETag; refresh and modify with SIP-If-Match; 412 unknown ETag; 489 unknown event; 400 hostile body', async () => {
    rig = await server();
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: reg', 'Expires: 600'], body: doc('rfc3680-5.3-example.xml') }), { port: CLIENT });
    await rig.settle();
    const ok = replies(rig, 'PUBLISH').at(-1)!;
    expect(status(ok)).toBe('200 OK');
    const etag = ok.msg.header('sip-etag')!;
    expect(ok.msg.header('expires')).toBe('600');
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: reg', 'Expires: 600', `SIP-If-Match: ${etag}`] }), { port: CLIENT });
    await rig.settle();
    const refreshed = replies(rig, 'PUBLISH').at(-1)!;
    expect(status(refreshed)).toBe('200 OK');
    expect(refreshed.msg.header('sip-etag')).not.toBe(etag);
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: reg', `SIP-If-Match: ${etag}`] }), { port: CLIENT });
    await rig.settle();
    expect(status(replies(rig, 'PUBLISH').at(-1))).toBe('412 Conditional Request Failed');
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: dialog'], body: 'x' }), { port: CLIENT });
    await rig.settle();
    expect(status(replies(rig, 'PUBLISH').at(-1))).toBe('489 Bad Event');
    expect(replies(rig, 'PUBLISH').at(-1)!.msg.header('allow-events')).toBe('reg');
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: reg'], body: readFileSync(join(repoRoot, 'test', 'fixtures', 'reginfo-hostile', 'billion-laughs.xml')) }), { port: CLIENT });
    await rig.settle();
    expect(status(replies(rig, 'PUBLISH').at(-1))).toBe('400 Bad Request');
    expect(rig.stat('presence:presentities')).toBe(1);
  });

  it('SUBSCRIBE: 200, NOTIFY with the state numbered per watcher, a NOTIFY per change, Expires: 0 ends with terminated', async () => {
    rig = await server();
    rig.receiveRaw(request('PUBLISH', { headers: ['Event: reg', 'Expires: 600'], body: doc('rfc3680-5.3-example.xml'), ruri: 'sip:user@example.com' }), { port: CLIENT });
    await rig.settle();
    const etag = replies(rig, 'PUBLISH').at(-1)!.msg.header('sip-etag')!;
    rig.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:user@example.com', headers: ['Event: reg', 'Expires: 300'], callId: 'sub-1' }), { port: CLIENT });
    await rig.settle();
    const ok = replies(rig, 'SUBSCRIBE').at(-1)!;
    expect(status(ok)).toBe('200 OK');
    expect(ok.msg.header('expires')).toBe('300');
    const toTag = ok.msg.to!.tag!;
    const n1 = notifies(rig)[0]!;
    expect(n1.msg.header('subscription-state')).toMatch(/^active;expires=30\d$/);
    expect(n1.msg.from?.tag).toBe(toTag);
    expect(n1.msg.ruri).toBe(`sip:watcher@127.0.0.1:${CLIENT}`);
    const d1 = readReginfo(n1.msg.body);
    expect(d1.version).toBe(0);
    expect(d1.registrations[0]!.aor).toBe('sip:user@example.com');
    await answerNotifies(rig);
    rig.receiveRaw(request('PUBLISH', { ruri: 'sip:user@example.com', headers: ['Event: reg', `SIP-If-Match: ${etag}`], body: doc('rfc3680-6-notify-F7-partial.xml') }), { port: CLIENT });
    await rig.settle();
    const n2 = notifies(rig)[1]!;
    expect(n2.msg.cseq.seq).toBe(n1.msg.cseq.seq + 1);
    expect(readReginfo(n2.msg.body).version).toBe(1);
    await answerNotifies(rig);
    rig.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:user@example.com', headers: ['Event: reg', 'Expires: 0'], callId: 'sub-1', toTag, cseq: 2 }), { port: CLIENT });
    await rig.settle();
    expect(notifies(rig)[2]!.msg.header('subscription-state')).toBe('terminated;reason=timeout');
    expect(rig.stat('presence:active_watchers')).toBe(0);
    rig.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:user@example.com', headers: ['Event: reg'], callId: 'sub-1', toTag, cseq: 3 }), { port: CLIENT });
    await rig.settle();
    expect(status(replies(rig, 'SUBSCRIBE').at(-1))).toBe('481 Subscription Does Not Exist');
  });

  it('skips a stored body that is not a reginfo document (a row another server wrote) and keeps notifying', async () => {
    const db = await openDatabase('pglite://memory'); // the instance the rig's presence opens
    try {
      await new PresencePersistence(db, 'presentity', 'active_watchers', () => {}, (ms, fn) => { setTimeout(fn, ms); }).prepare();
      await db.knex('presentity').insert({
        username: 'user', domain: 'example.com', event: 'reg', etag: 'foreign', expires: 2147483647, received_time: 1,
        body: Buffer.from('<reginfo xmlns="urn:example:other" version="1" state="full"/>'), extra_hdrs: Buffer.alloc(0), priority: 0,
      });
      rig = await server();
      expect(rig.stat('presence:presentities')).toBe(1); // loaded at start-up
      rig.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:user@example.com', headers: ['Event: reg', 'Expires: 300'], callId: 'sub-bad' }), { port: CLIENT });
      await rig.settle();
      expect(status(replies(rig, 'SUBSCRIBE').at(-1))).toBe('200 OK');
      const first = readReginfo(notifies(rig)[0]!.msg.body);
      expect(first).toMatchObject({ version: 0, state: 'full', registrations: [] });
      await answerNotifies(rig);
      rig.receiveRaw(request('PUBLISH', { ruri: 'sip:user@example.com', headers: ['Event: reg', 'Expires: 600'], body: doc('rfc3680-5.3-example.xml') }), { port: CLIENT });
      await rig.settle();
      const second = readReginfo(notifies(rig)[1]!.msg.body);
      expect(second.version).toBe(1);
      expect(second.registrations[0]!.aor).toBe('sip:user@example.com');
    } finally {
      await db.close();
    }
  });

  it('ends a subscription whose NOTIFY is answered 481, and expired ones with reason=timeout', async () => {
    rig = await server(['modparam("presence", "clean_period", 5)']);
    rig.receiveRaw(request('SUBSCRIBE', { headers: ['Event: reg', 'Expires: 3'], callId: 'short' }), { port: CLIENT });
    rig.receiveRaw(request('SUBSCRIBE', { headers: ['Event: reg', 'Expires: 600'], callId: 'gone' }), { port: CLIENT });
    await rig.settle();
    expect(rig.stat('presence:active_watchers')).toBe(2);
    const gone = notifies(rig).find((x) => x.msg.callId === 'gone')!;
    rig.receive(uasReply(gone.msg, 481, 'Subscription Does Not Exist'), { port: CLIENT });
    await rig.settle();
    expect(rig.stat('presence:active_watchers')).toBe(1);
    const short = notifies(rig).find((x) => x.msg.callId === 'short')!;
    rig.receive(uasReply(short.msg, 200, 'OK'), { port: CLIENT });
    await rig.advance(5500);
    const last = notifies(rig).filter((x) => x.msg.callId === 'short').at(-1)!;
    expect(last.msg.header('subscription-state')).toBe('terminated;reason=timeout');
    expect(rig.stat('presence:active_watchers')).toBe(0);
  });

  it('serves "subscribe to my own registration" on one node: pua_reginfo updates the local presentity', async () => {
    rig = await server();
    rig.receiveRaw(request('SUBSCRIBE', { headers: ['Event: reg', 'Expires: 600'], callId: 'self' }), { port: CLIENT });
    await rig.settle();
    expect(readReginfo(notifies(rig)[0]!.msg.body).registrations).toEqual([]); // nothing registered yet
    await answerNotifies(rig);
    rig.receive(['REGISTER sip:example.com SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:${CLIENT};branch=z9hG4bK-r1`, 'Max-Forwards: 70',
      'From: <sip:alice@example.com>;tag=r', 'To: <sip:alice@example.com>', 'Call-ID: reg-1', 'CSeq: 1 REGISTER',
      `Contact: <sip:alice@192.0.2.7:5060>`, 'Expires: 600', 'Content-Length: 0', '', ''].join('\r\n'), { port: CLIENT });
    await rig.settle();
    await rig.settle();
    const n2 = notifies(rig)[1]!;
    const d = readReginfo(n2.msg.body);
    expect(d.version).toBe(1);
    expect(d.registrations[0]!.contacts.map((c) => [c.uri, c.state, c.event])).toEqual([['sip:alice@192.0.2.7:5060', 'active', 'registered']]);
  });

  describe('one AOR published by two registrars', () => {
    const reginfo = (contacts: string) => `<?xml version="1.0"?><reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full">` +
      `<registration aor="sip:bob@example.com" id="r" state="active">${contacts}</registration></reginfo>`;
    const contact = (id: string, uri: string, state = 'active', event = 'registered') =>
      `<contact id="${id}" state="${state}" event="${event}" expires="600" callid="c-${id}" cseq="1"><uri>${uri}</uri></contact>`;

    async function publishBoth(r: Rig): Promise<void> {
      // node A first, node B later: the same contact (sip:bob@phone) moved from A to B and
      // is gone there; each node also holds one of its own, with the same contact id
      for (const body of [reginfo(contact('1', 'sip:bob@phone') + contact('2', 'sip:bob@desk')), reginfo(contact('2', 'sip:bob@laptop') + contact('3', 'sip:bob@phone', 'terminated', 'unregistered'))]) {
        r.receiveRaw(request('PUBLISH', { ruri: 'sip:bob@example.com', headers: ['Event: reg', 'Expires: 600'], body }), { port: CLIENT });
        await r.settle();
      }
      expect(r.stat('presence:presentities')).toBe(2);
      r.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:bob@example.com', headers: ['Event: reg', 'Expires: 300'], callId: 'agg' }), { port: CLIENT });
      await r.settle();
    }

    it('aggregate_presentities=1: one registration holding every contact once, the newest word on each, unique ids, the watcher\'s version', async () => {
      rig = await server(['modparam("presence_reginfo", "aggregate_presentities", 1)']);
      await publishBoth(rig);
      const d = readReginfo(notifies(rig)[0]!.msg.body);
      expect(d).toMatchObject({ version: 0, state: 'full', skipped: [] });
      expect(d.registrations.map((r) => [r.aor, r.state])).toEqual([['sip:bob@example.com', 'active']]);
      expect(d.registrations[0]!.contacts.map((c) => [c.id, c.uri, c.state, c.expires, c.callid])).toEqual([
        ['2', 'sip:bob@laptop', 'active', 600, 'c-2'],
        ['3', 'sip:bob@phone', 'terminated', 0, 'c-3'],
        ['2.2', 'sip:bob@desk', 'active', 600, 'c-2'],
      ]);
      await answerNotifies(rig);
      rig.receiveRaw(request('SUBSCRIBE', { ruri: 'sip:bob@example.com', headers: ['Event: reg', 'Expires: 300'], callId: 'agg-2' }), { port: CLIENT });
      await rig.settle();
      expect(readReginfo(notifies(rig).find((x) => x.msg.callId === 'agg-2')!.msg.body).version).toBe(0); // numbered per watcher
    });

    it('aggregate_presentities=0 (the default): the newest document only', async () => {
      rig = await server();
      await publishBoth(rig);
      const d = readReginfo(notifies(rig)[0]!.msg.body);
      expect(d.registrations[0]!.contacts.map((c) => c.uri)).toEqual(['sip:bob@laptop', 'sip:bob@phone']);
    });

    it('refuses other values at start-up with the place of the modparam', async () => {
      const cfg = [scriptHead(['presence', 'presence_reginfo']), 'modparam("presence", "db_url", "pglite://memory")', 'modparam("presence_reginfo", "aggregate_presentities", 2)', 'route { exit; }'].join('\n');
      const res = await checkScript(loadScriptText(cfg, 'agg.cfg', '/tmp'), { listen: [], version: 'test' });
      const line = cfg.split('\n').findIndex((l) => l.includes('aggregate_presentities')) + 1;
      expect(res.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.loc.line, d.message])).toEqual([[line, "bad value 2 for parameter 'aggregate_presentities' in module 'presence_reginfo'"]]);
    });
  });
});
