// The per-message path in one process, with a stand-in compiled script: replies go where
// RFC 3261 18.2.2 says, malformed requests get a 400 or are dropped, script failures are
// contained, replies with our Via are forwarded to the next one, and the core counts it all.
import { describe, it, expect, afterEach } from 'vitest';
import { Transport } from '../../../../engine/transport/index.js';
import { createStatsRegistry, declareCoreStats } from '../../../../engine/stats/index.js';
import { createLogger, LogLevel } from '../../../../engine/core/log.js';
import { createCoreServices, createMessageHandler, defaultCoreConfig, InFlight } from '../../../../engine/core/server/index.js';
import type { CompiledScript } from '../../../../engine/script/compiled-script.js';
import { MessageHookLists } from '../../../../engine/modules/index.js';
import type { MessageContext } from '../../../../engine/core/message-context.js';
import { closer, udpClient, tcpClient, waitFor, sleep, request } from '../../transport/net-helpers.js';

const c = closer();
afterEach(() => c.closeAll());

function fakeScript(onRequest: (ctx: MessageContext) => void | Promise<void>): CompiledScript {
  return {
    runRequest: onRequest, runReply: () => {}, runRoute: () => 1, hasRoute: () => false, timers: [], events: [],
  };
}

async function setup(onRequest: (ctx: MessageContext) => void | Promise<void>) {
  const lines: string[] = [];
  const log = createLogger(LogLevel.DBG, (s) => void lines.push(s));
  const transport = new Transport({ log });
  await transport.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }, { proto: 'tcp', host: '127.0.0.1', port: 0 }]);
  c.add(() => transport.stop());
  const stats = createStatsRegistry();
  const coreStats = declareCoreStats(stats);
  const core = createCoreServices({ transport, config: defaultCoreConfig('0.0.0'), log, stats, coreStats, startedAt: 0 });
  const inFlight = new InFlight();
  transport.onMessage(createMessageHandler({ transport, core, script: fakeScript(onRequest), stats: coreStats, log, inFlight, hooks: new MessageHookLists() }));
  const [udp, tcp] = transport.sockets;
  const stat = (n: string) => stats.find(`core:${n}`)!.get();
  return { transport, core, udp, tcp, stat, lines, inFlight };
}

const answerOptions = (ctx: MessageContext) => { if (ctx.msg.method === 'OPTIONS') ctx.core.sendReply(ctx, 200, 'OK'); };

describe('message handler', () => {
  it('answers over UDP to the sent-by port, and to the source port with rport', async () => {
    const s = await setup(answerOptions);
    const cl = await udpClient(c);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'a' }), s.udp.port, '127.0.0.1');
    await cl.send(request({ sentBy: '127.0.0.1:9', rport: true, callId: 'b' }), s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 2);
    expect(cl.received[0].text).toMatch(/^SIP\/2\.0 200 OK\r\n/);
    expect(cl.received[0].text).toMatch(/\r\nTo: <sip:ping@example.com>;tag=[0-9a-f]+-[0-9a-f]{8}\r\n/);
    expect(cl.received[0].text).toMatch(/\r\nServer: tsips/);
    expect(s.stat('rcv_requests')).toBe(2);
  });

  it('gives a retransmission the same To tag', async () => {
    const s = await setup(answerOptions);
    const cl = await udpClient(c);
    const req = request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'same' });
    await cl.send(req, s.udp.port, '127.0.0.1');
    await cl.send(req, s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 2);
    const tag = (t: string) => /;tag=([^\r]+)\r\n/.exec(t.split('\r\nTo: ')[1])![1];
    expect(tag(cl.received[0].text)).toBe(tag(cl.received[1].text));
  });

  it('answers over TCP on the same connection', async () => {
    const s = await setup(answerOptions);
    const cl = await tcpClient(c, s.tcp.port);
    cl.write(request({ transport: 'TCP', sentBy: '127.0.0.1:1', callId: 't' }));
    await waitFor(() => /SIP\/2\.0 200 OK/.test(cl.data()));
  });

  it('answers a request that does not parse with 400, and drops what it cannot answer', async () => {
    const s = await setup(answerOptions);
    const cl = await udpClient(c);
    const broken = request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'x' }).replace('CSeq: 1 OPTIONS', 'CSeq: 1 OPTIONS\r\nContent-Length: abc');
    await cl.send(broken, s.udp.port, '127.0.0.1');
    await cl.send('this is not sip\r\n\r\n', s.udp.port, '127.0.0.1');
    await cl.send(Buffer.from([0, 1, 2, 255]), s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 1);
    expect(cl.received[0].text).toMatch(/^SIP\/2\.0 400 Bad Request/);
    expect(cl.received[0].text).toMatch(/\r\nCall-ID: x\r\n/);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'after' }), s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 2);
    expect(cl.received[1].text).toMatch(/^SIP\/2\.0 200 OK/);
    expect(s.stat('err_requests')).toBe(3);
  });

  it('answers a request failing the sanity checks with 400', async () => {
    const s = await setup(answerOptions);
    const cl = await udpClient(c);
    const req = request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'dup' }).replace('Call-ID: dup\r\n', 'Call-ID: dup\r\nCall-ID: dup2\r\n');
    await cl.send(req, s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 1);
    expect(cl.received[0].text).toMatch(/^SIP\/2\.0 400 Bad Request \(/);
    expect(s.stat('err_requests')).toBe(1);
  });

  it('contains a throwing script and keeps serving; waits for async runs', async () => {
    let n = 0;
    const s = await setup(async (ctx) => {
      if (n++ === 0) throw new Error('boom');
      await sleep(20);
      ctx.core.sendReply(ctx, 200, 'Later');
    });
    const cl = await udpClient(c);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'e1' }), s.udp.port, '127.0.0.1');
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'e2' }), s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 1);
    expect(cl.received[0].text).toMatch(/^SIP\/2\.0 200 Later/);
    expect(s.lines.join('')).toMatch(/script failed on OPTIONS sip:ping@example.com Call-ID e1 from udp:127\.0\.0\.1:\d+: Error: boom/);
    expect(s.stat('err_requests')).toBe(1);
    expect(await s.inFlight.drain(1000)).toBe(true);
  });

  it('forwards a request statelessly with our Via and returns the reply to the sender', async () => {
    const peer = await udpClient(c);
    const s = await setup((ctx) => {
      ctx.dstUri = `sip:127.0.0.1:${peer.port}`;
      void ctx.core.forward(ctx);
    });
    const cl = await udpClient(c);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, rport: true, callId: 'f' }), s.udp.port, '127.0.0.1');
    await waitFor(() => peer.received.length === 1);
    const fwd = peer.received[0].text;
    const vias = fwd.split('\r\n').filter((l) => l.startsWith('Via: '));
    expect(vias[0]).toMatch(new RegExp(`^Via: SIP/2\\.0/UDP 127\\.0\\.0\\.1:${s.udp.port};branch=z9hG4bK`));
    expect(vias[1]).toBe(`Via: SIP/2.0/UDP 127.0.0.1:${cl.port};branch=z9hG4bK-f;received=127.0.0.1;rport=${cl.port}`);
    expect(s.stat('fwd_requests')).toBe(1);
    // The peer answers to our Via; we pop it and send the reply to the next one.
    const head = fwd.split('\r\n\r\n')[0].split('\r\n').slice(1).filter((l) => /^(Via|From|To|Call-ID|CSeq): /.test(l));
    await peer.send(`SIP/2.0 200 OK\r\n${head.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`, s.udp.port, '127.0.0.1');
    await waitFor(() => cl.received.length === 1);
    expect(cl.received[0].text).toMatch(/^SIP\/2\.0 200 OK\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.1:\d+;branch=z9hG4bK-f;received/);
    expect(s.stat('fwd_replies')).toBe(1);
    expect(s.stat('rcv_replies')).toBe(1);
  });

  it('asks for rport in our own Via after add_local_rport, and only then', async () => {
    const peer = await udpClient(c);
    const s = await setup((ctx) => {
      ctx.dstUri = `sip:127.0.0.1:${peer.port}`;
      ctx.localRport = ctx.msg.callId === 'with';
      void ctx.core.forward(ctx);
    });
    const cl = await udpClient(c);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'with' }), s.udp.port, '127.0.0.1');
    await waitFor(() => peer.received.length === 1);
    await cl.send(request({ sentBy: `127.0.0.1:${cl.port}`, callId: 'without' }), s.udp.port, '127.0.0.1');
    await waitFor(() => peer.received.length === 2);
    const topVia = (i: number) => peer.received[i].text.split('\r\n').find((l) => l.startsWith('Via: '))!;
    expect(topVia(0)).toMatch(/;branch=z9hG4bK[^;]*;rport$/);
    expect(topVia(1)).not.toMatch(/rport/);
  });

  it('drops a reply whose top Via is not ours', async () => {
    const s = await setup(answerOptions);
    const cl = await udpClient(c);
    await cl.send(`SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: r\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`, s.udp.port, '127.0.0.1');
    await waitFor(() => s.stat('drop_replies') === 1);
  });
});
