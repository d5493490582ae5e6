// The To tag of a stateless reply. It must be the same for every retransmission of a request
// (RFC 3261 8.2.6.2, and what OpenSIPS's sl does with its tag "prefix-suffix" computed from the
// request), so it is a hash of what identifies the request, salted per process.
import { randomBytes } from 'node:crypto';
import { hash32, type SipMessage } from '../../sip/index.js';

const PREFIX = randomBytes(4).toString('hex');

export function stableToTag(msg: SipMessage): string {
  let key: string;
  try {
    key = `${msg.callId}\n${msg.from?.tag ?? ''}\n${msg.via?.branch ?? ''}\n${msg.cseq.seq}`;
  } catch {
    key = msg.buffer.toString('latin1', 0, Math.min(msg.buffer.length, 512)); // broken headers: hash the start
  }
  return `${PREFIX}-${hash32(key)}`;
}
