// A tiny stateless responder for the loopback tests: parse the request with engine/sip,
// find where the answer goes with responseTarget (RFC 3261 18.2.2 / RFC 3581), send 200.

import { parseMessage } from '../../../engine/sip/index.js';
import { responseTarget, type InboundMessage, type Transport, type Proto } from '../../../engine/transport/index.js';
import { reply } from './net-helpers.js';

export function respondWith200(t: Transport, seen: InboundMessage[] = [], errors: unknown[] = []): InboundMessage[] {
  t.onMessage((m) => {
    seen.push(m);
    let msg;
    try {
      msg = parseMessage(m.buf, { datagram: m.source.proto === 'udp' });
    } catch (e) {
      // The transport swallows handler errors (by design); show them so a timeout explains itself.
      console.error('responder could not parse:', e);
      errors.push(e);
      return;
    }
    if (!msg.isRequest) return;
    const target = responseTarget(msg.vias[0], { ...m.source, connectionId: m.connectionId });
    t.send({ proto: target.proto as Proto, address: target.address, port: target.port }, Buffer.from(reply(msg.callId ?? '')), {
      local: m.local, connectionId: target.connectionId,
    }).catch((e) => errors.push(e));
  });
  return seen;
}
