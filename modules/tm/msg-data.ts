// What tm remembers about the message a route is running on: its transaction, the branch
// (onreply and branch routes), the winning branch (failure route), and route names armed by
// t_on_* before the transaction exists.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { ClientBranch, Transaction } from './transaction.js';
import { lookupKey } from './table.js';

export interface TmMsgData {
  tx?: Transaction;
  branch?: ClientBranch;
  /** branch_route: the index and R-URI of the branch being built. */
  building?: { index: number; uri: string };
  winner?: ClientBranch;
  failure?: string;
  reply?: string;
  branchRoute?: string;
  /** t_relay ran for this message (a second call only adds branches). */
  relayed?: boolean;
  /** The request's transaction key, computed once (t_check_trans then t_relay). */
  key?: string;
  /** $T_fr_timeout / $T_fr_inv_timeout set before the transaction existed. */
  pendingTimeouts?: { frMs?: number; frInvMs?: number };
}

const KEY = 'tm';

export function tmData(ctx: MessageContext): TmMsgData {
  let d = ctx.moduleData.get(KEY) as TmMsgData | undefined;
  if (!d) ctx.moduleData.set(KEY, (d = {}));
  return d;
}

/** The lookup key of ctx's request, cached on the message. */
export function keyOf(ctx: MessageContext): string {
  const d = tmData(ctx);
  return (d.key ??= lookupKey(ctx.msg));
}

export function peekTmData(ctx: MessageContext): TmMsgData | undefined {
  return ctx.moduleData.get(KEY) as TmMsgData | undefined;
}

export function txOf(ctx: MessageContext): Transaction | undefined {
  return peekTmData(ctx)?.tx;
}
