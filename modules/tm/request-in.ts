// The request side of the script functions: finding or creating the transaction of the
// current request (t_check_trans, t_newtran), ACK absorption, and t_relay's dispatch
// between ACK, CANCEL and ordinary requests (tm.md 7.4, 7.5).
import type { MessageContext } from '../../engine/core/message-context.js';
import type { Transaction } from './transaction.js';
import { createServerTx, ackReceived, resendLastReply, replyLocal } from './uas.js';
import { sendCancel } from './uac.js';
import { relayRequest, type RelayOptions } from './relay.js';
import { keyOf, tmData, type TmMsgData } from './msg-data.js';
import type { TmState } from './state.js';

/** What t_check_trans finds for the current request (tm.md 4). */
export function checkTrans(st: TmState, ctx: MessageContext): number {
  const msg = ctx.msg;
  const method = msg.method;
  if (method === 'CANCEL') return st.table.original(msg) ? 1 : -1;
  if (method === 'ACK') {
    const tx = st.table.lookup(msg, keyOf(ctx));
    if (tx && tx.isInvite && tx.uasStatus >= 300) {
      ackReceived(st, tx);
      return 1;
    }
    const inv = tx ?? st.table.ackedInvite(msg);
    if (inv && inv.uasStatus >= 200 && inv.uasStatus < 300) {
      if (inv.uasLocal && msg.to?.tag === inv.toTag) ackReceived(st, inv); // the ACK of our own 2xx
      return -2;
    }
    return -1;
  }
  const tx = st.table.lookup(msg, keyOf(ctx));
  if (!tx) return -1;
  resendLastReply(st, tx);
  return 0;
}

/** t_newtran: 1 created, 0 a retransmission (last reply resent; the script stops), -10 the
 *  request already has one, -1 for an ACK (which never gets a transaction of its own). */
export function newTran(st: TmState, ctx: MessageContext): number {
  const d = tmData(ctx);
  if (d.tx) return -10;
  const msg = ctx.msg;
  if (msg.method === 'ACK') {
    checkTrans(st, ctx);
    return -1;
  }
  const old = st.table.lookup(msg, keyOf(ctx));
  if (old) {
    resendLastReply(st, old);
    return 0;
  }
  d.tx = createServerTx(st, ctx, keyOf(ctx));
  applyArmed(d.tx, d);
  return 1;
}

/** t_relay in the request route or failure_route. */
export function tRelay(st: TmState, ctx: MessageContext, opts: RelayOptions & { noAutoReply?: boolean }): number | Promise<number> {
  const d = tmData(ctx);
  const msg = ctx.msg;
  if (ctx.routeType === 'request' && !d.tx) {
    if (msg.method === 'ACK') {
      // An ACK of a negative reply ends here; any other ACK goes on statelessly.
      if (checkTrans(st, ctx) === 1) return 1;
      return ctx.core.forward(ctx).then((ok) => (ok ? 1 : -6));
    }
    const r = newTran(st, ctx);
    if (r === 0) return 1; // retransmission: absorbed (OpenSIPS returns 1 here, tm.md 8 #6)
    if (r < 0) return -1;
  }
  const tx = d.tx!;
  applyArmed(tx, d);
  if (msg.method === 'CANCEL' && ctx.routeType === 'request') {
    const inv = st.table.original(msg);
    if (inv) return cancelInvite(st, ctx, tx, inv);
  }
  if (tx.cancelled) {
    replyLocal(st, tx, ctx, 487, 'Request Terminated');
    return -3;
  }
  const before = tx.branches.length;
  const r = relayRequest(st, ctx, tx, opts);
  const after = (rc: number): number => {
    // Nothing could be sent: answer upstream unless the script asked to do it itself
    // (no-auto-477). OpenSIPS then returns 1 (tm.md 7.5 step 5); its 47x codes are replaced
    // by standard ones (tm.md 8 #4).
    if (rc >= 0 || opts.noAutoReply || ctx.routeType !== 'request' || tx.branches.length > before || tx.uasStatus >= 200) return rc;
    replyLocal(st, tx, ctx, rc === -2 ? 400 : 500, rc === -2 ? 'Bad Request-URI' : 'No destination available');
    return 1;
  };
  return r instanceof Promise ? r.then(after) : after(r);
}

/** t_on_* calls made before the transaction existed take effect when it does. */
export function applyArmed(tx: Transaction, d: TmMsgData): void {
  if (d.failure !== undefined) tx.onFailure = d.failure;
  if (d.reply !== undefined) tx.onReply = d.reply;
  if (d.branchRoute !== undefined) tx.onBranch = d.branchRoute;
  if (d.pendingTimeouts?.frMs) tx.frMs = d.pendingTimeouts.frMs;
  if (d.pendingTimeouts?.frInvMs) tx.frInvMs = d.pendingTimeouts.frInvMs;
}

/** A CANCEL for an INVITE we hold: 200 to the CANCEL, CANCEL to every branch still
 *  pending, and 487 upstream when no branch was ever created (tm.md 7.5 step 3). */
function cancelInvite(st: TmState, ctx: MessageContext, cancelTx: Transaction, inv: Transaction): number {
  replyLocal(st, cancelTx, ctx, 200, 'canceling');
  inv.cancelled = true;
  const pending = inv.branches.filter((b) => !b.final);
  for (const b of pending) sendCancel(st, inv, b);
  if (inv.branches.length === 0 && inv.uasStatus < 200) replyLocal(st, inv, undefined, 487, 'Request Terminated');
  return 1;
}
