// mf_process_maxfwd_header(n) (RFC 3261 16.3 step 2, 16.6 step 3): add the header with n
// when absent (2), decrement it when present (1), -1 when it is 0 (the script answers 483),
// -2 when the value cannot be parsed or n is out of range.
import type { MessageContext } from '../../engine/core/message-context.js';
import { LogLevel } from '../../engine/core/log.js';
import { maxFwdState } from './current-value.js';
import type { MaxfwdModuleState } from './state.js';

export function isHopCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 256;
}

export function processMaxfwd(st: MaxfwdModuleState, ctx: MessageContext, n: number): number {
  // Constants are checked at load time; a variable, or a constant above max_limit (the
  // fixup cannot see module parameters), is checked here.
  if (!isHopCount(n) || n > st.maxLimit) {
    st.log(LogLevel.ERR, `invalid max-forwards value ${n}: must be 1..${st.maxLimit} (max_limit)`);
    return -2;
  }
  const mf = maxFwdState(ctx);
  if (Number.isNaN(mf.value)) return -2;
  if (mf.value === undefined) {
    // Before the first header, as OpenSIPS inserts it right after the request line. Only once:
    // a second call must not add a second Max-Forwards.
    if (!mf.added) ctx.editor.addHeader('Max-Forwards', String(n), 'top');
    mf.added = true;
    return 2;
  }
  if (mf.value === 0) return -1;
  // A value above max_limit leaves this hop as exactly max_limit.
  mf.value = Math.min(mf.value, st.maxLimit + 1) - 1;
  // OpenSIPS pads the digits in place to keep the message length; rewriting the header line
  // gives the same value on the wire without touching the received bytes.
  ctx.editor.replaceHeader('Max-Forwards', String(mf.value));
  return 1;
}
