// Parallel forking with the best-reply choice (RFC 3261 16.7), branch_route per branch,
// t_newtran/t_reply, the link-time check of route names, pseudo-variables, and requests
// tsips sends itself through tm's API.
import { describe, it, expect } from 'vitest';
import { scriptRig, uacRequest, uasReply, scriptHead } from '../script-rig.js';
import { loadScriptText } from '../../../engine/config/index.js';
import { checkScript } from '../../../engine/core/server/index.js';
import type { TmApi } from '../../../modules/tm/index.js';

const HEAD = `
${scriptHead(['tm', 'sipmsgops'])}
modparam("tm", "fr_timeout", 2)
`;

const FORK = `${HEAD}
route {
  if (is_method("ACK")) { t_check_trans(); exit; }
  $ru = "sip:a@127.0.0.1:6001";
  append_branch("sip:b@127.0.0.1:6002");
  append_branch("sip:c@127.0.0.1:6003");
  t_on_branch("per_branch");
  t_relay();
}
branch_route[per_branch] {
  if ($T_branch_idx == 2) drop;
  append_hf("X-Branch: $T_branch_idx $T_ruri\\r\\n");
}
`;

const invite = (id: string) => uacRequest({ method: 'INVITE', port: 5000, branch: `z9hG4bK-${id}`, callId: id });

describe('tm forking', () => {
  it('sends one branch per destination through branch_route (drop skips one) with per-branch headers', async () => {
    const rig = await scriptRig(FORK);
    rig.receive(invite('f1'));
    await rig.settle();
    const a = rig.to(6001, /^INVITE/);
    const b = rig.to(6002, /^INVITE/);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(rig.to(6003)).toHaveLength(0);
    expect(a[0]!.msg.ruri).toBe('sip:a@127.0.0.1:6001');
    expect(a[0]!.msg.header('x-branch')).toBe('0 sip:a@127.0.0.1:6001');
    expect(b[0]!.msg.header('x-branch')).toBe('1 sip:b@127.0.0.1:6002');
  });

  it('waits for every branch and relays the best negative reply (a 486 beats a 503)', async () => {
    const rig = await scriptRig(FORK);
    rig.receive(invite('f2'));
    await rig.settle();
    rig.receive(uasReply(rig.to(6001)[0]!.msg, 503, 'Service Unavailable'), { port: 6001 });
    await rig.settle();
    expect(rig.to(5000).map((s) => s.msg.status)).toEqual([100]);
    rig.receive(uasReply(rig.to(6002)[0]!.msg, 486, 'Busy Here', { toTag: 'b' }), { port: 6002 });
    await rig.settle();
    expect(rig.to(5000).map((s) => s.msg.status)).toEqual([100, 486]);
    expect(rig.to(6001, /^ACK/)).toHaveLength(1);
    expect(rig.to(6002, /^ACK/)).toHaveLength(1);
  });

  it('a 2xx on one branch is relayed at once and the other ringing branch is cancelled', async () => {
    const rig = await scriptRig(FORK);
    rig.receive(invite('f3'));
    await rig.settle();
    rig.receive(uasReply(rig.to(6002)[0]!.msg, 180, 'Ringing', { toTag: 'b' }), { port: 6002 });
    rig.receive(uasReply(rig.to(6001)[0]!.msg, 200, 'OK'), { port: 6001 });
    await rig.settle();
    expect(rig.to(5000).map((s) => s.msg.status)).toEqual([100, 180, 200]);
    expect(rig.to(6002, /^CANCEL/)).toHaveLength(1);
  });
});

describe('tm script functions', () => {
  it('t_newtran then t_reply: 1, then 0 for the retransmission with the reply resent', async () => {
    const rig = await scriptRig(`${HEAD}
route {
  $var(r) = t_newtran();
  xlog("newtran=$var(r)\\n");
  if ($var(r) == 1) { append_to_reply("X-Why: test\\r\\n"); t_reply(403, "Forbidden $T_reply_code"); }
}`.replace('loadmodule "sipmsgops.so"', 'loadmodule "sipmsgops.so"'));
    rig.receive(uacRequest({ method: 'OPTIONS', port: 5000, branch: 'z9hG4bK-n1', callId: 'n1' }));
    rig.receive(uacRequest({ method: 'OPTIONS', port: 5000, branch: 'z9hG4bK-n1', callId: 'n1' }));
    await rig.settle();
    const up = rig.to(5000);
    expect(up.map((s) => `${s.msg.status} ${s.msg.reason}`)).toEqual(['403 Forbidden 0', '403 Forbidden 0']);
    expect(up[0]!.msg.header('x-why')).toBe('test');
    expect(up[0]!.msg.to?.tag).toBe(up[1]!.msg.to?.tag);
  });

  it('signaling send_reply goes through the transaction once there is one (a retransmission gets it again)', async () => {
    const rig = await scriptRig(`${HEAD}
route { t_newtran(); if ($rc == 1) send_reply(486, "Busy Here"); }`);
    const inv = uacRequest({ method: 'INVITE', port: 5000, branch: 'z9hG4bK-s1', callId: 's1' });
    rig.receive(inv);
    rig.receive(inv);
    await rig.settle();
    expect(rig.to(5000).map((s) => s.msg.status)).toEqual([100, 486, 486]);
    expect(rig.stat('tm:local_replies')).toBe(2);
    expect(rig.stat('sl:4xx_replies')).toBe(0);
  });

  it('refuses at start-up a t_on_failure naming a failure_route that does not exist', async () => {
    const load = loadScriptText(`${HEAD}
route { t_on_failure("missed"); t_relay(); }
failure_route[other] { exit; }
`, 'bad.cfg', '/tmp');
    const res = await checkScript(load, { listen: [], version: 'test' });
    const errs = res.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`)).toEqual(['10:22 failure_route[missed] is not defined']);
  });
});

describe('tm local requests (UAC API)', () => {
  it('sends a request with its own Call-ID, From tag and CSeq, retransmits it, and resolves with the final reply', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { exit; }`);
    const tm = rig.modules.modules.find((m) => m.name === 'tm')!;
    const api = tm.def.api!(tm.state) as TmApi;
    const done = api.request({
      method: 'PUBLISH', ruri: 'sip:alice@127.0.0.1:6001', from: '<sip:alice@example.com>', to: '<sip:alice@example.com>',
      headers: [['Event', 'reg'], ['Expires', '3600']], body: '<x/>', contentType: 'application/reginfo+xml',
    });
    await rig.settle();
    await rig.advance(510);
    const sent = rig.to(6001, /^PUBLISH/);
    expect(sent).toHaveLength(2);
    const m = sent[0]!.msg;
    expect(m.cseq.seq).toBe(10);
    expect(m.from?.tag).toBeTruthy();
    expect(m.header('event')).toBe('reg');
    expect(m.body.toString()).toBe('<x/>');
    rig.receive(uasReply(m, 200, 'OK', { extra: ['SIP-ETag: e1'] }), { port: 6001 });
    const r = await done;
    expect(r.code).toBe(200);
    expect(r.reply?.header('sip-etag')).toBe('e1');
    expect(r.callId).toBe(m.callId);
    expect(rig.stat('tm:UAC_transactions')).toBe(1);
    expect(rig.stat('tm:inuse_transactions')).toBe(1); // Timer K: kept to absorb retransmitted replies
  });

  it('over TCP: no retransmission, and the transaction ends with its final reply (RFC 3261 17.1.2.2, Timer K = 0)', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { exit; }`, { tcp: true });
    const tm = rig.modules.modules.find((m) => m.name === 'tm')!;
    const api = tm.def.api!(tm.state) as TmApi;
    const done = api.request({
      method: 'PUBLISH', ruri: 'sip:alice@example.com', from: '<sip:alice@example.com>', to: '<sip:alice@example.com>',
      outboundProxy: 'sip:127.0.0.1:6001;transport=tcp', headers: [['Event', 'reg']],
    });
    await rig.settle();
    await rig.advance(1100);
    const sent = rig.to(6001, /^PUBLISH/);
    expect(sent.map((s) => s.to.proto)).toEqual(['tcp']);
    expect(sent[0]!.msg.header('via')).toMatch(/^SIP\/2\.0\/TCP /);
    expect(rig.stat('tm:inuse_transactions')).toBe(1);
    rig.receive(uasReply(sent[0]!.msg, 200, 'OK', { extra: ['SIP-ETag: e1'] }), { port: 6001 });
    expect((await done).code).toBe(200);
    await rig.settle();
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
  });

  it('resolves with 408 when nothing answers within fr_timeout', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { exit; }`);
    const tm = rig.modules.modules.find((m) => m.name === 'tm')!;
    const api = tm.def.api!(tm.state) as TmApi;
    let result: { code: number } | undefined;
    void api.request({ method: 'SUBSCRIBE', ruri: 'sip:bob@127.0.0.1:6009', from: '<sip:a@x>', to: '<sip:bob@x>' }).then((r) => { result = r; });
    await rig.advance(1990);
    expect(result).toBeUndefined();
    await rig.advance(30);
    expect(result?.code).toBe(408);
  });

  it('a send failure counts as a 503 from the branch (RFC 3261 16.9)', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { exit; }`);
    rig.failPort(6010);
    const tm = rig.modules.modules.find((m) => m.name === 'tm')!;
    const api = tm.def.api!(tm.state) as TmApi;
    const r = await api.request({ method: 'OPTIONS', ruri: 'sip:x@127.0.0.1:6010', from: '<sip:a@x>', to: '<sip:x@x>' });
    expect(r.code).toBe(503);
  });
});

describe('tm without a destination', () => {
  it('answers 500 itself when every branch is dropped, unless no-auto-477 is given', async () => {
    const cfg = (flags: string) => `${HEAD}
route { t_on_branch("none"); if (!t_relay(${flags})) { xlog("relay failed $rc\\n"); t_reply(503, "Script Says No"); } }
branch_route[none] { drop; }`;
    const auto = await scriptRig(cfg(''));
    auto.receive(uacRequest({ method: 'OPTIONS', port: 5000, branch: 'z9hG4bK-d1', callId: 'd1' }));
    await auto.settle();
    expect(auto.to(5000).map((s) => `${s.msg.status} ${s.msg.reason}`)).toEqual(['500 No destination available']);
    const own = await scriptRig(cfg('"no-auto-477"'));
    own.receive(uacRequest({ method: 'OPTIONS', port: 5000, branch: 'z9hG4bK-d2', callId: 'd2' }));
    await own.settle();
    expect(own.to(5000).map((s) => `${s.msg.status} ${s.msg.reason}`)).toEqual(['503 Script Says No']);
  });

  it('ends a non-INVITE transaction answered over TCP at once (RFC 3261 17.2.2, Timer J = 0), keeps a UDP one for wt_timer', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { t_newtran(); t_reply(200, "OK"); exit; }`, { tcp: true });
    rig.receive(uacRequest({ method: 'PUBLISH', port: 5000, branch: 'z9hG4bK-j1', callId: 'j1' }), { proto: 'tcp' });
    await rig.settle();
    expect(rig.to(5000).map((s) => [s.to.proto, s.msg.status])).toEqual([['tcp', 200]]);
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
    rig.receive(uacRequest({ method: 'PUBLISH', port: 5001, branch: 'z9hG4bK-j2', callId: 'j2' }));
    await rig.settle();
    expect(rig.to(5001).map((s) => [s.to.proto, s.msg.status])).toEqual([['udp', 200]]);
    expect(rig.stat('tm:inuse_transactions')).toBe(1);
    // a retransmission over UDP is answered from the transaction, not run through the script again
    rig.receive(uacRequest({ method: 'PUBLISH', port: 5001, branch: 'z9hG4bK-j2', callId: 'j2' }));
    await rig.settle();
    expect(rig.to(5001)).toHaveLength(2);
    expect(rig.stat('tm:inuse_transactions')).toBe(1);
  });

  it('frees a transaction the script created but never answered or relayed', async () => {
    const rig = await scriptRig(`${HEAD}\nroute { t_newtran(); exit; }`);
    rig.receive(uacRequest({ method: 'OPTIONS', port: 5000, branch: 'z9hG4bK-l1', callId: 'l1' }));
    await rig.settle();
    expect(rig.stat('tm:inuse_transactions')).toBe(1);
    await rig.advance(2100);
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
  });
});
