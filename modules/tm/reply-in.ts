// Replies from downstream (tm.md 7.6, RFC 3261 16.7): matched by the branch in their top
// Via, passed through the global and the branch's onreply_route, then: 100 absorbed, other
// provisionals relayed, a 2xx relayed at once (pending branches cancelled), a 6xx wins at
// once, other negatives wait until every branch of the round is final and the best one
// goes to failure_route or upstream.
import { isGeneratedBranch, parseMessage } from '../../engine/sip/index.js';
import { SipMessageContext, type MessageContext } from '../../engine/core/message-context.js';
import { LogLevel } from '../../engine/core/log.js';
import type { ClientBranch, Transaction } from './transaction.js';
import { parseBranch, looksLikeOurs } from './branch-id.js';
import { endCompleted, relayedBuffer, replyLocal, sendUpstream } from './uas.js';
import { armFr, cancelAnswered, sendAck, sendCancel, stopBranchTimers } from './uac.js';
import type { TmMsgData } from './msg-data.js';
import { sendBuf } from './send.js';
import { baseOf } from './relay.js';
import type { TmState } from './state.js';

/** The reply claimer tm registers with the core: true when tm handled (or dropped) it. */
export function claimReply(st: TmState, ctx: MessageContext): boolean {
  const via = ctx.msg.via;
  const branch = via?.branch;
  const p = parseBranch(branch);
  if (!p) {
    // A branch tm did not make: stateless forward()'s (z9hG4bK + 16 hex) go on to the core;
    // anything else whose top Via is ours answers nothing we sent: dropped.
    if (branch !== undefined && isGeneratedBranch(branch)) return false;
    if (via && ctx.core.isMyself(via.host, via.port ?? 0)) return true;
    return looksLikeOurs(branch);
  }
  const tx = st.table.byId.get(p.txId);
  const b = tx?.branches[p.index];
  if (!tx || !b || tx.deleted) return true; // a late or forged reply: dropped
  const method = ctx.msg.cseq.method;
  if (method === 'CANCEL' && tx.isInvite) {
    cancelAnswered(st, b);
    return true;
  }
  if (method !== tx.method) return true;
  if (st.countStats) st.stats.received_replies.inc();
  ctx.moduleData.set('tm', { tx, branch: b } satisfies TmMsgData);
  ctx.answeredRuri = b.uri;
  const rt = st.runtime.ready;
  const status = ctx.msg.status;
  const route = b.onReply;
  const named = () => (route !== undefined && rt.script.hasRoute('onreply', route) ? rt.script.runRoute('onreply', route, ctx) : undefined);
  const finish = () => {
    // onreply_route may drop a provisional; a final reply cannot be dropped (OpenSIPS).
    if (ctx.dropped && status < 200) return;
    processReply(st, tx, b, ctx);
  };
  const handle = (e: unknown) => st.log(LogLevel.ERR, `onreply_route failed: ${(e as Error)?.stack ?? e}`);
  if (tx.isLocal) {
    processReply(st, tx, b, ctx);
    return true;
  }
  const g = rt.script.runReply(ctx);
  if (g instanceof Promise) {
    g.then(() => (ctx.dropped && status < 200 ? undefined : named())).then(finish, handle);
    return true;
  }
  if (!(ctx.dropped && status < 200)) {
    const r = named();
    if (r instanceof Promise) {
      r.then(finish, handle);
      return true;
    }
  }
  finish();
  return true;
}

function processReply(st: TmState, tx: Transaction, b: ClientBranch, ctx: MessageContext): void {
  const msg = ctx.msg;
  const status = msg.status;
  if (b.final) {
    // A retransmitted final reply: our ACK again for a negative one (also the first ACK
    // when the branch had timed out here and answers after all, 17.1.1.3); a 2xx of an
    // INVITE is the UAS waiting for its end-to-end ACK, so it is relayed again.
    if (tx.isInvite && status >= 300) {
      if (b.ackBuf) sendBuf(st, b.hop, b.ackBuf);
      else if (b.localFinal) sendAck(st, b, msg);
    } else if (tx.isInvite && status >= 200 && status < 300 && !tx.isLocal) relay(st, tx, status, ctx);
    return;
  }
  tx.anyReply = true;
  if (status < 200) {
    const first = !b.provisional;
    b.provisional = true;
    if (tx.isInvite) {
      st.queue.cancel(b.retransTimer);
      if (first && b.cancel === 'pending') sendCancel(st, tx, b);
      if (first || st.cfg.restartFrOnEachReply) armFr(st, tx, b, tx.frInvMs, (br, code) => branchFinal(st, tx, br, code, undefined));
    }
    if (status === 100) return;
    if (tx.isLocal) {
      tx.localProvisional?.(msg);
      return;
    }
    if (!tx.cancelled || b.cancel === 'none') relay(st, tx, status, ctx);
    return;
  }
  branchFinal(st, tx, b, status, ctx);
}

/** A branch reached its final status: received (ctx) or made up here (timeout 408, send
 *  failure 503). */
export function branchFinal(st: TmState, tx: Transaction, b: ClientBranch, status: number, ctx: MessageContext | undefined): void {
  if (b.final || tx.deleted) return;
  b.final = true;
  b.status = status;
  stopBranchTimers(st, b);
  if (!ctx) b.localFinal = true;
  else if (tx.isInvite && status >= 300) sendAck(st, b, ctx.msg);
  if (tx.isLocal) return localFinal(st, tx, status, ctx);
  if (status < 300) {
    relay(st, tx, status, ctx!);
    if (tx.isInvite) cancelOthers(st, tx, b);
    return;
  }
  if (ctx) b.relayBuf = relayedBuffer(ctx);
  if (status >= 600 && tx.isInvite && !st.cfg.disable6xxBlock) {
    tx.blocked = true;
    cancelOthers(st, tx, b);
  }
  checkCompletion(st, tx);
}

function relay(st: TmState, tx: Transaction, status: number, ctx: MessageContext): void {
  // After a final reply only a 2xx still goes upstream (16.7 step 5: 2xx are always forwarded).
  if (tx.uasStatus >= 200 && (status < 200 || status >= 300)) return;
  if (st.countStats) st.stats.relayed_replies.inc();
  sendUpstream(st, tx, status, relayedBuffer(ctx), false);
}

function cancelOthers(st: TmState, tx: Transaction, except: ClientBranch): void {
  for (const o of tx.branches) if (o !== except && !o.final) sendCancel(st, tx, o);
}

/** RFC 3261 16.7 step 6 with OpenSIPS's order: lower is better. */
function priority(status: number, cancelled: boolean): number {
  if (cancelled && status === 487) return 0;
  if (status >= 600) return 1;
  if (status >= 300 && status < 400) return 2;
  if (status === 401 || status === 407 || status === 415 || status === 420 || status === 484) return 3;
  if (status >= 400 && status < 500 && status !== 408) return 4;
  if (status >= 500 && status < 600 && status !== 503) return 5;
  if (status === 408) return 6;
  return 7; // 503
}

/** The best final branch of the current round, once every branch of it is final (or at
 *  once when a 6xx blocked the transaction). */
function pickBest(tx: Transaction): ClientBranch | undefined | 'pending' {
  let best: ClientBranch | undefined;
  for (const b of tx.branches) {
    if (b.round !== tx.round) continue;
    if (!b.final) {
      if (!tx.blocked) return 'pending';
      continue;
    }
    if (!best || priority(b.status, tx.cancelled) < priority(best.status, tx.cancelled)) best = b;
  }
  return best;
}

export function checkCompletion(st: TmState, tx: Transaction): void {
  if (tx.uasStatus >= 200 || tx.inFailureRoute) return;
  const best = pickBest(tx);
  if (best === 'pending' || best === undefined) return;
  const route = tx.onFailure;
  const rt = st.runtime.ready;
  if (route !== undefined && rt.script.hasRoute('failure', route) && !tx.blocked) {
    tx.onFailure = undefined; // must be armed again inside failure_route for another round
    runFailureRoute(st, tx, best, route);
    return;
  }
  sendBest(st, tx, best);
}

function sendBest(st: TmState, tx: Transaction, best: ClientBranch): void {
  if (tx.uasStatus >= 200) return;
  if (best.relayBuf) {
    if (st.countStats) st.stats.relayed_replies.inc();
    sendUpstream(st, tx, best.status, best.relayBuf, false);
  } else {
    replyLocal(st, tx, undefined, best.status, best.status === 408 ? 'Request Timeout' : 'Service Unavailable');
  }
}

/** failure_route runs on the transaction's copy of the request, with the script state of
 *  the request route; t_relay there starts a new round, t_reply answers, and otherwise the
 *  winning reply goes upstream. */
function runFailureRoute(st: TmState, tx: Transaction, winner: ClientBranch, route: string): void {
  const rt = st.runtime.ready;
  const ctx = new SipMessageContext(parseMessage(baseOf(tx)), tx.inbound, rt.core, 'failure');
  const c = tx.carry!;
  ctx.flags = c.flags;
  ctx.avps = c.avps;
  ctx.newRuri = c.ruri === ctx.msg.ruri ? undefined : c.ruri;
  ctx.dstUri = c.dstUri;
  ctx.branchFlags = c.branchFlags;
  ctx.moduleData.set('tm', { tx, winner, relayed: false } satisfies TmMsgData);
  ctx.moduleData.set('core:via-received', true); // the copy already carries received/rport
  tx.inFailureRoute = true;
  tx.round++;
  const done = () => {
    tx.inFailureRoute = false;
    c.flags = ctx.flags;
    if (tx.deleted) return;
    const added = tx.branches.some((b) => b.round === tx.round);
    if (added) {
      checkCompletion(st, tx); // all new branches may have failed already
      return;
    }
    // No new branch: answer with the winner of the round that failed.
    tx.round--;
    sendBest(st, tx, winner);
  };
  let r: number | Promise<number>;
  try {
    r = rt.script.runRoute('failure', route, ctx);
  } catch (e) {
    st.log(LogLevel.ERR, `failure_route[${route}] failed: ${(e as Error)?.stack ?? e}`);
    done();
    return;
  }
  if (r instanceof Promise) r.then(done, (e: unknown) => { st.log(LogLevel.ERR, `failure_route[${route}] failed: ${(e as Error)?.stack ?? e}`); done(); });
  else done();
}

function localFinal(st: TmState, tx: Transaction, status: number, ctx: MessageContext | undefined): void {
  const done = tx.localDone;
  tx.localDone = undefined;
  done?.(status, ctx?.msg);
  // A reg-event publisher completing thousands of PUBLISHes a second over TCP should not
  // hold each for wt_timer.
  endCompleted(st, tx);
}

