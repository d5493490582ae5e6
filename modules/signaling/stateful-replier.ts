// The optional stateful path: what signaling needs from tm (tm's TmApi extends this). Kept
// here, as signaling's own view of tm, so a user module swapped in for tm only has to offer
// these two members for replies to go through its transactions.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { SigReplyExtra, SigReplyResult } from './api.js';

export interface StatefulReplier {
  /** Replies through the transaction of ctx's request; undefined when it has none (then
   *  signaling answers statelessly). It must not create a transaction (OpenSIPS: the
   *  script-level t_reply only uses one that t_newtran/t_check_trans found). */
  replyInTransaction(ctx: MessageContext, code: number, reason: string, extra?: SigReplyExtra): SigReplyResult | undefined;
  /** The To-tag of the transaction's local replies; undefined without a transaction. */
  transactionTotag(ctx: MessageContext): string | undefined;
}

function isStatefulReplier(api: unknown): api is StatefulReplier {
  const a = api as Partial<StatefulReplier> | undefined;
  return typeof a?.replyInTransaction === 'function' && typeof a.transactionTotag === 'function';
}

/** tm's API when tm is loaded and offers the stateful path; a module named tm without these
 *  members (a user's replacement) is reported and replies go out statelessly. */
export function findTm(api: unknown, warn: (message: string) => void): StatefulReplier | undefined {
  if (api === undefined) return undefined;
  if (isStatefulReplier(api)) return api;
  warn('the loaded tm module offers no replyInTransaction/transactionTotag; replies are sent statelessly');
  return undefined;
}
