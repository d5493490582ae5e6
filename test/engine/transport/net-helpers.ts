// Test helpers for loopback socket tests: bounded waits, small clients that record what
// they receive, and a SIP-ish request/reply builder. Every helper that opens a socket
// registers it for closing in afterEach.

import dgram from 'node:dgram';
import net from 'node:net';

/** Polls until fn returns something other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Closer {
  add(c: () => unknown): void;
  closeAll(): Promise<void>;
}

export function closer(): Closer {
  const list: (() => unknown)[] = [];
  return {
    add: (c) => list.push(c),
    closeAll: async () => {
      for (const c of list.splice(0).reverse()) await c();
    },
  };
}

export interface TcpClient {
  sock: net.Socket;
  data: () => string;
  closed: () => boolean;
  write(s: string | Buffer): void;
}

export async function tcpClient(c: Closer, port: number, host = '127.0.0.1'): Promise<TcpClient> {
  const sock = net.connect({ port, host });
  let received = '';
  let closed = false;
  sock.on('data', (d) => (received += d.toString('latin1')));
  sock.on('error', () => {});
  sock.on('close', () => (closed = true));
  c.add(() => sock.destroy());
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('error', reject);
  });
  return { sock, data: () => received, closed: () => closed, write: (s) => sock.write(s) };
}

export interface UdpClient {
  sock: dgram.Socket;
  port: number;
  received: { text: string; port: number; address: string }[];
  send(s: string | Buffer, port: number, address: string): Promise<void>;
}

export async function udpClient(c: Closer, family: 4 | 6 = 4): Promise<UdpClient> {
  const sock = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  const received: UdpClient['received'] = [];
  sock.on('message', (m, r) => received.push({ text: m.toString('latin1'), port: r.port, address: r.address }));
  await new Promise<void>((r) => sock.bind(0, family === 6 ? '::1' : '127.0.0.1', () => r()));
  c.add(() => new Promise<void>((r) => sock.close(() => r())));
  return {
    sock, port: sock.address().port, received,
    send: (s, port, address) => new Promise((r, j) => sock.send(s, port, address, (e) => (e ? j(e) : r()))),
  };
}

export function request(opts: { transport?: string; sentBy: string; rport?: boolean; callId?: string; body?: string; extra?: string }): string {
  const body = opts.body ?? '';
  return `OPTIONS sip:ping@example.com SIP/2.0\r\n` +
    `Via: SIP/2.0/${opts.transport ?? 'UDP'} ${opts.sentBy};branch=z9hG4bK-${opts.callId ?? 'c1'}${opts.rport ? ';rport' : ''}\r\n` +
    `From: <sip:a@example.com>;tag=1\r\nTo: <sip:ping@example.com>\r\nCall-ID: ${opts.callId ?? 'c1'}\r\n` +
    `CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n${opts.extra ?? ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export function reply(callId: string): string {
  return `SIP/2.0 200 OK\r\nCall-ID: ${callId}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
}

/** True when the machine can bind ::1 (some containers have IPv6 off). */
export async function ipv6Available(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}
