// Where a request for a URI goes, and which socket it leaves from: shared by stateless
// forwarding (core forward()) and tm's branches and local requests.
import { parseUri } from '../sip/index.js';
import { requestTarget, type ListenSocket, type Proto, type SendTarget } from '../transport/index.js';

/** RFC 3263 as far as the URI says it: transport, port and maddr (names resolve later). */
export function uriTarget(uri: string): SendTarget {
  const u = parseUri(uri);
  const t = requestTarget({ host: u.host, port: u.port, transport: u.transport, maddr: u.maddr, secure: u.scheme === 'sips' });
  return { proto: t.proto as Proto, address: t.address, port: t.port };
}

/** The socket the message came in on when the protocol matches, else the first of it. */
export function pickSocket(sockets: readonly ListenSocket[], proto: string, preferred?: ListenSocket): ListenSocket | undefined {
  if (preferred && preferred.proto === proto) return preferred;
  return sockets.find((s) => s.proto === proto);
}
