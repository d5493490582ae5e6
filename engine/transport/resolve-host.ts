// Turning the HOST of a socket definition into addresses to bind, as OpenSIPS does at
// start-up (reference/script-language.md 2.3): `*` is one socket per local address, an
// interface name one per address of that interface, a host name its resolved address.

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import { TransportError } from './errors.js';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

function usable(a: { address: string; family: string | number; scopeid?: number }): boolean {
  // A link-local IPv6 address needs a zone id to bind; OpenSIPS skips it for `*` too.
  return !(String(a.family).endsWith('6') && a.address.toLowerCase().startsWith('fe80'));
}

export async function bindAddresses(host: string, interfaces: Interfaces = os.networkInterfaces()): Promise<string[]> {
  if (isIP(host) !== 0) return [host];
  if (host === '*') {
    return Object.values(interfaces).flatMap((list) => (list ?? []).filter(usable).map((a) => a.address));
  }
  const iface = interfaces[host];
  if (iface) return iface.filter(usable).map((a) => a.address);
  try {
    const { address } = await lookup(host);
    return [address];
  } catch (err) {
    throw new TransportError('TRANSPORT_RESOLVE_FAILED', `cannot resolve '${host}': ${(err as Error).message}`, { cause: err });
  }
}

/** A send target's address: an IP as is, a name through the system resolver (A/AAAA; the
 *  RFC 3263 NAPTR/SRV steps belong to the caller). */
export async function targetAddress(host: string): Promise<string> {
  if (isIP(host) !== 0) return host;
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(h) !== 0) return h;
  try {
    return (await lookup(h)).address;
  } catch (err) {
    throw new TransportError('TRANSPORT_RESOLVE_FAILED', `cannot resolve '${host}': ${(err as Error).message}`, { cause: err });
  }
}
