// tm's API for other modules (OpenSIPS load_tm_api, tm.md 6), in the form they use it:
// stateful replies for signaling, the transaction functions scripts call, and local
// requests that resolve with their final reply.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { StatefulReplier } from '../signaling/stateful-replier.js';
import type { LocalRequest, LocalResult } from './local-request.js';
import type { RelayOptions } from './relay.js';

export type { LocalRequest, LocalResult, DialogRef } from './local-request.js';

export interface TmApi extends StatefulReplier {
  /** Sends a request of our own; resolves with the final reply (408 on timeout). Rejects only
   *  when it cannot be built or has nowhere to go. */
  request(r: LocalRequest): Promise<LocalResult>;
  /** t_newtran: 1 created, 0 retransmission, -10 exists. */
  newTran(ctx: MessageContext): number;
  /** t_relay's codes. */
  relay(ctx: MessageContext, opts?: RelayOptions): number | Promise<number>;
  /** t_check_trans's codes. */
  checkTrans(ctx: MessageContext): number;
  /** Whether the message has a transaction (after t_newtran/t_relay, in failure/onreply routes). */
  hasTransaction(ctx: MessageContext): boolean;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { tm: TmApi }
}
