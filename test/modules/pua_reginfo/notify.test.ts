// reginfo_handle_notify against the RFC 3680 corpus: one subscription stepped through the
// authored sequence, full and partial state, the interop rule for notifiers that always
// send version 0, and the hostile bodies.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { reginfoRig, subscribed, notify, replyTo, contactsOf, corpus, hostile, usrloc, PEER } from './rig.js';
import { repoRoot } from '../../e2e/tsips-process.js';
import type { Rig, Sent } from '../script-rig.js';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

async function send(r: Rig, sub: Sent, cseq: number, body: string | Buffer, o?: { state?: string; callId?: string }): Promise<string> {
  r.receiveRaw(notify(sub, cseq, body, o), { port: PEER });
  await r.settle();
  return replyTo(r, cseq);
}

const DAVE = 'dave@example.com';
const uriOf: Record<string, string> = {
  c1: 'sip:dave@192.0.2.41:5060', c2: 'sip:dave@198.51.100.42:5070;transport=tcp', c3: 'sip:dave@192.0.2.43', c4: 'sip:dave@192.0.2.44', c5: 'sip:dave@192.0.2.45:5080',
};

describe('reginfo_handle_notify', () => {
  it('follows one subscription through the RFC 3680 sequence: events, partial and full state, a version gap', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    const steps: [string, string[], string][] = [
      ['authored-seq-00-full-init.xml', [], '200 OK none'],
      ['authored-seq-01-partial-registered.xml', ['c1'], '200 OK one'],
      ['authored-seq-02-partial-created.xml', ['c1', 'c2'], '200 OK one'],
      ['authored-seq-03-partial-refreshed.xml', ['c1', 'c2'], '200 OK one'],
      ['authored-seq-04-partial-shortened.xml', ['c1', 'c2'], '200 OK one'],
      ['authored-seq-05-partial-probation.xml', ['c1'], '200 OK one'],
      ['authored-seq-06-partial-deactivated.xml', [], '200 OK none'],
      ['authored-seq-07-partial-registered-again.xml', ['c3'], '200 OK one'],
      ['authored-seq-08-partial-second-registered.xml', ['c3', 'c4'], '200 OK one'],
      ['authored-seq-09-partial-unregistered.xml', ['c4'], '200 OK one'],
      ['authored-seq-10-partial-rejected.xml', [], '200 OK none'],
      ['authored-seq-11-full-after-refresh.xml', ['c5'], '200 OK one'],
    ];
    let cseq = 1;
    for (const [file, held, reply] of steps) {
      expect(await send(rig, sub, ++cseq, corpus(file)), file).toBe(reply);
      expect(contactsOf(rig, DAVE).sort(), file).toEqual(held.map((c) => uriOf[c]).sort());
      if (file.includes('shortened')) {
        const ul = usrloc(rig);
        const c = ul.getUrecord(ul.getUdomain('location')!, DAVE)!.contacts.find((x) => x.uri === uriOf.c1)!;
        expect(c.expires - ul.nowSec()).toBe(60);
      }
    }
    // Replaying an older document is ignored (RFC 3680 5.2).
    await send(rig, sub, ++cseq, corpus('authored-seq-08-partial-second-registered.xml'));
    expect(contactsOf(rig, DAVE)).toEqual([uriOf.c5]);
    // Versions 12 and 13 were never seen: applied, and full state is asked for again.
    const before = rig.to(PEER, /^SUBSCRIBE /).length;
    await send(rig, sub, ++cseq, corpus('authored-seq-12-partial-version-gap.xml'));
    expect(contactsOf(rig, DAVE)).toEqual([uriOf.c5]);
    await rig.settle();
    const refresh = rig.to(PEER, /^SUBSCRIBE /).slice(before)[0];
    expect(refresh?.msg.callId).toBe(sub.msg.callId);
    expect(refresh?.msg.header('event')).toBe('reg');
  });

  it('keys the AOR as the registrar does: user@domain with use_domain=1, user with use_domain=0', async () => {
    rig = await reginfoRig({ useDomain: 0 });
    const sub = await subscribed(rig);
    await send(rig, sub, 2, corpus('authored-seq-01-partial-registered.xml'));
    expect(contactsOf(rig, 'dave')).toEqual([uriOf.c1]);
    expect(contactsOf(rig, DAVE)).toEqual([]);
  });

  it('applies a full document of several AORs and flushes what the subscription held before', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    await send(rig, sub, 2, corpus('authored-seq-01-partial-registered.xml'));
    expect(await send(rig, sub, 3, corpus('authored-full-multi-aor.xml'))).toBe('200 OK one');
    expect(contactsOf(rig, DAVE)).toEqual([]); // not in the full state any more
    expect(contactsOf(rig, 'alice@example.com')).toHaveLength(2);
    expect(contactsOf(rig, 'bob@example.com')).toHaveLength(2);
    expect(contactsOf(rig, 'carol@example.com')).toEqual([]);
    expect(contactsOf(rig, 'dan@example.com')).toEqual([]);
    // The corpus file has version 4; in this subscription it comes after 12.
    expect(await send(rig, sub, 4, corpus('authored-empty-full.xml').replace('version="4"', 'version="13"'))).toBe('200 OK none');
    expect(contactsOf(rig, 'alice@example.com')).toEqual([]);
  });

  it('keeps Call-ID, CSeq, q, received, path, user agent and unknown-params of a contact', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    await send(rig, sub, 2, corpus('authored-unknown-params.xml'));
    const ul = usrloc(rig);
    const all = [...ul.records(ul.getUdomain('location')!)].flatMap((r) => r.contacts);
    const withInstance = all.find((c) => c.instance);
    expect(withInstance?.instance).toMatch(/^"<urn:uuid:/);
    expect(all.some((c) => c.attr?.includes(';audio'))).toBe(true);
    await send(rig, sub, 3, corpus('authored-opensips-pua_reginfo-shape.xml'));
    const kept = [...ul.records(ul.getUdomain('location')!)].flatMap((r) => r.contacts).find((c) => c.received);
    expect(kept?.userAgent).not.toBe('');
    expect(kept?.callid).not.toBe('');
  });

  it('follows a notifier that always sends version 0 full state, by the NOTIFY CSeq; replays are ignored', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    const doc = (contacts: string[]) => `<?xml version="1.0"?><reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full"><registration aor="sip:eve@example.com" id="r" state="active">${
      contacts.map((c, i) => `<contact id="${i}" state="active" event="registered" expires="600" callid="k${c}" cseq="1"><uri>sip:eve@${c}</uri></contact>`).join('')}</registration></reginfo>`;
    await send(rig, sub, 2, doc(['192.0.2.1']));
    await send(rig, sub, 3, doc(['192.0.2.1', '192.0.2.2']));
    expect(contactsOf(rig, 'eve@example.com')).toHaveLength(2);
    await send(rig, sub, 4, doc(['192.0.2.2']));
    expect(contactsOf(rig, 'eve@example.com')).toEqual(['sip:eve@192.0.2.2']);
    await send(rig, sub, 3, doc(['192.0.2.1', '192.0.2.2'])); // an old NOTIFY arriving late
    expect(contactsOf(rig, 'eve@example.com')).toEqual(['sip:eve@192.0.2.2']);
  });

  it('refuses hostile bodies with -1, leaves usrloc as it was and keeps running', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    await send(rig, sub, 2, corpus('authored-seq-01-partial-registered.xml'));
    let cseq = 2;
    const dir = join(repoRoot, 'test', 'fixtures', 'reginfo-hostile');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.xml'))) {
      expect(await send(rig, sub, ++cseq, hostile(f)), f).toBe('400 Refused');
      expect(contactsOf(rig, DAVE), f).toEqual([uriOf.c1]);
      expect([...usrloc(rig).records(usrloc(rig).getUdomain('location')!)].map((r) => r.aor)).toEqual([DAVE]);
    }
    // A stale version after all that is ignored; the engine still applies good documents.
    expect(await send(rig, sub, ++cseq, corpus('authored-seq-02-partial-created.xml'))).toBe('200 OK one');
    expect(contactsOf(rig, DAVE)).toHaveLength(2);
    const lines = rig.services.lines.filter((l) => /refused/.test(l));
    expect(lines.length).toBe(readdirSync(dir).filter((n) => n.endsWith('.xml')).length);
  });

  it('answers -1 to a NOTIFY of no subscription of ours and to another event package', async () => {
    rig = await reginfoRig();
    const sub = await subscribed(rig);
    expect(await send(rig, sub, 2, corpus('authored-seq-01-partial-registered.xml'), { callId: 'someone-else' })).toBe('400 Refused');
    expect(contactsOf(rig, DAVE)).toEqual([]);
  });
});
