// Where a response goes, and what the server writes into the request's top Via first.
// RFC 3261 18.2.1 (received), 18.2.2 (sending responses) and RFC 3581 4 (rport).

import { isIP } from 'node:net';
import { defaultPort, isReliable, stripBrackets, type SourceLike, type ViaLike } from './via-like.js';

export interface ResponseTarget {
  proto: string;
  address: string;
  port: number;
  /** Reliable transports: answer on this connection while it is open (18.2.2). */
  connectionId?: number;
}

/** RFC 3261 18.2.2 with RFC 3581 4. `topVia` is the request's top Via as received (a
 *  `received`/`rport` value already written by receivedParams is honoured too). The
 *  protocol is the one the request arrived on: that is where a connection exists. */
export function responseTarget(topVia: ViaLike, source: SourceLike): ResponseTarget {
  const proto = source.proto.toLowerCase();
  const sentByPort = topVia.port ?? defaultPort(topVia.transport);
  if (isReliable(proto)) {
    // The connection the request came on; if it has closed, a new one to the received
    // address (the source) and the sent-by port. rport does not apply (RFC 3581 4 limits
    // it to unreliable transports).
    const t: ResponseTarget = { proto, address: topVia.received ?? source.address, port: sentByPort };
    if (source.connectionId !== undefined) t.connectionId = source.connectionId;
    return t;
  }
  if (topVia.maddr !== undefined) {
    // Multicast (or any) maddr: sent-by port or the default (18.2.2 second bullet).
    return { proto, address: stripBrackets(topVia.maddr), port: sentByPort };
  }
  // "received" is the source address whenever sent-by differs from it (18.2.1), so the
  // source address is right whether or not the parameter has been written yet.
  const address = topVia.received ?? source.address;
  if (topVia.rport !== undefined) {
    return { proto, address, port: typeof topVia.rport === 'number' ? topVia.rport : source.port };
  }
  return { proto, address, port: sentByPort };
}

export interface ReceivedParams {
  received?: string;
  rport?: number;
}

/** What to add to the top Via of a received request. RFC 3261 18.2.1: `received` when the
 *  sent-by host is a name or an IP other than the source. RFC 3581 4: when `rport` is
 *  present without a value, fill it with the source port, and add `received` even when it
 *  equals sent-by. Returns {} when nothing is to be added. */
export function receivedParams(topVia: ViaLike, source: SourceLike): ReceivedParams {
  const out: ReceivedParams = {};
  const fillRport = topVia.rport === true;
  if (fillRport) out.rport = source.port;
  if (fillRport || !sameAddress(topVia.host, source.address)) out.received = source.address;
  return out;
}

/** True when both are the same IP address (IPv6 compared in full form); a name is never
 *  the same as an address. */
export function sameAddress(a: string, b: string): boolean {
  const x = stripBrackets(a);
  const y = stripBrackets(b);
  const fx = isIP(x);
  if (fx === 0 || fx !== isIP(y)) return false;
  return fx === 4 ? x === y : expandIPv6(x) === expandIPv6(y);
}

function expandIPv6(a: string): string {
  let s = a.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number);
    s = s.slice(0, v4.index) + ((b0 << 8) | b1).toString(16) + ':' + ((b2 << 8) | b3).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}
