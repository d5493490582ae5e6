// The little of a Via header field the RFC 3261 18 / RFC 3581 rules need. Structural, so
// transport/ does not depend on the parser's types: engine/sip's parsed Via satisfies it.

export interface ViaLike {
  /** The sent-protocol transport: UDP, TCP, TLS, SCTP, WS, WSS (any case). */
  transport: string;
  /** The sent-by host: an IP (IPv6 with or without brackets) or a name. */
  host: string;
  port?: number;
  received?: string;
  /** RFC 3581: `true` when present without a value. */
  rport?: number | true;
  maddr?: string;
}

/** Where a request came from, as the transport delivered it. */
export interface SourceLike {
  proto: string;
  address: string;
  port: number;
  connectionId?: number;
}

const RELIABLE = new Set(['tcp', 'tls', 'sctp', 'ws', 'wss']);

export function isReliable(proto: string): boolean {
  return RELIABLE.has(proto.toLowerCase());
}

/** RFC 3261 19.1.2 / 26.2: 5061 for TLS (and WSS), 5060 otherwise. */
export function defaultPort(proto: string): number {
  const p = proto.toLowerCase();
  return p === 'tls' || p === 'wss' ? 5061 : 5060;
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
