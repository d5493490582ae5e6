import { afterEach, describe, expect, it } from 'vitest';
import { puaRig, answer, last, count, ALICE } from './rig.js';
import type { Rig } from '../script-rig.js';

const PIDF = '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"/>';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

function publish(r: Rig, p: Record<string, unknown>): Promise<unknown> {
  return r.mi('pua_publish', { presentity_uri: ALICE, event_package: 'presence', ...p });
}

describe('pua PUBLISH (RFC 3903)', () => {
  it('publishes with the state, then refreshes with SIP-If-Match and no body before the granted time runs out', async () => {
    rig = await puaRig();
    const done = publish(rig, { expires: 3600, content_type: 'application/pidf+xml', body: PIDF });
    await rig.settle();
    const first = last(rig, 'PUBLISH');
    expect(first.msg.header('event')).toBe('presence');
    expect(first.msg.header('expires')).toBe('3600');
    expect(first.msg.hasHeader('sip-if-match')).toBe(false);
    expect(first.msg.body.toString()).toBe(PIDF);
    expect(first.msg.header('content-type')).toBe('application/pidf+xml');
    expect(first.msg.ruri).toBe(ALICE);
    answer(rig, first, 200, 'OK', ['SIP-ETag: e1', 'Expires: 10']);
    expect(await done).toEqual({ code: 200, reason: 'OK', etag: 'e1', expires: 10 });

    await rig.advance(4000);
    expect(count(rig, 'PUBLISH')).toBe(1);
    await rig.advance(1500); // half the granted 10 s
    expect(count(rig, 'PUBLISH')).toBe(2);
    const refresh = last(rig, 'PUBLISH');
    expect(refresh.msg.header('sip-if-match')).toBe('e1');
    expect(refresh.msg.body.length).toBe(0);
    expect(refresh.msg.callId).toBe(first.msg.callId);
    expect(refresh.msg.cseq.seq).toBe(first.msg.cseq.seq + 1);
    expect(Number(refresh.msg.header('expires'))).toBeGreaterThan(3500);
    answer(rig, refresh, 200, 'OK', ['SIP-ETag: e2', 'Expires: 3590']);
    await rig.settle();
    const list = await rig.mi('pua_list') as { Publications: { etag: string }[] };
    expect(list.Publications.map((p) => p.etag)).toEqual(['e2']);
  });

  it('modifies with SIP-If-Match and the new body; removes with Expires: 0', async () => {
    rig = await puaRig();
    const d1 = publish(rig, { expires: 600, body: PIDF });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 600']);
    await d1;
    const d2 = publish(rig, { expires: 600, body: `${PIDF} ` });
    await rig.settle();
    const modify = last(rig, 'PUBLISH');
    expect(modify.msg.header('sip-if-match')).toBe('e1');
    expect(modify.msg.body.toString()).toBe(`${PIDF} `);
    answer(rig, modify, 200, 'OK', ['SIP-ETag: e2', 'Expires: 600']);
    await d2;
    const d3 = publish(rig, { expires: 0 });
    await rig.settle();
    const remove = last(rig, 'PUBLISH');
    expect(remove.msg.header('expires')).toBe('0');
    expect(remove.msg.header('sip-if-match')).toBe('e2');
    answer(rig, remove, 200, 'OK', ['SIP-ETag: e3', 'Expires: 0']);
    expect(await d3).toMatchObject({ code: 200, expires: 0 });
    expect(await rig.mi('pua_list')).toEqual({ Publications: [], Subscriptions: [] });
    await expect(publish(rig, { expires: 0 })).rejects.toThrow(/No such publication/);
  });

  it('answers 412 by publishing the whole state again as a new publication', async () => {
    rig = await puaRig();
    const d1 = publish(rig, { expires: 600, body: PIDF });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 600']);
    await d1;
    const d2 = publish(rig, { expires: 600 }); // refresh only
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 412, 'Conditional Request Failed');
    await rig.settle();
    expect(count(rig, 'PUBLISH')).toBe(3);
    const again = last(rig, 'PUBLISH');
    expect(again.msg.hasHeader('sip-if-match')).toBe(false);
    expect(again.msg.body.toString()).toBe(PIDF);
    answer(rig, again, 200, 'OK', ['SIP-ETag: fresh', 'Expires: 600']);
    expect(await d2).toMatchObject({ code: 200, etag: 'fresh' });
  });

  it('answers 423 by asking again with the Min-Expires of the reply', async () => {
    rig = await puaRig();
    const d = publish(rig, { expires: 60, body: PIDF });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 423, 'Interval Too Brief', ['Min-Expires: 1800']);
    await rig.settle();
    const retry = last(rig, 'PUBLISH');
    expect(count(rig, 'PUBLISH')).toBe(2);
    expect(retry.msg.header('expires')).toBe('1800');
    expect(retry.msg.body.toString()).toBe(PIDF);
    answer(rig, retry, 200, 'OK', ['SIP-ETag: e1', 'Expires: 1800']);
    expect(await d).toMatchObject({ code: 200, expires: 1800 });
  });

  it('reports a server that never answers as 408 and keeps a confirmed publication', async () => {
    rig = await puaRig();
    const d1 = publish(rig, { expires: 600, body: PIDF });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 600']);
    await d1;
    const d2 = publish(rig, { expires: 600, body: PIDF });
    await rig.advance(2500); // fr_timeout 2 s
    expect(await d2).toMatchObject({ code: 408 });
    expect((await rig.mi('pua_show', { pres_uri: ALICE }) as { Publications: { etag: string }[] }).Publications[0]!.etag).toBe('e1');
    // A new publication that gets no answer is dropped: nothing was ever confirmed.
    const d3 = publish(rig, { presentity_uri: 'sip:bob@127.0.0.1:7000', expires: 600, body: PIDF });
    await rig.advance(2500);
    expect(await d3).toMatchObject({ code: 408 });
    await expect(rig.mi('pua_show', { pres_uri: 'sip:bob@127.0.0.1:7000' })).rejects.toThrow(/not found/);
    expect(rig.stat('pua:publish_failed')).toBe(1);
  });

  it('keeps one PUBLISH on the wire: the next waits and then uses the ETag the first one earned', async () => {
    rig = await puaRig();
    const d1 = publish(rig, { expires: 600, body: 'one' });
    const d2 = publish(rig, { expires: 600, body: 'two' });
    const d3 = publish(rig, { expires: 600, body: 'three' });
    await rig.settle();
    expect(count(rig, 'PUBLISH')).toBe(1);
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 600']);
    await d1;
    const second = last(rig, 'PUBLISH');
    expect(count(rig, 'PUBLISH')).toBe(2);
    expect(second.msg.header('sip-if-match')).toBe('e1');
    expect(second.msg.body.toString()).toBe('two');
    answer(rig, second, 200, 'OK', ['SIP-ETag: e2', 'Expires: 600']);
    await d2;
    const third = last(rig, 'PUBLISH');
    expect(third.msg.header('sip-if-match')).toBe('e2');
    expect(third.msg.body.toString()).toBe('three');
    answer(rig, third, 200, 'OK', ['SIP-ETag: e3', 'Expires: 600']);
    expect(await d3).toMatchObject({ etag: 'e3' });
  });

  it('removes a publication the user does not want kept longer when its time is up', async () => {
    rig = await puaRig();
    const d = publish(rig, { expires: 30, body: PIDF });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 30']);
    await d;
    await rig.advance(16_000);
    const end = last(rig, 'PUBLISH');
    expect(count(rig, 'PUBLISH')).toBe(2);
    expect(end.msg.header('expires')).toBe('0');
    expect(end.msg.header('sip-if-match')).toBe('e1');
    expect(await rig.mi('pua_list')).toEqual({ Publications: [], Subscriptions: [] });
  });

  it('refuses a publication without a body and an unknown ETag', async () => {
    rig = await puaRig();
    await expect(publish(rig, { expires: 600 })).rejects.toThrow(/body is needed/);
    await expect(publish(rig, { expires: 600, etag: 'nope', body: PIDF })).rejects.toThrow(/No such publication/);
    expect(count(rig, 'PUBLISH')).toBe(0);
  });
});
