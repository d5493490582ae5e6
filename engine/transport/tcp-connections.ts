// The open TCP connections, found by id (to answer on the connection a request came on,
// RFC 3261 18.2.2) and by remote address:port (to reuse a connection for a new request,
// RFC 3261 18.1.1 "SHOULD use the existing connection"). Connections are opened on demand,
// one at a time per destination even when several sends race, within tcp_connect_timeout.

import net from 'node:net';
import { LogLevel, type TransportContext } from './context.js';
import { TransportError } from './errors.js';
import { TcpConnection } from './tcp-connection.js';
import { familyOf, type ListenSocket } from './types.js';

const remoteKey = (address: string, port: number) => `${address.toLowerCase()}|${port}`;

export class TcpConnections {
  private readonly byId = new Map<number, TcpConnection>();
  private readonly byRemote = new Map<string, TcpConnection>();
  private readonly connecting = new Map<string, Promise<TcpConnection>>();
  private readonly pendingSockets = new Set<net.Socket>();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly ctx: TransportContext) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: number): TcpConnection | undefined {
    const c = this.byId.get(id);
    return c && !c.closed ? c : undefined;
  }

  find(address: string, port: number): TcpConnection | undefined {
    const c = this.byRemote.get(remoteKey(address, port));
    return c && !c.closed ? c : undefined;
  }

  /** An accepted connection from a listener. */
  adopt(sock: net.Socket, local: ListenSocket): void {
    if (this.stopped || this.byId.size >= this.ctx.cfg.maxConnections) {
      this.ctx.log(LogLevel.WARN, `${local.name}: refusing a connection from ${sock.remoteAddress}: tcp_max_connections reached`);
      sock.destroy();
      return;
    }
    this.ctx.stats.tcpAccepted++;
    this.register(sock, local, false);
  }

  /** Reuses the open connection to address:port or opens one from `local`. */
  obtain(address: string, port: number, local: ListenSocket): Promise<TcpConnection> {
    const open = this.find(address, port);
    if (open) return Promise.resolve(open);
    const key = remoteKey(address, port);
    let p = this.connecting.get(key);
    if (!p) {
      p = this.connect(address, port, local).finally(() => this.connecting.delete(key));
      this.connecting.set(key, p);
    }
    return p;
  }

  private connect(address: string, port: number, local: ListenSocket): Promise<TcpConnection> {
    if (this.stopped) return Promise.reject(new TransportError('TRANSPORT_NOT_STARTED', 'the transport is stopped'));
    if (this.byId.size + this.connecting.size >= this.ctx.cfg.maxConnections) {
      return Promise.reject(new TransportError('TRANSPORT_TOO_MANY_CONNECTIONS', `cannot connect to ${address}:${port}`));
    }
    const { connectTimeoutMs } = this.ctx.cfg;
    // Leave from the listener's address so the peer sees the address our Via names; a
    // wildcard listener lets the OS pick.
    const wildcard = local.address === '0.0.0.0' || local.address === '::';
    const sock = net.connect({ host: address, port, family: familyOf(address) === 'IPv6' ? 6 : 4, ...(wildcard ? {} : { localAddress: local.address }) });
    this.pendingSockets.add(sock);
    return new Promise<TcpConnection>((resolve, reject) => {
      let settled = false;
      const fail = (code: 'TRANSPORT_CONNECT_TIMEOUT' | 'TRANSPORT_CONNECT_FAILED', why: string, cause?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingSockets.delete(sock);
        sock.destroy();
        this.ctx.stats.connectFailures++;
        reject(new TransportError(code, `tcp connect to ${address}:${port}: ${why}`, { cause }));
      };
      const timer = setTimeout(() => fail('TRANSPORT_CONNECT_TIMEOUT', `no answer within ${connectTimeoutMs} ms`), connectTimeoutMs);
      sock.once('error', (err) => fail('TRANSPORT_CONNECT_FAILED', err.message, err));
      sock.once('connect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingSockets.delete(sock);
        sock.removeAllListeners('error');
        this.ctx.stats.tcpConnected++;
        resolve(this.register(sock, local, true));
      });
    });
  }

  private register(sock: net.Socket, local: ListenSocket, outgoing: boolean): TcpConnection {
    const address = sock.remoteAddress ?? '';
    const remote = { proto: 'tcp' as const, address, port: sock.remotePort ?? 0, family: familyOf(address) };
    const conn = new TcpConnection(this.nextId++, sock, local, remote, outgoing, this.ctx, (c) => this.forget(c));
    this.byId.set(conn.id, conn);
    this.byRemote.set(remoteKey(remote.address, remote.port), conn);
    this.ctx.stats.tcpActive = this.byId.size;
    return conn;
  }

  private forget(c: TcpConnection): void {
    if (!this.byId.delete(c.id)) return;
    const key = remoteKey(c.remote.address, c.remote.port);
    if (this.byRemote.get(key) === c) this.byRemote.delete(key);
    this.ctx.stats.tcpClosed++;
    this.ctx.stats.tcpActive = this.byId.size;
  }

  /** Closes every connection and abandons pending connects (shutdown). */
  closeAll(): void {
    this.stopped = true;
    for (const s of this.pendingSockets) s.destroy(new Error('transport stopping'));
    for (const c of this.byId.values()) c.close();
  }
}
