// One bound UDP socket. Every datagram is one message (RFC 3261 18.3: no framing needed);
// an empty or oversize one is counted and dropped here, anything else goes up as bytes and
// the parser decides. Errors on the socket are logged, never thrown into the event loop.

import dgram from 'node:dgram';
import { LogLevel, type TransportContext } from './context.js';
import { TransportError } from './errors.js';
import type { SocketSpec } from './socket-spec.js';
import { familyOf, socketName, type ListenSocket } from './types.js';

export class UdpListener {
  private constructor(
    readonly local: ListenSocket,
    private readonly sock: dgram.Socket,
    private readonly ctx: TransportContext,
  ) {}

  static bind(id: number, spec: SocketSpec, address: string, ctx: TransportContext): Promise<UdpListener> {
    const family = familyOf(address);
    // ipv6Only: a `::` socket should not also take IPv4 as mapped addresses; list both.
    const sock = dgram.createSocket({ type: family === 'IPv6' ? 'udp6' : 'udp4', ipv6Only: family === 'IPv6' });
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        sock.close();
        reject(new TransportError('TRANSPORT_BIND_FAILED', `cannot bind ${socketName('udp', address, spec.port)}: ${err.message}`, { cause: err }));
      };
      sock.once('error', onError);
      sock.bind({ address, port: spec.port, exclusive: true }, () => {
        sock.off('error', onError);
        growReceiveBuffer(sock);
        const port = sock.address().port;
        const local: ListenSocket = {
          id, proto: 'udp', address, port, family, spec,
          name: socketName('udp', address, port),
          ...(spec.advertised ? { advertised: spec.advertised } : {}),
          ...(spec.tag !== undefined ? { tag: spec.tag } : {}),
        };
        const l = new UdpListener(local, sock, ctx);
        sock.on('message', (buf, rinfo) => l.onDatagram(buf, rinfo));
        sock.on('error', (err) => ctx.log(LogLevel.ERR, `${local.name}: ${err.message}`));
        resolve(l);
      });
    });
  }

  private onDatagram(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    const { stats, cfg } = this.ctx;
    stats.bytesIn += buf.length;
    // An empty datagram is a NAT keep-alive some phones send; an oversize one cannot be ours.
    if (buf.length === 0 || buf.length > cfg.maxMessageSize) {
      stats.udpDropped++;
      this.ctx.log(LogLevel.DBG, `${this.local.name}: dropped a ${buf.length}-byte datagram from ${rinfo.address}:${rinfo.port}`);
      return;
    }
    stats.messagesIn++;
    this.ctx.deliver({
      buf,
      source: { proto: 'udp', address: rinfo.address, port: rinfo.port, family: rinfo.family === 'IPv6' ? 'IPv6' : 'IPv4' },
      local: this.local,
    });
  }

  send(buf: Buffer, address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sock.send(buf, port, address, (err) => {
        if (err) {
          this.ctx.stats.sendErrors++;
          reject(new TransportError('TRANSPORT_SEND_FAILED', `${this.local.name} -> ${address}:${port}: ${err.message}`, { cause: err }));
          return;
        }
        this.ctx.stats.bytesOut += buf.length;
        this.ctx.stats.messagesOut++;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.sock.close(() => resolve());
      } catch {
        resolve(); // already closed
      }
    });
  }
}

/** A large receive buffer lets a burst ride out a pause of the event loop (a garbage
 *  collection, a timer walking many records) instead of the kernel dropping datagrams; the
 *  kernel caps the size at net.core.rmem_max. */
const RECEIVE_BUFFER = 4 * 1024 * 1024;
function growReceiveBuffer(sock: dgram.Socket): void {
  try {
    if (sock.getRecvBufferSize() < RECEIVE_BUFFER) sock.setRecvBufferSize(RECEIVE_BUFFER);
  } catch { /* not allowed here: keep the system default */ }
}
