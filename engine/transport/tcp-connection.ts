// One TCP connection, accepted or opened by us. Bytes are framed per RFC 3261 18.3 by
// engine/sip/framing; a stream that cannot be framed (no Content-Length, too large, too much
// buffered) is that peer's problem only: we log once, close it, and nothing else notices.
// Idle connections close after tcp_connection_lifetime (socket.setTimeout is reset by every
// read and write, which is OpenSIPS's "lifetime is refreshed on traffic").

import type net from 'node:net';
import { FramingError, StreamFramer } from '../sip/framing.js';
import { LogLevel, type TransportContext } from './context.js';
import { TransportError } from './errors.js';
import type { ListenSocket, PeerAddress } from './types.js';

const PONG = Buffer.from('\r\n');

export class TcpConnection {
  private readonly framer: StreamFramer;
  private closedFlag = false;
  private corked = false;

  constructor(
    readonly id: number,
    private readonly sock: net.Socket,
    readonly local: ListenSocket,
    readonly remote: PeerAddress,
    readonly outgoing: boolean,
    private readonly ctx: TransportContext,
    onClose: (c: TcpConnection) => void,
  ) {
    this.framer = new StreamFramer({
      maxMessageSize: ctx.cfg.maxMessageSize,
      maxBuffered: ctx.cfg.maxBufferedPerConnection,
      // RFC 5626 3.5.1: answer a CRLFCRLF ping with a CRLF pong.
      onPing: () => {
        ctx.stats.keepAlivePings++;
        if (this.closedFlag) return;
        sock.write(PONG);
        ctx.stats.bytesOut += PONG.length;
      },
    });
    sock.setNoDelay(true);
    sock.setTimeout(ctx.cfg.connectionLifetimeMs);
    sock.on('timeout', () => {
      ctx.log(LogLevel.DBG, `${this.describe()}: idle for ${ctx.cfg.connectionLifetimeMs} ms, closing`);
      sock.destroy();
    });
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    sock.on('error', (err) => ctx.log(LogLevel.DBG, `${this.describe()}: ${err.message}`));
    sock.on('close', () => {
      this.closedFlag = true;
      onClose(this);
    });
  }

  get closed(): boolean {
    return this.closedFlag || this.sock.destroyed;
  }

  describe(): string {
    const a = this.remote.family === 'IPv6' ? `[${this.remote.address}]` : this.remote.address;
    return `tcp connection ${this.id} (${this.outgoing ? 'to' : 'from'} ${a}:${this.remote.port} on ${this.local.name})`;
  }

  private onData(chunk: Buffer): void {
    if (this.sock.destroyed) return; // bytes already read when we closed it: not ours to frame
    const { stats } = this.ctx;
    stats.bytesIn += chunk.length;
    let msgs: Buffer[];
    try {
      msgs = this.framer.push(chunk);
    } catch (e) {
      if (e instanceof FramingError) {
        for (const m of e.messages) this.deliver(m);
        stats.framingErrors++;
      }
      this.ctx.log(LogLevel.WARN, `${this.describe()}: ${(e as Error).message}; closing the connection`);
      this.sock.destroy();
      return;
    }
    for (const m of msgs) this.deliver(m);
  }

  private deliver(buf: Buffer): void {
    this.ctx.stats.messagesIn++;
    this.ctx.deliver({ buf, source: this.remote, local: this.local, connectionId: this.id });
  }

  write(buf: Buffer): Promise<void> {
    if (this.closed) {
      return Promise.reject(new TransportError('TRANSPORT_CONNECTION_CLOSED', `${this.describe()} is closed`));
    }
    // A peer that stops reading must not make us queue without end.
    if (this.sock.writableLength + buf.length > this.ctx.cfg.maxWriteQueuedPerConnection) {
      this.ctx.stats.sendErrors++;
      this.ctx.log(LogLevel.WARN, `${this.describe()}: peer is not reading, closing`);
      this.sock.destroy();
      return Promise.reject(new TransportError('TRANSPORT_WRITE_OVERFLOW', `${this.describe()}: write queue full`));
    }
    this.corkForTick();
    return new Promise((resolve, reject) => {
      this.sock.write(buf, (err) => {
        if (err) {
          this.ctx.stats.sendErrors++;
          reject(new TransportError('TRANSPORT_CONNECTION_CLOSED', `${this.describe()}: ${err.message}`, { cause: err }));
          return;
        }
        this.ctx.stats.bytesOut += buf.length;
        this.ctx.stats.messagesOut++;
        resolve();
      });
    });
  }

  /** Messages written in one turn of the event loop leave in one writev: a burst of
   *  requests to a peer costs one system call and one wake-up of the peer, not one each. */
  private corkForTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.sock.cork();
    setImmediate(this.uncork);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.sock.uncork();
  };

  close(): void {
    this.sock.destroy();
  }
}
