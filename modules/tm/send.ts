// Every buffer tm puts on the wire goes through here: one place for the socket choice and
// for what a failed send means to the caller.
import type { ListenSocket, SendTarget } from '../../engine/transport/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { pickSocket } from '../../engine/core/uri-target.js';
import type { Hop } from './transaction.js';
import type { TmState } from './state.js';

export function sendBuf(st: TmState, hop: Hop, buf: Buffer, onError?: (e: Error) => void): void {
  const opts = hop.connectionId !== undefined ? { local: hop.local, connectionId: hop.connectionId } : { local: hop.local };
  st.runtime.ready.send(hop.target, buf, opts).catch((e: Error) => {
    if (onError) onError(e);
    else st.log(LogLevel.WARN, `sending to ${hop.target.proto}:${hop.target.address}:${hop.target.port} failed: ${e.message}`);
  });
}

export function hopTo(st: TmState, target: SendTarget, preferred?: ListenSocket): Hop {
  return { target, local: pickSocket(st.runtime.ready.sockets, target.proto, preferred) };
}

/** The Via sent-by of a socket: its advertised address when it has one. */
export function viaSentBy(s: ListenSocket): string {
  const host = s.advertised?.host ?? (s.address.includes(':') ? `[${s.address}]` : s.address);
  return `${host}:${s.advertised?.port ?? s.port}`;
}
