// rr through a real script: the Record-Route we add to relayed initial requests, and how
// loose_route() sends in-dialog requests along the route set (RFC 3261 16.4, 16.12).
import { describe, it, expect } from 'vitest';
import { scriptRig, uacRequest, scriptHead } from '../script-rig.js';

const CFG = (body: string, params = '') => `
${scriptHead(['tm', 'rr', 'sipmsgops'])}
${params}
route {
${body}
}`;

const RELAY_INITIAL = `
  if (has_totag()) {
    if (loose_route()) {
      if (check_route_param("nat=yes")) append_hf("X-Nat: yes\\r\\n");
      if (is_direction("downstream")) append_hf("X-Dir: down\\r\\n"); else append_hf("X-Dir: up\\r\\n");
      t_relay();
    } else send_reply(404, "Not here");
    exit;
  }
  add_rr_param(";nat=yes");
  record_route();
  $du = "sip:127.0.0.1:6001";
  t_relay();`;

const inDialog = (id: string, routes: string[], o: { ruri?: string; fromTag?: string } = {}) => {
  const text = uacRequest({ method: 'BYE', port: 5000, branch: `z9hG4bK-${id}`, callId: id, toTag: 'callee', ruri: o.ruri ?? 'sip:bob@127.0.0.1:6001',
    extra: routes.map((r) => `Route: ${r}`) });
  return o.fromTag ? text.replace(`tag=a-${id}`, `tag=${o.fromTag}`) : text;
};

describe('rr', () => {
  it('record_route() puts our loose-routing URI with the From tag and queued params on top', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(uacRequest({ method: 'INVITE', port: 5000, branch: 'z9hG4bK-r1', callId: 'r1', extra: ['Record-Route: <sip:edge.example.com;lr>'] }));
    await rig.settle();
    const inv = rig.to(6001, /^INVITE/)[0]!.msg;
    expect(inv.headerValues('record-route')).toEqual(['<sip:127.0.0.1:5060;lr;ftag=a-r1;nat=yes>', '<sip:edge.example.com;lr>']);
  });

  it('loose_route() removes our Route and sends to the next loose hop, keeping the Request-URI', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(inDialog('r2', ['<sip:127.0.0.1:5060;lr;ftag=a-r2;nat=yes>', '<sip:127.0.0.1:6002;lr>'], { ruri: 'sip:bob@192.0.2.9' }));
    await rig.settle();
    const bye = rig.to(6002, /^BYE/);
    expect(bye).toHaveLength(1);
    expect(bye[0]!.msg.ruri).toBe('sip:bob@192.0.2.9');
    expect(bye[0]!.msg.headerValues('route')).toEqual(['<sip:127.0.0.1:6002;lr>']);
    expect(bye[0]!.msg.header('x-nat')).toBe('yes');
    expect(bye[0]!.msg.header('x-dir')).toBe('down');
  });

  it('with only our Route, the request goes to its Request-URI; the other direction is upstream', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(inDialog('r3', ['<sip:127.0.0.1:5060;lr;ftag=someone-else>'], { ruri: 'sip:alice@127.0.0.1:6003' }));
    await rig.settle();
    const bye = rig.to(6003, /^BYE/);
    expect(bye).toHaveLength(1);
    expect(bye[0]!.msg.hasHeader('route')).toBe(false);
    expect(bye[0]!.msg.header('x-dir')).toBe('up');
    expect(bye[0]!.msg.header('x-nat')).toBeUndefined();
  });

  it('a strict next hop becomes the Request-URI and the old Request-URI the last Route', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(inDialog('r4', ['<sip:127.0.0.1:5060;lr>', '<sip:127.0.0.1:6004>', '<sip:far.example.com;lr>'], { ruri: 'sip:bob@192.0.2.9' }));
    await rig.settle();
    const bye = rig.to(6004, /^BYE/);
    expect(bye).toHaveLength(1);
    expect(bye[0]!.msg.ruri).toBe('sip:127.0.0.1:6004');
    expect(bye[0]!.msg.headerValues('route')).toEqual(['<sip:far.example.com;lr>', '<sip:bob@192.0.2.9>']);
  });

  it('after a strict router (our URI in the Request-URI) the last Route is the real target', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(inDialog('r5', ['<sip:bob@127.0.0.1:6005>'], { ruri: 'sip:127.0.0.1:5060;lr;ftag=a-r5' }));
    await rig.settle();
    const bye = rig.to(6005, /^BYE/);
    expect(bye).toHaveLength(1);
    expect(bye[0]!.msg.ruri).toBe('sip:bob@127.0.0.1:6005');
    expect(bye[0]!.msg.hasHeader('route')).toBe(false);
  });

  it('a request without Route: loose_route() is false', async () => {
    const rig = await scriptRig(CFG(RELAY_INITIAL));
    rig.receive(inDialog('r6', []));
    await rig.settle();
    expect(rig.to(5000).map((s) => `${s.msg.status} ${s.msg.reason}`)).toEqual(['404 Not here']);
  });

  it('double record-routing: two entries when the request changes transport, both removed later', async () => {
    const rig = await scriptRig(CFG(`
  if (has_totag()) { loose_route(); t_relay(); exit; }
  $du = "sip:127.0.0.1:6001;transport=tcp";
  record_route();
  t_relay("no-auto-477");`).replace('socket=udp:127.0.0.1:5060', 'socket=udp:127.0.0.1:5060\nsocket=tcp:127.0.0.1:5060').replace('loadmodule "proto_udp.so"', 'loadmodule "proto_udp.so"\nloadmodule "proto_tcp.so"'));
    rig.receive(inDialog('r7', ['<sip:127.0.0.1:5060;lr>', '<sip:127.0.0.1:5060;transport=tcp;lr>', '<sip:127.0.0.1:6007;lr>']));
    await rig.settle();
    expect(rig.to(6007, /^BYE/)).toHaveLength(1);
    expect(rig.to(6007, /^BYE/)[0]!.msg.headerValues('route')).toEqual(['<sip:127.0.0.1:6007;lr>']);
  });
});
