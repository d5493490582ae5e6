// Where a request goes from a URI (or a next hop), and over what. RFC 3263 4.1/4.2 in its
// simple cases: the `transport` parameter picks the protocol, sips means TLS, otherwise
// UDP; no port means the protocol's default. NAPTR/SRV lookups are not done here (the
// caller that has a resolver does them); `needsResolution` tells it when they would apply.

import { isIP } from 'node:net';
import { defaultPort, stripBrackets } from './via-like.js';

export interface UriLike {
  host: string;
  port?: number;
  /** The URI's `transport` parameter, any case. */
  transport?: string;
  /** RFC 3261 19.1.1: maddr overrides the host as the address to contact. */
  maddr?: string;
  /** A sips: URI: TLS (RFC 3261 26.2.2). */
  secure?: boolean;
}

export interface RequestTarget {
  proto: string;
  address: string;
  port: number;
  /** The host is a name with no explicit port: RFC 3263 would consult NAPTR/SRV first. */
  needsResolution: boolean;
}

export function requestTarget(uri: UriLike): RequestTarget {
  const proto = uri.transport ? uri.transport.toLowerCase() : uri.secure ? 'tls' : 'udp';
  const address = stripBrackets(uri.maddr ?? uri.host);
  const port = uri.port ?? defaultPort(proto);
  return { proto, address, port, needsResolution: uri.port === undefined && isIP(address) === 0 };
}

/** Requests above this size go over TCP when the path MTU is unknown (RFC 3261 18.1.1). */
export const UDP_SIZE_THRESHOLD = 1300;

/** RFC 3261 18.1.1: a request within 200 bytes of the path MTU, or larger than 1300 bytes
 *  when the MTU is unknown, MUST go over a congestion-controlled transport such as TCP (the
 *  caller then changes the top Via's transport to match). Other protocols are unchanged. */
export function chooseRequestTransport<P extends string>(size: number, proto: P, pathMtu?: number): P | 'tcp' {
  if (proto.toLowerCase() !== 'udp') return proto;
  const tooBig = pathMtu !== undefined ? size > pathMtu - 200 : size > UDP_SIZE_THRESHOLD;
  return tooBig ? 'tcp' : proto;
}
