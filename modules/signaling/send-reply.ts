// The reply dispatch of OpenSIPS signaling: through tm when the request already has a
// transaction (t_newtran/t_check_trans ran earlier), otherwise statelessly through sl. The
// choice is made at call time, so the same script line can answer either way, as in
// OpenSIPS (and with a different To-tag format), which traces must reproduce.
import type { MessageContext } from '../../engine/core/message-context.js';
import { LogLevel } from '../../engine/core/log.js';
import type { SigReplyExtra, SigReplyResult } from './api.js';
import type { SignalingState } from './state.js';

export function isReplyCode(code: number): boolean {
  return Number.isInteger(code) && code >= 100 && code <= 699;
}

export function sendReply(st: SignalingState, ctx: MessageContext, code: number, reason: string, extra?: SigReplyExtra): SigReplyResult {
  if (!isReplyCode(code)) {
    st.log(LogLevel.ERR, `invalid reply code ${code}: must be 100..699`);
    return { rc: -1 };
  }
  const stateful = st.tm?.replyInTransaction(ctx, code, reason, extra);
  if (stateful) return stateful;
  if (st.sl) return st.sl.sendReply(ctx, code, reason, extra);
  st.log(LogLevel.ERR, 'no transaction for this request and sl is not loaded: cannot reply');
  return { rc: -1 };
}

export function localTotag(st: SignalingState, ctx: MessageContext): string | undefined {
  return st.tm?.transactionTotag(ctx) ?? st.sl?.genTotag(ctx);
}
