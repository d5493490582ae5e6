// The transport layer: binds the listening sockets, delivers every complete message (one
// UDP datagram, or one framed TCP message) to the core, and sends, reusing TCP connections
// (RFC 3261 18.1.1, 18.2.2). It knows no SIP beyond framing (STYLE.md 8): which address a
// response goes to is response-target.ts's business, called by whoever answers.

import { isIP } from 'node:net';
import { LogLevel, makeLog, type TransportContext } from './context.js';
import { TransportError } from './errors.js';
import { bindAddresses, targetAddress } from './resolve-host.js';
import type { SocketSpec } from './socket-spec.js';
import { TcpConnections } from './tcp-connections.js';
import { TcpListener } from './tcp-listener.js';
import {
  familyOf, newStats, resolveConfig,
  type InboundMessage, type ListenSocket, type ResolvedTransportConfig, type SendOptions,
  type SendTarget, type TransportConfig, type TransportStats,
} from './types.js';
import { UdpListener } from './udp-listener.js';

export type MessageHandler = (msg: InboundMessage) => void;

export class Transport {
  /** Live counters; read them, do not write them. */
  readonly stats: TransportStats = newStats();
  readonly config: ResolvedTransportConfig;
  private readonly ctx: TransportContext;
  private readonly handlers: MessageHandler[] = [];
  private readonly conns: TcpConnections;
  private udp: UdpListener[] = [];
  private tcp: TcpListener[] = [];
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';

  constructor(config: TransportConfig = {}) {
    this.config = resolveConfig(config);
    const log = makeLog(config.log);
    this.ctx = {
      cfg: this.config,
      stats: this.stats,
      log,
      deliver: (msg) => {
        for (const h of this.handlers) {
          // A handler bug must not kill the socket's event handler or the other handlers.
          try {
            h(msg);
          } catch (e) {
            log(LogLevel.ERR, `message handler failed on a message from ${msg.source.address}:${msg.source.port}: ${(e as Error).stack ?? e}`);
          }
        }
      },
    };
    this.conns = new TcpConnections(this.ctx);
  }

  /** The bound sockets, in definition order (UDP and TCP mixed as given). */
  get sockets(): ListenSocket[] {
    return [...this.udp.map((l) => l.local), ...this.tcp.map((l) => l.local)].sort((a, b) => a.id - b.id);
  }

  /** Open TCP connections right now. */
  get connectionCount(): number {
    return this.conns.size;
  }

  /** Binds every socket; on any failure closes what was bound and rejects (start-up fails). */
  async start(specs: readonly SocketSpec[]): Promise<ListenSocket[]> {
    if (this.state !== 'new') throw new TransportError('TRANSPORT_NOT_STARTED', 'start() may be called once');
    this.state = 'starting';
    let id = 0;
    try {
      for (const spec of specs) {
        for (const address of await bindAddresses(spec.host)) {
          if (spec.proto === 'udp') this.udp.push(await UdpListener.bind(++id, spec, address, this.ctx));
          else this.tcp.push(await TcpListener.bind(++id, spec, address, this.conns, this.ctx));
        }
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    this.state = 'running';
    for (const s of this.sockets) this.ctx.log(LogLevel.INFO, `listening on ${s.name}`);
    return this.sockets;
  }

  /** Registers a handler for every inbound message; returns a function that removes it. */
  onMessage(cb: MessageHandler): () => void {
    this.handlers.push(cb);
    return () => {
      const i = this.handlers.indexOf(cb);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Sends one message. TCP: on `opts.connectionId` while open, else on an open connection
   *  to target, else on a new one. Rejects with a TransportError. */
  async send(target: SendTarget, buf: Buffer, opts: SendOptions = {}): Promise<void> {
    if (this.state !== 'running') throw new TransportError('TRANSPORT_NOT_STARTED', 'the transport is not running');
    if (buf.length > this.config.maxMessageSize) {
      throw new TransportError('TRANSPORT_TOO_LARGE', `a ${buf.length}-byte message exceeds ${this.config.maxMessageSize}`);
    }
    if (target.proto === 'tcp' && opts.connectionId !== undefined) {
      // RFC 3261 18.2.2: a response goes back on the connection the request came on.
      const open = this.conns.get(opts.connectionId);
      if (open) return open.write(buf);
    }
    const address = isIP(target.address) !== 0 ? target.address : await targetAddress(target.address);
    if (target.proto === 'udp') return this.pickUdp(address, opts.local).send(buf, address, target.port);
    if (target.proto === 'tcp') {
      const conn = await this.conns.obtain(address, target.port, this.pickTcp(address, opts.local));
      return conn.write(buf);
    }
    throw new TransportError('TRANSPORT_UNSUPPORTED_PROTO', `no transport for '${String(target.proto)}'`);
  }

  private pickUdp(address: string, local: ListenSocket | undefined): UdpListener {
    const family = familyOf(address);
    const l = (local && local.proto === 'udp' && local.family === family && this.udp.find((u) => u.local.id === local.id))
      || this.udp.find((u) => u.local.family === family);
    if (!l) throw new TransportError('TRANSPORT_NO_SOCKET', `no ${family} UDP socket to send to ${address}`);
    return l;
  }

  private pickTcp(address: string, local: ListenSocket | undefined): ListenSocket {
    const family = familyOf(address);
    if (local && local.proto === 'tcp' && local.family === family) return local;
    const l = this.tcp.find((t) => t.local.family === family);
    if (!l) throw new TransportError('TRANSPORT_NO_SOCKET', `no ${family} TCP socket to send to ${address}`);
    return l.local;
  }

  /** Closes listeners and connections; safe to call more than once. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.conns.closeAll();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = [];
    this.tcp = [];
    await Promise.all([...udp.map((l) => l.close()), ...tcp.map((l) => l.close())]);
  }
}
