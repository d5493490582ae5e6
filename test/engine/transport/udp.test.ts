import { describe, it, expect, afterEach } from 'vitest';
import { Transport, type InboundMessage } from '../../../engine/transport/index.js';
import { closer, ipv6Available, request, udpClient, waitFor } from './net-helpers.js';
import { respondWith200 } from './responder.js';

const c = closer();
afterEach(() => c.closeAll());

async function started(hosts: string[], config = {}): Promise<Transport> {
  const t = new Transport(config);
  c.add(() => t.stop());
  await t.start(hosts.map((host) => ({ proto: 'udp' as const, host, port: 0 })));
  return t;
}

const hasV6 = await ipv6Available();

describe('UDP transport', () => {
  for (const [family, host] of [[4, '127.0.0.1'], [6, '::1']] as const) {
    describe.skipIf(family === 6 && !hasV6)(`IPv${family}`, () => {
      const sentBy = (port: number) => (family === 6 ? `[${host}]:${port}` : `${host}:${port}`);

      it('answers a request with rport to the source port, not the sent-by port (RFC 3581)', async () => {
        const t = await started([host]);
        const seen = respondWith200(t);
        const client = await udpClient(c, family);
        const [local] = t.sockets;
        await client.send(request({ sentBy: sentBy(5999), rport: true, callId: 'r1' }), local.port, host);
        const got = await waitFor(() => client.received[0], 2000, 'the reply');
        expect(got.text).toMatch(/^SIP\/2.0 200 OK\r\nCall-ID: r1/);
        expect(got.port).toBe(local.port); // answered from the socket the request came to
        expect(seen[0].source).toEqual({ proto: 'udp', address: host, port: client.port, family: `IPv${family}` });
        expect(seen[0].local).toBe(local);
        expect(seen[0].connectionId).toBeUndefined();
      });

      it('answers a request without rport to the sent-by port', async () => {
        const t = await started([host]);
        respondWith200(t);
        const client = await udpClient(c, family);
        await client.send(request({ sentBy: sentBy(client.port), callId: 'r2' }), t.sockets[0].port, host);
        const got = await waitFor(() => client.received[0], 2000, 'the reply');
        expect(got.text).toContain('Call-ID: r2');
        expect(t.stats).toMatchObject({ messagesIn: 1, messagesOut: 1 });
      });
    });
  }

  it('drops empty datagrams, delivers garbage as bytes, and keeps working', async () => {
    const t = await started(['127.0.0.1']);
    const seen: InboundMessage[] = [];
    t.onMessage((m) => seen.push(m));
    t.onMessage(() => {
      throw new Error('a buggy handler'); // must not stop delivery or the socket
    });
    const client = await udpClient(c);
    const port = t.sockets[0].port;
    await client.send(Buffer.alloc(0), port, '127.0.0.1');
    await client.send(Buffer.from([0xff, 0x00, 0x13, 0x37]), port, '127.0.0.1');
    await client.send(request({ sentBy: '127.0.0.1' }), port, '127.0.0.1');
    await waitFor(() => seen.length === 2, 2000, 'two datagrams');
    expect([...seen[0].buf]).toEqual([0xff, 0x00, 0x13, 0x37]);
    expect(t.stats.udpDropped).toBe(1);
  });

  it('binds several sockets from a range-like list and sends from the one asked for', async () => {
    const t = await started(['127.0.0.1', '127.0.0.1']);
    const [a, b] = t.sockets;
    expect(a.port).not.toBe(b.port);
    expect(a.name).toBe(`udp:127.0.0.1:${a.port}`);
    const client = await udpClient(c);
    await t.send({ proto: 'udp', address: '127.0.0.1', port: client.port }, Buffer.from('x'), { local: b });
    await t.send({ proto: 'udp', address: '127.0.0.1', port: client.port }, Buffer.from('y'));
    await waitFor(() => client.received.length === 2);
    expect(client.received.map((r) => [r.text, r.port])).toEqual([['x', b.port], ['y', a.port]]);
  });

  it('sends a burst of datagrams whole and in order', async () => {
    const t = await started(['127.0.0.1']);
    const client = await udpClient(c);
    const target = { proto: 'udp' as const, address: '127.0.0.1', port: client.port };
    const texts = Array.from({ length: 50 }, (_, i) => `datagram ${i} ${'x'.repeat(i * 20)}`);
    await Promise.all(texts.map((x) => t.send(target, Buffer.from(x))));
    await waitFor(() => client.received.length === texts.length, 2000, 'every datagram');
    expect(client.received.map((r) => r.text)).toEqual(texts);
    expect(t.stats.messagesOut).toBe(texts.length);
  });

  it('refuses a datagram that had not left when the transport stopped', async () => {
    const t = await started(['127.0.0.1']);
    const client = await udpClient(c);
    const sending = t.send({ proto: 'udp', address: '127.0.0.1', port: client.port }, Buffer.from('late'));
    await t.stop();
    await expect(sending).rejects.toMatchObject({ code: 'TRANSPORT_SEND_FAILED', message: expect.stringContaining('closed') });
  });

  it('refuses to send oversize messages, to a family it has no socket for, or before start', async () => {
    const t = await started(['127.0.0.1'], { maxMessageSize: 100 });
    await expect(t.send({ proto: 'udp', address: '127.0.0.1', port: 9 }, Buffer.alloc(101))).rejects.toMatchObject({ code: 'TRANSPORT_TOO_LARGE' });
    await expect(t.send({ proto: 'udp', address: '::1', port: 9 }, Buffer.from('x'))).rejects.toMatchObject({ code: 'TRANSPORT_NO_SOCKET' });
    await expect(t.send({ proto: 'tcp', address: '127.0.0.1', port: 9 }, Buffer.from('x'))).rejects.toMatchObject({ code: 'TRANSPORT_NO_SOCKET' });
    await expect(new Transport().send({ proto: 'udp', address: '127.0.0.1', port: 9 }, Buffer.from('x'))).rejects.toMatchObject({ code: 'TRANSPORT_NOT_STARTED' });
  });

  it('fails start-up with TRANSPORT_BIND_FAILED on a port in use, and releases what it bound', async () => {
    const first = await started(['127.0.0.1']);
    const taken = first.sockets[0].port;
    const t = new Transport();
    c.add(() => t.stop());
    await expect(t.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }, { proto: 'udp', host: '127.0.0.1', port: taken }]))
      .rejects.toMatchObject({ code: 'TRANSPORT_BIND_FAILED' });
    expect(t.sockets).toEqual([]);
  });
});
