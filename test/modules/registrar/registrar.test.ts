// registrar + usrloc through a real script (fake network and clock): REGISTER handling as a
// UA sees it in the replies, and lookup() feeding t_relay.
import { describe, it, expect } from 'vitest';
import { scriptRig, uasReply, type Rig, scriptHead } from '../script-rig.js';

const CFG = (params = '') => `
${scriptHead(['tm', 'sipmsgops', 'usrloc', 'registrar'])}
modparam("registrar", "min_expires", 60)
modparam("registrar", "max_expires", 7200)
${params}
route {
  if (is_method("REGISTER")) {
    if (!save("location")) xlog("save failed\\n");
    exit;
  }
  if (!lookup("location", "method-filtering")) { t_reply(404, "Not Found"); exit; }
  t_relay();
}`;

let n = 0;
function register(rig: Rig, o: { user?: string; contacts?: string[]; expires?: number; callId?: string; cseq?: number; extra?: string[] } = {}) {
  const id = o.callId ?? `reg-${++n}`;
  const lines = [
    `REGISTER sip:127.0.0.1:5060 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-${id}-${o.cseq ?? 1}-${n}`,
    'Max-Forwards: 70',
    `From: <sip:${o.user ?? 'alice'}@127.0.0.1>;tag=f${n}`,
    `To: <sip:${o.user ?? 'alice'}@127.0.0.1>`,
    `Call-ID: ${id}`,
    `CSeq: ${o.cseq ?? 1} REGISTER`,
    ...(o.contacts ?? ['<sip:alice@127.0.0.1:5000>']).map((c) => `Contact: ${c}`),
    ...(o.expires === undefined ? [] : [`Expires: ${o.expires}`]),
    ...(o.extra ?? []),
    'Content-Length: 0', '', '',
  ];
  rig.receive(lines.join('\r\n'));
}

const lastReply = (rig: Rig) => rig.to(5000).at(-1)!.msg;

describe('registrar save()', () => {
  it('answers 200 with the binding, its remaining time and a Date', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { expires: 600 });
    await rig.settle();
    const r = lastReply(rig);
    expect(r.status).toBe(200);
    expect(r.header('contact')).toBe('<sip:alice@127.0.0.1:5000>;expires=600');
    expect(r.header('date')).toMatch(/GMT$/);
    expect(rig.stat('usrloc:location-contacts')).toBe(1);
    expect(rig.stat('registrar:accepted_regs')).toBe(1);
  });

  it('lists every binding of the AOR, refreshes one, and removes one with expires=0', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { callId: 'a', contacts: ['<sip:alice@127.0.0.1:5001>'], expires: 600 });
    register(rig, { callId: 'b', contacts: ['<sip:alice@127.0.0.1:5002>;expires=300'], expires: 600 });
    await rig.settle();
    expect(lastReply(rig).header('contact')).toBe('<sip:alice@127.0.0.1:5001>;expires=600, <sip:alice@127.0.0.1:5002>;expires=300');
    await rig.advance(100_000);
    register(rig, { callId: 'a', cseq: 2, contacts: ['<sip:alice@127.0.0.1:5001>'], expires: 0 });
    await rig.settle();
    expect(lastReply(rig).header('contact')).toBe('<sip:alice@127.0.0.1:5002>;expires=200');
  });

  it('Contact: * with Expires: 0 removes everything; without Expires: 0 it is a 400', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { callId: 'x', contacts: ['<sip:alice@127.0.0.1:5001>'] });
    register(rig, { callId: 'y', contacts: ['*'] });
    await rig.settle();
    expect(lastReply(rig).status).toBe(400);
    register(rig, { callId: 'y', contacts: ['*'], expires: 0 });
    await rig.settle();
    expect(lastReply(rig).status).toBe(200);
    expect(lastReply(rig).header('contact')).toBeUndefined();
    expect(rig.stat('usrloc:location-users')).toBe(0);
  });

  it('raises a too short lifetime to min_expires, or answers 423 with Min-Expires when asked to', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { expires: 5 });
    await rig.settle();
    expect(lastReply(rig).header('contact')).toBe('<sip:alice@127.0.0.1:5000>;expires=60');
    const strict = await scriptRig(CFG('modparam("registrar", "reject_short_expires", 1)'));
    register(strict, { expires: 5 });
    await strict.settle();
    expect(lastReply(strict).status).toBe(423);
    expect(lastReply(strict).header('min-expires')).toBe('60');
  });

  it('clamps to max_expires, refuses an older CSeq, and enforces max_contacts with 503', async () => {
    const rig = await scriptRig(CFG('modparam("registrar", "max_contacts", 1)'));
    register(rig, { callId: 'c', cseq: 5, expires: 99999 });
    await rig.settle();
    expect(lastReply(rig).header('contact')).toBe('<sip:alice@127.0.0.1:5000>;expires=7200');
    register(rig, { callId: 'c', cseq: 4, expires: 600 });
    await rig.settle();
    expect(lastReply(rig).status).toBe(400);
    expect(lastReply(rig).header('p-registrar-error')).toBe('Invalid CSeq number');
    register(rig, { callId: 'd', contacts: ['<sip:alice@127.0.0.1:5009>'] });
    await rig.settle();
    expect(lastReply(rig).status).toBe(503);
    expect(lastReply(rig).header('p-registrar-error')).toBe('Too many registered contacts');
  });

  it('expires bindings on the usrloc timer', async () => {
    const rig = await scriptRig(CFG('modparam("usrloc", "timer_interval", 10)'));
    register(rig, { expires: 60 });
    await rig.settle();
    await rig.advance(59_000);
    expect(rig.stat('usrloc:location-contacts')).toBe(1);
    await rig.advance(12_000);
    expect(rig.stat('usrloc:location-contacts')).toBe(0);
    expect(rig.stat('usrloc:location-expires')).toBe(1);
  });
});

describe('registrar is_contact_registered()', () => {
  it('needs one binding with both the contact and the Call-ID', async () => {
    const rig = await scriptRig(CFG().replace(/route \{[\s\S]*$/, `route {
  if (is_method("REGISTER")) { save("location"); exit; }
  if (is_contact_registered("location", "sip:alice@127.0.0.1", "$hdr(X-Contact)", "$hdr(X-Callid)")) sl_send_reply(200, "Yes");
  else sl_send_reply(404, "No");
}`));
    register(rig, { callId: 'cid-a', contacts: ['<sip:alice@127.0.0.1:5001>'] });
    register(rig, { callId: 'cid-b', contacts: ['<sip:alice@127.0.0.1:5002>'] });
    const ask = (id: string, contact: string, callid: string) => rig.receive([
      'OPTIONS sip:alice@127.0.0.1 SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-${id}`, 'Max-Forwards: 70',
      'From: <sip:x@127.0.0.1>;tag=1', 'To: <sip:alice@127.0.0.1>', `Call-ID: ${id}`, 'CSeq: 1 OPTIONS',
      `X-Contact: ${contact}`, `X-Callid: ${callid}`, 'Content-Length: 0', '', ''].join('\r\n'));
    ask('q1', 'sip:alice@127.0.0.1:5002', 'cid-b');
    ask('q2', 'sip:alice@127.0.0.1:5002', 'cid-a');
    await rig.settle();
    const answer = (id: string) => rig.to(5000).find((s) => s.msg.callId === id)!.msg.status;
    expect([answer('q1'), answer('q2')]).toEqual([200, 404]);
  });
});

describe('registrar lookup()', () => {
  it('relays a call to the registered contact, and 404 for an unknown user', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { user: 'bob', contacts: ['<sip:bob@127.0.0.1:6001>'] });
    await rig.settle();
    rig.receive([
      'INVITE sip:bob@127.0.0.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-inv1', 'Max-Forwards: 70',
      'From: <sip:alice@127.0.0.1>;tag=1', 'To: <sip:bob@127.0.0.1>', 'Call-ID: call1', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '',
    ].join('\r\n'));
    rig.receive([
      'INVITE sip:carol@127.0.0.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-inv2', 'Max-Forwards: 70',
      'From: <sip:alice@127.0.0.1>;tag=1', 'To: <sip:carol@127.0.0.1>', 'Call-ID: call2', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '',
    ].join('\r\n'));
    await rig.settle();
    const inv = rig.to(6001, /^INVITE/);
    expect(inv).toHaveLength(1);
    expect(inv[0]!.msg.ruri).toBe('sip:bob@127.0.0.1:6001');
    expect(rig.to(5000).filter((s) => s.msg.callId === 'call2').map((s) => s.msg.status)).toEqual([100, 404]);
    rig.receive(uasReply(inv[0]!.msg, 200, 'OK'), { port: 6001 });
    await rig.settle();
    expect(rig.to(5000).filter((s) => s.msg.callId === 'call1').map((s) => s.msg.status)).toEqual([100, 200]);
  });
});

describe('registrar with Path (RFC 3327)', () => {
  it('stores the Path, echoes it to a UA that supports it, and routes calls through it', async () => {
    const rig = await scriptRig(CFG());
    register(rig, { user: 'pat', contacts: ['<sip:pat@10.0.0.7:5070>'], extra: ['Path: <sip:127.0.0.1:6100;lr>', 'Supported: path'] });
    await rig.settle();
    expect(lastReply(rig).header('path')).toBe('<sip:127.0.0.1:6100;lr>');
    rig.receive([
      'INVITE sip:pat@127.0.0.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-p1', 'Max-Forwards: 70',
      'From: <sip:alice@127.0.0.1>;tag=1', 'To: <sip:pat@127.0.0.1>', 'Call-ID: pcall', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '',
    ].join('\r\n'));
    await rig.settle();
    const inv = rig.to(6100, /^INVITE/);
    expect(inv).toHaveLength(1); // sent to the edge proxy of the Path
    expect(inv[0]!.msg.ruri).toBe('sip:pat@10.0.0.7:5070');
    expect(inv[0]!.msg.headerValues('route')).toEqual(['<sip:127.0.0.1:6100;lr>']);
  });
});
