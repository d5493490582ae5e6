// The To-tag of our stateless replies. Like OpenSIPS (tags.h): a prefix fixed per process
// (md5 of "OpenSIPS-stateless" and the first listening socket) and a per-request suffix
// (a hash of the top Via's host, port and branch), separated by '.'. A retransmission, and
// the ACK to a non-2xx reply (same top Via, RFC 3261 17.1.1.3), therefore carry the same
// tag, which is how absorb-ack.ts recognises ACKs to our own replies.
import { createHash } from 'node:crypto';
import type { MessageContext } from '../../engine/core/message-context.js';
import { hash32 } from '../../engine/sip/index.js';
import type { SlState } from './state.js';

const SIGNATURE = 'OpenSIPS-stateless';

function prefix(st: SlState, ctx: MessageContext): string {
  const socket = ctx.core.sockets[0]?.name ?? '';
  if (st.tagPrefix?.socket !== socket) {
    st.tagPrefix = { socket, hex: createHash('md5').update(SIGNATURE + socket).digest('hex') };
  }
  return st.tagPrefix.hex;
}

/** What identifies the request's transaction: the top Via's sent-by and branch; without a
 *  branch (RFC 2543 peers) also Call-ID, From tag and CSeq number, which an ACK repeats. */
function transactionKey(ctx: MessageContext): string {
  const msg = ctx.msg;
  let key = '';
  try {
    const via = msg.via;
    if (via) key = `${via.host}:${via.port ?? ''};${via.branch ?? ''}`;
    if (via?.branch) return key;
  } catch {
    // A broken top Via: the other identifiers still make the tag stable.
  }
  try {
    key += `|${msg.callId}|${msg.from?.tag ?? ''}|${msg.cseq.seq}`;
  } catch {
    key += `|${msg.header('call-id') ?? ''}`;
  }
  return key;
}

export function genTotag(st: SlState, ctx: MessageContext): string {
  // The suffix is computed per reply: FNV, not md5 (a third of the cost on this hot path).
  return `${prefix(st, ctx)}.${hash32(transactionKey(ctx))}`;
}
