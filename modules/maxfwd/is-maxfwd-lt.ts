// is_maxfwd_lt(n): compares the current value (after any decrement) with n.
// 1 value < n, -1 value >= n, -2 no Max-Forwards, -3 unparsable.
import type { MessageContext } from '../../engine/core/message-context.js';
import { maxFwdState } from './current-value.js';

export function isMaxfwdLt(ctx: MessageContext, n: number): number {
  const { value } = maxFwdState(ctx);
  if (value === undefined) return -2;
  if (Number.isNaN(value)) return -3;
  return value < n ? 1 : -1;
}
