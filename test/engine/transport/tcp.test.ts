import { describe, it, expect, afterEach, vi } from 'vitest';
import net from 'node:net';
import { Transport, type InboundMessage, type TransportConfig } from '../../../engine/transport/index.js';
import { closer, ipv6Available, request, sleep, tcpClient, waitFor } from './net-helpers.js';
import { respondWith200 } from './responder.js';

const c = closer();
afterEach(() => c.closeAll());

async function started(host = '127.0.0.1', config: TransportConfig = {}): Promise<Transport> {
  const t = new Transport(config);
  c.add(() => t.stop());
  await t.start([{ proto: 'tcp', host, port: 0 }]);
  return t;
}

function collect(t: Transport): InboundMessage[] {
  const seen: InboundMessage[] = [];
  t.onMessage((m) => seen.push(m));
  return seen;
}

const hasV6 = await ipv6Available();

describe('TCP transport', () => {
  for (const host of ['127.0.0.1', '::1']) {
    it.skipIf(host === '::1' && !hasV6)(`answers on the connection the request came on (${host}, RFC 3261 18.2.2)`, async () => {
      const t = await started(host);
      const seen = respondWith200(t);
      const client = await tcpClient(c, t.sockets[0].port, host);
      // sent-by names a port nobody listens on: the answer must still come back on this connection
      client.write(request({ transport: 'TCP', sentBy: host === '::1' ? '[::1]:1' : '127.0.0.1:1', callId: 't1' }));
      await waitFor(() => client.data().includes('Call-ID: t1'), 2000, 'the reply');
      expect(seen[0].connectionId).toBeTypeOf('number');
      expect(seen[0].source).toMatchObject({ proto: 'tcp', address: host, port: client.sock.localPort });
      expect(t.stats).toMatchObject({ tcpAccepted: 1, tcpConnected: 0, tcpActive: 1, messagesIn: 1, messagesOut: 1 });
    });
  }

  it('delivers two messages sent in one segment', async () => {
    const t = await started();
    const seen = collect(t);
    const client = await tcpClient(c, t.sockets[0].port);
    const a = request({ transport: 'TCP', sentBy: 'h', callId: 'a', body: 'first body' });
    const b = request({ transport: 'TCP', sentBy: 'h', callId: 'b' });
    client.write(a + b);
    await waitFor(() => seen.length === 2, 2000, 'two messages');
    expect(seen.map((m) => m.buf.toString())).toEqual([a, b]);
    expect(seen[0].connectionId).toBe(seen[1].connectionId);
  });

  it('delivers one message split over three segments with delays', async () => {
    const t = await started();
    const seen = collect(t);
    const client = await tcpClient(c, t.sockets[0].port);
    const m = request({ transport: 'TCP', sentBy: 'h', body: 'v=0\r\no=- 1 1 IN IP4 h\r\n' });
    const cuts = [40, m.length - 10];
    client.write(m.slice(0, cuts[0]));
    await sleep(30);
    client.write(m.slice(cuts[0], cuts[1]));
    await sleep(30);
    expect(seen).toHaveLength(0);
    client.write(m.slice(cuts[1]));
    await waitFor(() => seen.length === 1, 2000, 'the message');
    expect(seen[0].buf.toString()).toBe(m);
  });

  it('closes a connection sending an oversize message; another connection is unaffected', async () => {
    const t = await started('127.0.0.1', { maxMessageSize: 2000 });
    const seen = respondWith200(t);
    const good = await tcpClient(c, t.sockets[0].port);
    const bad = await tcpClient(c, t.sockets[0].port);
    bad.write(request({ transport: 'TCP', sentBy: 'h', body: 'x'.repeat(5000) }));
    await waitFor(() => bad.closed(), 2000, 'the oversize connection to close');
    good.write(request({ transport: 'TCP', sentBy: 'h', callId: 'still-ok' }));
    await waitFor(() => good.data().includes('still-ok'), 2000, 'the good reply');
    expect(good.closed()).toBe(false);
    expect(seen).toHaveLength(1);
    expect(t.stats.framingErrors).toBe(1);
  });

  it('closes only the connection that sends garbage, while another is mid-message', async () => {
    const t = await started('127.0.0.1', { maxMessageSize: 4096 });
    const seen = collect(t);
    const good = await tcpClient(c, t.sockets[0].port);
    const bad = await tcpClient(c, t.sockets[0].port);
    const m = request({ transport: 'TCP', sentBy: 'h', callId: 'g' });
    good.write(m.slice(0, 50));
    bad.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'); // no Content-Length: cannot be framed
    await waitFor(() => bad.closed(), 2000, 'the garbage connection to close');
    const bin = await tcpClient(c, t.sockets[0].port);
    bin.write(Buffer.alloc(5000, 0xab)); // binary noise with no line end at all
    await waitFor(() => bin.closed(), 2000, 'the binary connection to close');
    good.write(m.slice(50));
    await waitFor(() => seen.length === 1, 2000, 'the good message');
    expect(seen[0].buf.toString()).toBe(m);
    expect(t.stats.framingErrors).toBe(2);
    expect(t.connectionCount).toBe(1);
  });

  it('closes an idle connection after the connection lifetime', async () => {
    const t = await started('127.0.0.1', { connectionLifetimeMs: 150 });
    const client = await tcpClient(c, t.sockets[0].port);
    await waitFor(() => t.connectionCount === 1);
    await waitFor(() => client.closed(), 2000, 'the idle close');
    expect(t.connectionCount).toBe(0);
    expect(t.stats.tcpClosed).toBe(1);
  });

  it('answers a CRLFCRLF keep-alive ping with a CRLF pong (RFC 5626 3.5.1)', async () => {
    const t = await started();
    const seen = collect(t);
    const client = await tcpClient(c, t.sockets[0].port);
    client.write('\r\n\r\n');
    await waitFor(() => client.data() === '\r\n', 2000, 'the pong');
    client.write(request({ transport: 'TCP', sentBy: 'h' }));
    await waitFor(() => seen.length === 1);
    expect(t.stats.keepAlivePings).toBe(1);
  });

  describe('outgoing connections', () => {
    async function peer(): Promise<{ port: number; conns: net.Socket[]; data: () => string }> {
      const conns: net.Socket[] = [];
      let data = '';
      const server = net.createServer((s) => {
        conns.push(s);
        s.on('data', (d) => (data += d.toString()));
        s.on('error', () => {});
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      c.add(() => new Promise<void>((r) => { for (const s of conns) s.destroy(); server.close(() => r()); }));
      return { port: (server.address() as net.AddressInfo).port, conns, data: () => data };
    }

    it('connects on demand, reuses the connection, and delivers what comes back on it', async () => {
      const t = await started();
      const seen = collect(t);
      const p = await peer();
      const target = { proto: 'tcp' as const, address: '127.0.0.1', port: p.port };
      // two sends racing for a connection that does not exist yet share one
      await Promise.all([t.send(target, Buffer.from('A')), t.send(target, Buffer.from('B'))]);
      await t.send(target, Buffer.from('C'));
      await waitFor(() => p.data().length === 3);
      expect(p.conns).toHaveLength(1);
      expect(t.stats).toMatchObject({ tcpConnected: 1, messagesOut: 3 });
      p.conns[0].write(request({ transport: 'TCP', sentBy: 'peer', callId: 'back' }));
      await waitFor(() => seen.length === 1);
      expect(seen[0].local).toBe(t.sockets[0]);
      // and a send on that connection id reaches the same peer socket
      await t.send({ proto: 'tcp', address: '127.0.0.1', port: 1 }, Buffer.from('D'), { connectionId: seen[0].connectionId });
      await waitFor(() => p.data() === 'ABCD');
    });

    it('writes the messages of one turn together, whole and in order', async () => {
      const t = await started();
      const p = await peer();
      const target = { proto: 'tcp' as const, address: '127.0.0.1', port: p.port };
      await t.send(target, Buffer.from('open;'));
      await waitFor(() => p.data() === 'open;');
      // what reaches the kernel: one writev for the burst, not a write per message (the peer
      // here shares our event loop, so counting its reads would not tell)
      const writev = vi.spyOn(net.Socket.prototype as unknown as { _writev: () => void }, '_writev');
      const write = vi.spyOn(net.Socket.prototype as unknown as { _write: () => void }, '_write');
      const texts = Array.from({ length: 40 }, (_, i) => `message ${i};`);
      try {
        await Promise.all(texts.map((x) => t.send(target, Buffer.from(x))));
        expect(writev.mock.calls.length + write.mock.calls.length).toBe(1);
      } finally {
        writev.mockRestore();
        write.mockRestore();
      }
      await waitFor(() => p.data().length === 'open;'.length + texts.join('').length, 2000, 'every message');
      expect(p.data()).toBe(`open;${texts.join('')}`);
      expect(t.stats.messagesOut).toBe(41);
    });

    it('falls back to the target when the connection id has closed', async () => {
      const t = await started();
      const seen = collect(t);
      const client = await tcpClient(c, t.sockets[0].port);
      client.write(request({ transport: 'TCP', sentBy: 'h' }));
      await waitFor(() => seen.length === 1);
      client.sock.destroy();
      await waitFor(() => t.connectionCount === 0);
      const p = await peer();
      await t.send({ proto: 'tcp', address: '127.0.0.1', port: p.port }, Buffer.from('Z'), { connectionId: seen[0].connectionId });
      await waitFor(() => p.data() === 'Z');
    });

    it('reports a refused connection with TRANSPORT_CONNECT_FAILED', async () => {
      const t = await started();
      const p = await peer();
      const closedPort = p.port;
      await c.closeAll(); // closes the peer (and t); start a fresh transport
      const t2 = await started();
      await expect(t2.send({ proto: 'tcp', address: '127.0.0.1', port: closedPort }, Buffer.from('x')))
        .rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_FAILED' });
      expect(t2.stats.connectFailures).toBe(1);
      expect(t.connectionCount).toBe(0);
    });

    it('gives up after tcp_connect_timeout', async () => {
      const t = await started('127.0.0.1', { connectTimeoutMs: 50 });
      // TEST-NET-1 is never routed: the connect hangs (timeout) or fails at once (no route).
      const err = await t.send({ proto: 'tcp', address: '192.0.2.1', port: 5060 }, Buffer.from('x')).catch((e) => e);
      expect(err.code).toMatch(/^TRANSPORT_CONNECT_(TIMEOUT|FAILED)$/);
    });
  });

  it('refuses connections above tcp_max_connections and keeps serving the open ones', async () => {
    const t = await started('127.0.0.1', { maxConnections: 1 });
    const seen = collect(t);
    const first = await tcpClient(c, t.sockets[0].port);
    await waitFor(() => t.connectionCount === 1);
    const second = await tcpClient(c, t.sockets[0].port);
    await waitFor(() => second.closed(), 2000, 'the extra connection to be refused');
    first.write(request({ transport: 'TCP', sentBy: 'h' }));
    await waitFor(() => seen.length === 1);
  });

  it('binds a host name to its resolved address and keeps the advertised address', async () => {
    const t = new Transport();
    c.add(() => t.stop());
    const [s] = await t.start([{ proto: 'tcp', host: 'localhost', port: 0, advertised: { host: 'sip.example.com', port: 5060 } }]);
    expect(['127.0.0.1', '::1']).toContain(s.address);
    expect(s.advertised).toEqual({ host: 'sip.example.com', port: 5060 });
  });

  it('stop() closes listeners and connections, and later sends are refused', async () => {
    const t = await started();
    const port = t.sockets[0].port;
    const client = await tcpClient(c, port);
    await waitFor(() => t.connectionCount === 1);
    await t.stop();
    await waitFor(() => client.closed(), 2000, 'the client to see the close');
    await expect(t.send({ proto: 'tcp', address: '127.0.0.1', port }, Buffer.from('x'))).rejects.toMatchObject({ code: 'TRANSPORT_NOT_STARTED' });
    await expect(tcpClient(c, port)).rejects.toThrow();
  });
});
