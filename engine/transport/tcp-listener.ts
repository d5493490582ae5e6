// One listening TCP socket. Accepted connections are handed to TcpConnections, which frames
// them and keeps them reusable for responses (RFC 3261 18.2.2).

import net from 'node:net';
import { LogLevel, type TransportContext } from './context.js';
import { TransportError } from './errors.js';
import type { SocketSpec } from './socket-spec.js';
import type { TcpConnections } from './tcp-connections.js';
import { familyOf, socketName, type ListenSocket } from './types.js';

export class TcpListener {
  private constructor(
    readonly local: ListenSocket,
    private readonly server: net.Server,
  ) {}

  static bind(id: number, spec: SocketSpec, address: string, conns: TcpConnections, ctx: TransportContext): Promise<TcpListener> {
    const family = familyOf(address);
    const server = net.createServer({ noDelay: true });
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        server.close();
        reject(new TransportError('TRANSPORT_BIND_FAILED', `cannot listen on ${socketName('tcp', address, spec.port)}: ${err.message}`, { cause: err }));
      };
      server.once('error', onError);
      server.listen({ host: address, port: spec.port, ipv6Only: family === 'IPv6', exclusive: true }, () => {
        server.off('error', onError);
        const addr = server.address() as net.AddressInfo;
        const local: ListenSocket = {
          id, proto: 'tcp', address, port: addr.port, family, spec,
          name: socketName('tcp', address, addr.port),
          ...(spec.advertised ? { advertised: spec.advertised } : {}),
          ...(spec.tag !== undefined ? { tag: spec.tag } : {}),
        };
        server.on('connection', (sock) => conns.adopt(sock, local));
        server.on('error', (err) => ctx.log(LogLevel.ERR, `${local.name}: ${err.message}`));
        resolve(new TcpListener(local, server));
      });
    });
  }

  /** Stops accepting; open connections are closed by TcpConnections.closeAll. */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
