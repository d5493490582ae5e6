// `is_myself` (OpenSIPS check_self): a host, and a port unless it is 0, names one of our
// sockets (bound or advertised address), an `alias=`, or `advertised_address`.
import { isIP } from 'node:net';
import type { ListenSocket } from '../../transport/index.js';
import type { CoreConfig } from './core-config.js';

export function createMyselfCheck(sockets: () => readonly ListenSocket[], config: CoreConfig): (host: string, port?: number) => boolean {
  return (host, port = 0) => {
    const h = normalize(host);
    for (const s of sockets()) {
      const portOk = port === 0 || port === s.port || (s.advertised?.port !== undefined && port === s.advertised.port);
      if (!portOk) continue;
      if (h === normalize(s.address) || (s.advertised && h === normalize(s.advertised.host))) return true;
    }
    if (config.advertisedAddress !== undefined && h === normalize(config.advertisedAddress)) {
      const p = config.advertisedPort;
      if (port === 0 || p === undefined || p === port || sockets().some((s) => s.port === port)) return true;
    }
    for (const a of config.aliases) {
      if (a.port !== 0 && port !== 0 && a.port !== port) continue;
      if (h === a.host || (a.acceptSubdomain && h.endsWith(`.${a.host}`))) return true;
    }
    return false;
  };
}

/** Lower case, no brackets, IPv6 in one spelling ('::1' and '0:0::1' are the same host). */
function normalize(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (isIP(h) === 6) {
    try {
      h = new URL(`http://[${h}]/`).hostname.slice(1, -1);
    } catch { /* keep as written */ }
  }
  return h;
}
