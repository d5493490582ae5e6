// sl_reply_error(): OpenSIPS answers with the *previous* internal error (a per-process
// variable) mapped to its 47x family ("477 Send failed (477/SL)"). In one Node process with
// concurrent messages a "previous error" would belong to another message, and the 47x codes
// are not standard (signaling-sl.md A.8 #4), so tsips always answers 500 with the standard
// phrase; it still counts as sent_err_replies.
import type { MessageContext } from '../../engine/core/message-context.js';
import { sendStateless } from './send-reply.js';
import type { SlState } from './state.js';

export const ERROR_REPLY = { code: 500, reason: 'Server Internal Error' } as const;

export function replyError(st: SlState, ctx: MessageContext): 1 | -1 {
  const r = sendStateless(st, ctx, ERROR_REPLY.code, ERROR_REPLY.reason);
  if (r.rc === 1 && st.countStats && ctx.msg.method !== 'ACK') st.stats.sent_err_replies.inc();
  return r.rc;
}
