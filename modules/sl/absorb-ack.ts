// ACK absorption: an ACK to a non-2xx reply we sent statelessly ends here, before the script,
// as OpenSIPS's sl pre-script hook does. We recognise it by its To-tag, which equals the tag
// we would generate for it (same top Via as the request, RFC 3261 17.1.1.3). OpenSIPS only
// looks when a stateless reply went out in the last 2 seconds (one global timestamp); tsips
// always compares the tag, which is cheap and never lets such an ACK through
// (signaling-sl.md A.8 #3).
import type { MessageContext } from '../../engine/core/message-context.js';
import { genTotag } from './totag.js';
import type { SlState } from './state.js';

export function absorbAck(st: SlState, ctx: MessageContext): boolean {
  const msg = ctx.msg;
  if (!msg.isRequest || msg.method !== 'ACK') return false;
  let tag: string | undefined;
  try {
    tag = msg.to?.tag;
  } catch {
    return false; // a broken To is the script's (or sanity's) business
  }
  if (!tag || tag !== genTotag(st, ctx)) return false;
  if (st.countStats) st.stats.received_ACKs.inc();
  return true;
}
