import { afterEach, describe, expect, it } from 'vitest';
import { puaRig, answer, last, count, ALICE, SERVER } from './rig.js';
import type { Rig, Sent } from '../script-rig.js';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

const WATCHER = 'sip:bob@example.com';

function subscribe(r: Rig, expires: number): Promise<unknown> {
  return r.mi('pua_subscribe', { presentity_uri: ALICE, watcher_uri: WATCHER, event_package: 'presence', expires });
}

/** A NOTIFY the server sends in the dialog of a SUBSCRIBE it received. */
function notify(sub: Sent, o: { state: string; cseq: number; contact?: string; toTag?: string; callId?: string }): string {
  const from = sub.msg.header('from')!;
  return [
    `NOTIFY ${sub.msg.header('contact')!.replace(/^<|>$/g, '')} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${SERVER};branch=z9hG4bK-n${o.cseq}-${Math.random().toString(36).slice(2)}`,
    'Max-Forwards: 70',
    `From: <${ALICE}>;tag=${o.toTag ?? 'srv1'}`,
    `To: ${from}`,
    `Call-ID: ${o.callId ?? sub.msg.callId}`,
    `CSeq: ${o.cseq} NOTIFY`,
    `Contact: <${o.contact ?? 'sip:presence@127.0.0.1:7000'}>`,
    'Event: presence',
    `Subscription-State: ${o.state}`,
    'Content-Length: 0',
    '', '',
  ].join('\r\n');
}

async function established(r: Rig): Promise<Sent> {
  await subscribe(r, 3600);
  await r.settle();
  const sub = last(r, 'SUBSCRIBE');
  answer(r, sub, 200, 'OK', ['Expires: 10', 'Contact: <sip:presence@127.0.0.1:7000>', 'Record-Route: <sip:p2.example.com;lr>, <sip:127.0.0.1:7000;lr>']);
  await r.settle();
  r.receive(notify(sub, { state: 'active;expires=10', cseq: 1 }), { port: SERVER });
  await r.settle();
  return sub;
}

function replies(r: Rig, code: number): Sent[] {
  return r.to(SERVER, new RegExp(`^SIP/2.0 ${code} `));
}

describe('pua SUBSCRIBE (RFC 6665)', () => {
  it('subscribes, stores the dialog from the 200 and the NOTIFY, refreshes in the dialog before expiry', async () => {
    rig = await puaRig();
    const sub = await established(rig);
    expect(sub.msg.header('event')).toBe('presence');
    expect(sub.msg.header('expires')).toBe('3600');
    expect(sub.msg.header('contact')).toBe('<sip:bob@127.0.0.1:5060>');
    expect(sub.msg.to?.tag).toBeUndefined();
    expect(replies(rig, 200)).toHaveLength(1); // pua_update_contact() matched the NOTIFY
    const list = await rig.mi('pua_list') as { Subscriptions: Record<string, unknown>[] };
    expect(list.Subscriptions[0]).toMatchObject({ call_id: sub.msg.callId, to_tag: 'srv1', state: 'active', remote_target: 'sip:presence@127.0.0.1:7000', cseq: 1 });

    await rig.advance(5500);
    expect(count(rig, 'SUBSCRIBE')).toBe(2);
    const refresh = last(rig, 'SUBSCRIBE');
    expect(refresh.msg.callId).toBe(sub.msg.callId);
    expect(refresh.msg.to?.tag).toBe('srv1');
    expect(refresh.msg.from?.tag).toBe(sub.msg.from?.tag);
    expect(refresh.msg.cseq.seq).toBe(2);
    expect(refresh.msg.ruri).toBe('sip:presence@127.0.0.1:7000');
    // The route set is the Record-Route list reversed (RFC 3261 12.1.2).
    expect(refresh.msg.headerValues('route')).toEqual(['<sip:127.0.0.1:7000;lr>', '<sip:p2.example.com;lr>']);
    expect(refresh.to.port).toBe(SERVER);
  });

  it('takes the remote target of later SUBSCRIBEs from a NOTIFY Contact (pua_update_contact)', async () => {
    rig = await puaRig();
    const sub = await established(rig);
    rig.receive(notify(sub, { state: 'active;expires=10', cseq: 2, contact: 'sip:moved@127.0.0.1:7000' }), { port: SERVER });
    await rig.settle();
    await rig.advance(5500);
    expect(last(rig, 'SUBSCRIBE').msg.ruri).toBe('sip:moved@127.0.0.1:7000');
  });

  it('starts a new subscription when a refresh is answered 481', async () => {
    rig = await puaRig();
    const sub = await established(rig);
    await rig.advance(5500);
    answer(rig, last(rig, 'SUBSCRIBE'), 481, 'Subscription Does Not Exist');
    await rig.settle();
    expect(count(rig, 'SUBSCRIBE')).toBe(3);
    const fresh = last(rig, 'SUBSCRIBE');
    expect(fresh.msg.callId).not.toBe(sub.msg.callId);
    expect(fresh.msg.to?.tag).toBeUndefined();
    expect(fresh.msg.ruri).toBe(ALICE);
    expect(Number(fresh.msg.header('expires'))).toBeGreaterThan(3500);
  });

  it('ends the subscription on a terminated NOTIFY and subscribes again only when the reason invites it', async () => {
    rig = await puaRig();
    let sub = await established(rig);
    rig.receive(notify(sub, { state: 'terminated;reason=deactivated', cseq: 2 }), { port: SERVER });
    await rig.settle();
    expect(count(rig, 'SUBSCRIBE')).toBe(2);
    sub = last(rig, 'SUBSCRIBE');
    answer(rig, sub, 200, 'OK', ['Expires: 600', 'Contact: <sip:presence@127.0.0.1:7000>'], 'srv2');
    await rig.settle();
    rig.receive(notify(sub, { state: 'terminated;reason=rejected', cseq: 1, toTag: 'srv2' }), { port: SERVER });
    await rig.settle();
    await rig.advance(1000);
    expect(count(rig, 'SUBSCRIBE')).toBe(2);
    expect(await rig.mi('pua_list')).toEqual({ Publications: [], Subscriptions: [] });
    // A NOTIFY for a dialog pua does not hold: pua_update_contact() fails, the script says 481.
    rig.receive(notify(sub, { state: 'active', cseq: 2, toTag: 'srv2' }), { port: SERVER });
    await rig.settle();
    expect(replies(rig, 481)).toHaveLength(1);
  });

  it('unsubscribes with Expires: 0 in the dialog', async () => {
    rig = await puaRig();
    const sub = await established(rig);
    await subscribe(rig, 0);
    await rig.settle();
    const un = last(rig, 'SUBSCRIBE');
    expect(un.msg.header('expires')).toBe('0');
    expect(un.msg.callId).toBe(sub.msg.callId);
    expect(un.msg.cseq.seq).toBe(2);
    answer(rig, un, 200, 'OK', ['Expires: 0']);
    await rig.settle();
    // The final NOTIFY still finds the dialog; then it is gone.
    rig.receive(notify(sub, { state: 'terminated;reason=timeout', cseq: 3 }), { port: SERVER });
    await rig.settle();
    expect(replies(rig, 200)).toHaveLength(2);
    await rig.advance(6000);
    expect(count(rig, 'SUBSCRIBE')).toBe(2);
    expect(await rig.mi('pua_list')).toEqual({ Publications: [], Subscriptions: [] });
  });

  it('matches a NOTIFY only by the exact Call-ID and tags', async () => {
    rig = await puaRig();
    const sub = await established(rig);
    rig.receive(notify(sub, { state: 'active', cseq: 2, toTag: 'srv1x' }), { port: SERVER });
    rig.receive(notify(sub, { state: 'active', cseq: 3, callId: `${sub.msg.callId}x` }), { port: SERVER });
    await rig.settle();
    expect(replies(rig, 481)).toHaveLength(2);
    expect(rig.stat('pua:notify_unmatched')).toBe(2);
  });
});
