// The optional stateful path. tm is not written yet, so `tm` is not in ModuleApis and
// `ctx.api('tm')` does not type-check; this file names the two members signaling needs and
// looks them up by name. When tm exists, its API must include StatefulReplier (add
// `TmApi extends StatefulReplier` there) and findTm becomes `ctx.api('tm')`.
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

/** tm's API when tm is loaded and offers the stateful path; `lookup` is the module
 *  context's api(). A tm without these members is reported and not used. */
export function findTm(lookup: (name: string) => unknown, warn: (message: string) => void): StatefulReplier | undefined {
  const api = lookup('tm');
  if (api === undefined) return undefined;
  if (isStatefulReplier(api)) return api;
  warn('the loaded tm module offers no replyInTransaction/transactionTotag; replies are sent statelessly');
  return undefined;
}
