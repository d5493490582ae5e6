// pua's API as event modules use it (bind_pua): events, callbacks, dialog queries, the
// codes of sendPublish/sendSubscribe, the body hook.
import { afterEach, describe, expect, it } from 'vitest';
import { puaRig, answer, last, count, ALICE } from './rig.js';
import type { Rig } from '../script-rig.js';
import {
  BLA_EVENT, DIALOG_EVENT, ERR_PUBLISH_NO_BODY, ERR_PUBLISH_NO_RECORD, INSERT_TYPE, MSGSUM_EVENT, PRESENCE_EVENT, PWINFO_EVENT, REGINFO_EVENT,
  REGINFO_PUBLISH, REGINFO_SUBSCRIBE, UL_PUBLISH, type PuaApi, type PuaRecord, type PuaReply,
} from '../../../modules/pua/api.js';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

function apiOf(r: Rig): PuaApi {
  const m = r.modules.modules.find((x) => x.name === 'pua')!;
  return m.def.api!(m.state) as PuaApi;
}

describe('pua API', () => {
  it('knows the built-in events; add_event registers reg; duplicates keep the first', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    expect(['presence', 'presence.winfo', 'dialog;sla', 'message-summary'].map((n) => api.eventFlag(n))).toEqual([PRESENCE_EVENT, PWINFO_EVENT, BLA_EVENT, MSGSUM_EVENT]);
    expect(api.eventFlag('reg')).toBeUndefined();
    expect(api.addEvent(REGINFO_EVENT, 'reg', 'application/reginfo+xml')).toBe(0);
    expect(api.addEvent(DIALOG_EVENT, 'reg', 'text/plain')).toBe(0);
    expect(api.eventFlag('reg')).toBe(REGINFO_EVENT);
    expect(api.addEvent(3, 'two-bits', undefined)).toBe(-1);
    // A publication of an unregistered event is refused.
    expect(await api.sendPublish({ presUri: ALICE, expires: 60, event: DIALOG_EVENT, sourceFlag: UL_PUBLISH, body: 'x' })).toBe(-1);
  });

  it('sends the event Content-Type and extra headers, runs the body hook with the version, calls back REGINFO sources', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    const versions: number[] = [];
    api.addEvent(REGINFO_EVENT, 'reg', 'application/reginfo+xml', (publ, version) => {
      versions.push(version);
      return { body: publ.body!.replace('VERSION', String(version)) };
    });
    const seen: [PuaRecord, PuaReply, unknown][] = [];
    // OpenSIPS refuses callbacks for source flags above 1<<9 (reference 8 #12); tsips does not.
    expect(api.registerPuacb(REGINFO_PUBLISH | REGINFO_SUBSCRIBE, (r, reply, param) => seen.push([r, reply, param]), 'P')).toBe(1);
    const replies: PuaReply[] = [];
    expect(await api.sendPublish({
      id: 'REGINFO_PUBLISH.alice@example.com', presUri: 'sip:alice@example.com', expires: 600, event: REGINFO_EVENT, sourceFlag: REGINFO_PUBLISH,
      body: '<reginfo version="VERSION"/>', extraHeaders: 'X-Test: one\r\n', onReply: (r) => replies.push(r), outboundProxy: '127.0.0.1:7000',
    })).toBe(0);
    await rig.settle();
    const p = last(rig, 'PUBLISH'); // sent to the outbound proxy, not to example.com
    expect(p.msg.ruri).toBe('sip:alice@example.com');
    expect(p.msg.header('event')).toBe('reg');
    expect(p.msg.header('content-type')).toBe('application/reginfo+xml');
    expect(p.msg.header('x-test')).toBe('one');
    expect(p.msg.body.toString()).toBe('<reginfo version="1"/>');
    answer(rig, p, 200, 'OK', ['SIP-ETag: r1', 'Expires: 600']);
    await rig.settle();
    expect(replies).toEqual([{ code: 200, reason: 'OK', etag: 'r1', expires: 600 }]);
    expect(seen.map(([r, reply, param]) => [r.id, reply.code, param])).toEqual([['REGINFO_PUBLISH.alice@example.com', 200, 'P']]);
    await api.sendPublish({ id: 'REGINFO_PUBLISH.alice@example.com', presUri: 'sip:alice@example.com', expires: 600, event: REGINFO_EVENT, sourceFlag: REGINFO_PUBLISH, body: '<reginfo version="VERSION"/>' });
    await rig.settle();
    expect(last(rig, 'PUBLISH').msg.body.toString()).toBe('<reginfo version="2"/>');
    expect(last(rig, 'PUBLISH').msg.header('x-test')).toBe('one'); // kept with the record
    expect(versions).toEqual([1, 2]);
  });

  it('returns the OpenSIPS codes: no body, no record to remove, unknown ETag (negative, unlike OpenSIPS 418)', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    expect(await api.sendPublish({ presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH })).toBe(ERR_PUBLISH_NO_BODY);
    expect(await api.sendPublish({ presUri: ALICE, expires: 0, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH })).toBe(ERR_PUBLISH_NO_RECORD);
    expect(await api.sendPublish({ presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, etag: 'x', body: 'b' })).toBe(ERR_PUBLISH_NO_RECORD);
    expect(await api.sendPublish({ presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'b', extraHeaders: 'not a header\r\n' })).toBe(-1);
    expect(count(rig, 'PUBLISH')).toBe(0);
  });

  it('keys records by source flag and id; INSERT_TYPE always makes a new publication', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    await api.sendPublish({ id: 'a', presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'one' });
    await api.sendPublish({ id: 'b', presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'two' });
    await rig.settle();
    expect(count(rig, 'PUBLISH')).toBe(2); // two records, each with its own PUBLISH in flight
    expect(rig.stat('pua:publications')).toBe(2);
    await api.sendPublish({ id: 'a', presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'three', flag: INSERT_TYPE });
    await rig.settle();
    expect(count(rig, 'PUBLISH')).toBe(3);
    expect(rig.stat('pua:publications')).toBe(2);
  });

  it('answers dialog queries for subscriptions; internal updates leave an existing dialog alone', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    const subs = { id: 'w1', presUri: ALICE, watcherUri: 'sip:bob@example.com', contact: 'sip:bob@127.0.0.1:5060', event: PRESENCE_EVENT, expires: 600, sourceFlag: REGINFO_SUBSCRIBE };
    expect(await api.sendSubscribe(subs)).toBe(0);
    await rig.settle();
    const s = last(rig, 'SUBSCRIBE');
    answer(rig, s, 200, 'OK', ['Expires: 600', 'Contact: <sip:n@127.0.0.1:7000>']);
    await rig.settle();
    const d = { presUri: ALICE, watcherUri: 'sip:bob@example.com', callId: s.msg.callId, fromTag: s.msg.from!.tag!, toTag: 'srv1' };
    expect(api.isDialog(d)).toBe(0);
    expect(api.getRecordId(d)).toBe('w1');
    expect(api.isDialog({ ...d, toTag: 'other' })).toBe(-1);
    expect(api.getSubsList('w')).toEqual([ALICE]);
    expect(await api.sendSubscribe({ ...subs, internalUpdateFlag: true })).toBe(0);
    await rig.settle();
    expect(count(rig, 'SUBSCRIBE')).toBe(1);
  });

  it('reports an error reply and a timeout through the reply callback and the registered callbacks', async () => {
    rig = await puaRig();
    const api = apiOf(rig);
    const seen: number[] = [];
    api.registerPuacb(UL_PUBLISH, (_r, reply) => seen.push(reply.code));
    const replies: number[] = [];
    await api.sendPublish({ presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'b', onReply: (r) => replies.push(r.code) });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 503, 'Service Unavailable');
    await rig.settle();
    expect(rig.stat('pua:publications')).toBe(0);
    await api.sendPublish({ presUri: ALICE, expires: 600, event: PRESENCE_EVENT, sourceFlag: UL_PUBLISH, body: 'b', onReply: (r) => replies.push(r.code) });
    await rig.advance(2500);
    expect(replies).toEqual([503, 408]);
    expect(seen).toEqual([503, 408]);
  });
});
