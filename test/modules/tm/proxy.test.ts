// tm as a stateful proxy, driven through a real script over a fake network and clock:
// relaying, retransmissions both ways, serial forking in failure_route, CANCEL, timeouts,
// onreply_route edits, and that nothing is left behind.
import { describe, it, expect } from 'vitest';
import { scriptRig, uacRequest, uasReply, type Rig, scriptHead } from '../script-rig.js';

const CFG = `
${scriptHead(['tm', 'sipmsgops'])}
modparam("tm", "fr_timeout", 2)
modparam("tm", "fr_inv_timeout", 4)
route {
  if (is_method("CANCEL")) {
    if (t_check_trans()) t_relay();
    exit;
  }
  if (is_method("ACK")) {
    if (t_check_trans()) { t_relay(); exit; }
  }
  t_check_trans();
  if ($rU == "local") { t_reply(404, "Not Here"); exit; }
  t_on_failure("retry");
  t_on_reply("r");
  $du = "sip:127.0.0.1:6001";
  t_relay();
}
onreply_route[r] {
  if ($rs == 200) { remove_hf("X-Secret"); append_hf("X-Proxied: yes\\r\\n"); }
}
failure_route[retry] {
  if (t_was_cancelled()) exit;
  if (t_check_status("486")) { $du = "sip:127.0.0.1:6002"; t_relay(); }
}
`;

const UAC = 5000;
const invite = (id: string, extra: Partial<Parameters<typeof uacRequest>[0]> = {}) =>
  uacRequest({ method: 'INVITE', port: UAC, branch: `z9hG4bK-${id}`, callId: id, ...extra });

async function withInvite(id: string): Promise<Rig> {
  const rig = await scriptRig(CFG);
  rig.receive(invite(id));
  await rig.settle();
  return rig;
}

describe('tm stateful relay', () => {
  it('answers 100 at once, relays the INVITE with its own Via, and relays 180 and 200 upstream', async () => {
    const rig = await withInvite('c1');
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100]);
    const out = rig.to(6001, /^INVITE/);
    expect(out).toHaveLength(1);
    const vias = out[0]!.msg.vias;
    expect(vias[0]!.host).toBe('127.0.0.1');
    expect(vias[0]!.port).toBe(5060);
    expect(vias[0]!.branch).toMatch(/^z9hG4bK/);
    expect(vias[1]!.branch).toBe('z9hG4bK-c1');
    rig.receive(uasReply(out[0]!.msg, 180, 'Ringing'), { port: 6001 });
    rig.receive(uasReply(out[0]!.msg, 200, 'OK', { extra: ['X-Secret: 42'] }), { port: 6001 });
    await rig.settle();
    const up = rig.to(UAC);
    expect(up.map((s) => s.msg.status)).toEqual([100, 180, 200]);
    expect(up[2]!.msg.vias).toHaveLength(1); // our Via is gone
    expect(up[2]!.msg.header('x-proxied')).toBe('yes');
    expect(up[2]!.msg.header('x-secret')).toBeUndefined();
    expect(rig.stat('tm:2xx_transactions')).toBe(1);
  });

  it('absorbs a retransmitted INVITE by resending the last reply, without relaying it again', async () => {
    const rig = await withInvite('c2');
    rig.receive(invite('c2'));
    await rig.settle();
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100, 100]);
    expect(rig.to(6001, /^INVITE/)).toHaveLength(1);
  });

  it('retransmits the INVITE downstream on Timer A until a provisional arrives', async () => {
    const rig = await withInvite('c3');
    await rig.advance(520);
    expect(rig.to(6001, /^INVITE/)).toHaveLength(2);
    await rig.advance(1000);
    expect(rig.to(6001, /^INVITE/)).toHaveLength(3);
    rig.receive(uasReply(rig.to(6001)[0]!.msg, 100, 'Trying'), { port: 6001 });
    await rig.advance(3000);
    expect(rig.to(6001, /^INVITE/)).toHaveLength(3);
    expect(rig.stat('tm:retransmission_req_T1_1')).toBe(1);
  });

  it('serial forking: a 486 is ACKed downstream and failure_route sends the call to a second UAS', async () => {
    const rig = await withInvite('c4');
    const first = rig.to(6001, /^INVITE/)[0]!.msg;
    rig.receive(uasReply(first, 486, 'Busy Here'), { port: 6001 });
    await rig.settle();
    const ack = rig.to(6001, /^ACK/);
    expect(ack).toHaveLength(1);
    expect(ack[0]!.msg.vias[0]!.branch).toBe(first.vias[0]!.branch);
    expect(ack[0]!.msg.to?.tag).toBe('uas1');
    const second = rig.to(6002, /^INVITE/);
    expect(second).toHaveLength(1);
    expect(second[0]!.msg.vias[0]!.branch).not.toBe(first.vias[0]!.branch);
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100]); // the 486 is not relayed
    rig.receive(uasReply(second[0]!.msg, 200, 'OK', { toTag: 'uas2' }), { port: 6002 });
    await rig.settle();
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100, 200]);
  });

  it('CANCEL while ringing: 200 to the CANCEL, CANCEL downstream, 487 relayed, the ACK absorbed', async () => {
    const rig = await withInvite('c5');
    const inv = rig.to(6001, /^INVITE/)[0]!.msg;
    rig.receive(uasReply(inv, 180, 'Ringing'), { port: 6001 });
    rig.receive(uacRequest({ method: 'CANCEL', port: UAC, branch: 'z9hG4bK-c5', callId: 'c5' }));
    await rig.settle();
    const up = rig.to(UAC);
    expect(up.map((s) => `${s.msg.status} ${s.msg.cseq.method}`)).toEqual(['100 INVITE', '180 INVITE', '200 CANCEL']);
    const cancel = rig.to(6001, /^CANCEL/);
    expect(cancel).toHaveLength(1);
    expect(cancel[0]!.msg.vias[0]!.branch).toBe(inv.vias[0]!.branch);
    expect(cancel[0]!.msg.ruri).toBe(inv.ruri);
    rig.receive(uasReply(cancel[0]!.msg, 200, 'OK'), { port: 6001 });
    rig.receive(uasReply(inv, 487, 'Request Terminated'), { port: 6001 });
    await rig.settle();
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100, 180, 200, 487]);
    expect(rig.to(6001, /^ACK/)).toHaveLength(1);
    expect(rig.to(6002)).toHaveLength(0); // failure_route saw t_was_cancelled()
    rig.receive(uacRequest({ method: 'ACK', port: UAC, branch: 'z9hG4bK-c5', callId: 'c5', toTag: 'uas1' }));
    await rig.advance(2000);
    expect(rig.to(6001, /^ACK/)).toHaveLength(1); // absorbed, not relayed
    expect(rig.to(UAC).filter((s) => s.msg.status === 487)).toHaveLength(1); // no retransmission after the ACK
  });

  it('no answer after ringing: CANCEL with Reason downstream and 408 upstream after fr_inv_timeout', async () => {
    const rig = await withInvite('c6');
    const inv = rig.to(6001, /^INVITE/)[0]!.msg;
    rig.receive(uasReply(inv, 180, 'Ringing'), { port: 6001 });
    await rig.advance(3900);
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100, 180]);
    await rig.advance(200);
    const cancel = rig.to(6001, /^CANCEL/);
    expect(cancel).toHaveLength(1);
    expect(cancel[0]!.msg.header('reason')).toContain('cause=480');
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([100, 180, 408]);
    expect(rig.stat('tm:timeout_finalresponse_inv')).toBe(1);
  });

  it('a non-INVITE without any answer gets 408 after fr_timeout, retransmitted meanwhile', async () => {
    const rig = await scriptRig(CFG);
    rig.receive(uacRequest({ method: 'MESSAGE', port: UAC, branch: 'z9hG4bK-m1', callId: 'm1', body: 'hi' }));
    await rig.advance(1990);
    expect(rig.to(UAC)).toHaveLength(0);
    expect(rig.to(6001, /^MESSAGE/).length).toBeGreaterThanOrEqual(3); // 0, 0.5, 1.5 s
    await rig.advance(50);
    expect(rig.to(UAC).map((s) => s.msg.status)).toEqual([408]);
    expect(rig.to(UAC)[0]!.msg.to?.tag).toBeTruthy();
  });

  it('drops a reply whose branch matches no transaction', async () => {
    const rig = await scriptRig(CFG);
    rig.receive([
      'SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnever', 'Via: SIP/2.0/UDP 127.0.0.1:7777;branch=z9hG4bKx',
      'From: <sip:a@x>;tag=1', 'To: <sip:b@x>;tag=2', 'Call-ID: nope', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '',
    ].join('\r\n'), { port: 6001 });
    await rig.settle();
    expect(rig.sent).toHaveLength(0);
  });

  it('retransmits a local negative INVITE reply until the ACK, then frees the transaction', async () => {
    const rig = await scriptRig(CFG);
    rig.receive(invite('c7', { ruri: 'sip:local@127.0.0.1:5060' }));
    await rig.advance(1600);
    const up = rig.to(UAC).map((s) => s.msg.status);
    expect(up.filter((s) => s === 404).length).toBe(3); // 0, 0.5, 1.5 s
    const tag = rig.to(UAC, /404/)[0]!.msg.to?.tag;
    rig.receive(uacRequest({ method: 'ACK', port: UAC, branch: 'z9hG4bK-c7', callId: 'c7', toTag: tag, ruri: 'sip:local@127.0.0.1:5060' }));
    await rig.advance(3000);
    expect(rig.to(UAC).filter((s) => s.msg.status === 404)).toHaveLength(3);
    expect(rig.stat('tm:inuse_transactions')).toBe(1); // only wt_timer is left
    await rig.advance(5100);
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
  });

  it('a MESSAGE from TCP relayed to UDP keeps its transaction for wt_timer: a retransmitted 200 from downstream is absorbed, not relayed twice', async () => {
    const rig = await scriptRig(CFG, { tcp: true });
    rig.receive(uacRequest({ method: 'MESSAGE', port: UAC, branch: 'z9hG4bK-m1', callId: 'm1' }), { proto: 'tcp' });
    await rig.settle();
    const down = rig.to(6001, /^MESSAGE/);
    expect(down.map((s) => s.to.proto)).toEqual(['udp']);
    const ok = uasReply(down[0]!.msg, 200, 'OK');
    rig.receive(ok, { port: 6001 });
    await rig.settle();
    expect(rig.to(UAC).map((s) => [s.to.proto, s.msg.status])).toEqual([['tcp', 200]]);
    expect(rig.stat('tm:inuse_transactions')).toBe(1); // Timer K of the UDP branch
    rig.receive(ok, { port: 6001 });
    await rig.settle();
    expect(rig.to(UAC)).toHaveLength(1);
    await rig.advance(5100);
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
  });

  it('leaves no transaction behind once every timer has run', async () => {
    const rig = await scriptRig(CFG);
    for (let i = 0; i < 20; i++) rig.receive(invite(`x${i}`));
    rig.receive(uacRequest({ method: 'OPTIONS', port: UAC, branch: 'z9hG4bK-o', callId: 'o' }));
    await rig.settle();
    expect(rig.stat('tm:inuse_transactions')).toBe(21);
    await rig.advance(2000 + 32000 + 5000 + 100);
    expect(rig.stat('tm:inuse_transactions')).toBe(0);
    expect(rig.state<{ queue: { size: number } }>('tm').queue.size).toBe(0);
  });
});
