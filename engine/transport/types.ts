// The shapes the transport hands to the core and takes from it. Plain data: a message is
// bytes plus where they came from; the transport knows no SIP beyond stream framing
// (STYLE.md 8).

import type { Logger } from '../core/log.js';
import type { Proto, SocketSpec } from './socket-spec.js';

export type Family = 'IPv4' | 'IPv6';

/** A bound listening socket, as the core and script see it ($Ri, $Rp, Via sent-by). */
export interface ListenSocket {
  readonly id: number;
  readonly proto: Proto;
  /** The bound address (a resolved IP, never a name or `*`). */
  readonly address: string;
  /** The bound port (the OS's choice when the spec said 0). */
  readonly port: number;
  readonly family: Family;
  readonly advertised?: { host: string; port?: number };
  readonly tag?: string;
  /** The definition this socket came from. */
  readonly spec: SocketSpec;
  /** `udp:127.0.0.1:5060`, `tcp:[::1]:5061`: OpenSIPS's way of printing a socket. */
  readonly name: string;
}

export interface PeerAddress {
  proto: Proto;
  address: string;
  port: number;
  family: Family;
}

export interface InboundMessage {
  /** One UDP datagram, or one framed message from a TCP stream. It may be a view of a
   *  larger read: copy it (Buffer.from) before keeping it for long. Never mutate it. */
  buf: Buffer;
  source: PeerAddress;
  local: ListenSocket;
  /** The TCP connection it came on: pass it back to `send` to answer on the same one. */
  connectionId?: number;
}

export interface SendTarget {
  proto: Proto;
  /** An IP address or a host name (resolved with the system resolver, A/AAAA only). */
  address: string;
  port: number;
}

export interface SendOptions {
  /** Send from this socket (UDP: its port; TCP: its address for new connections). */
  local?: ListenSocket;
  /** RFC 3261 18.2.2: answer on the connection the request came on while it is open. */
  connectionId?: number;
}

export interface TransportConfig {
  /** Largest message sent or received; default 65535. */
  maxMessageSize?: number;
  /** Bytes a TCP connection may hold while waiting for the rest of a message; default maxMessageSize. */
  maxBufferedPerConnection?: number;
  /** Bytes queued for writing to one slow peer before its connection is dropped; default 1 MiB. */
  maxWriteQueuedPerConnection?: number;
  /** OpenSIPS `tcp_connect_timeout`, in ms; default 100. */
  connectTimeoutMs?: number;
  /** OpenSIPS `tcp_connection_lifetime`, in ms here; idle connections close; default 120 s. */
  connectionLifetimeMs?: number;
  /** OpenSIPS `tcp_max_connections`; default 2048. */
  maxConnections?: number;
  log?: Logger;
}

export interface ResolvedTransportConfig {
  maxMessageSize: number;
  maxBufferedPerConnection: number;
  maxWriteQueuedPerConnection: number;
  connectTimeoutMs: number;
  connectionLifetimeMs: number;
  maxConnections: number;
}

export function resolveConfig(c: TransportConfig): ResolvedTransportConfig {
  const maxMessageSize = c.maxMessageSize ?? 65535;
  return {
    maxMessageSize,
    maxBufferedPerConnection: c.maxBufferedPerConnection ?? maxMessageSize,
    maxWriteQueuedPerConnection: c.maxWriteQueuedPerConnection ?? 1024 * 1024,
    connectTimeoutMs: c.connectTimeoutMs ?? 100,
    connectionLifetimeMs: c.connectionLifetimeMs ?? 120_000,
    maxConnections: c.maxConnections ?? 2048,
  };
}

/** Counters, plain numbers read at any time (the stats module exports them). */
export interface TransportStats {
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
  /** Datagrams dropped as empty or above maxMessageSize. */
  udpDropped: number;
  tcpAccepted: number;
  tcpConnected: number;
  tcpClosed: number;
  /** Connections open now. */
  tcpActive: number;
  /** Connections closed because their bytes could not be framed. */
  framingErrors: number;
  connectFailures: number;
  sendErrors: number;
  keepAlivePings: number;
}

export function newStats(): TransportStats {
  return {
    bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, udpDropped: 0,
    tcpAccepted: 0, tcpConnected: 0, tcpClosed: 0, tcpActive: 0,
    framingErrors: 0, connectFailures: 0, sendErrors: 0, keepAlivePings: 0,
  };
}

export function familyOf(address: string): Family {
  return address.includes(':') ? 'IPv6' : 'IPv4';
}

export function socketName(proto: Proto, address: string, port: number): string {
  return `${proto}:${address.includes(':') ? `[${address}]` : address}:${port}`;
}
