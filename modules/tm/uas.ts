// The server side of a transaction (RFC 3261 17.2): creating it for a received request,
// sending replies upstream (local ones and relayed ones), retransmitting a final INVITE
// reply until its ACK arrives, and removing the transaction once it has absorbed
// retransmissions long enough.
import { buildReply, generateTag } from '../../engine/sip/index.js';
import { responseTarget, isReliable, type Proto } from '../../engine/transport/index.js';
import type { MessageContext } from '../../engine/core/message-context.js';
import { replyLumps } from '../../engine/core/reply-lumps.js';
import { LogLevel } from '../../engine/core/log.js';
import { Transaction, type Hop } from './transaction.js';
import { sendBuf } from './send.js';
import { countFinal } from './stats.js';
import type { TmState } from './state.js';

/** Creates the server transaction of ctx's request (t_newtran). An INVITE is answered
 *  `100 Giving it a try` at once unless auto_100trying is off. */
export function createServerTx(st: TmState, ctx: MessageContext, key: string): Transaction {
  const msg = ctx.msg;
  const inb = ctx.inbound;
  const method = msg.method;
  let upstream: Hop | undefined;
  if (inb && msg.via) {
    const via = msg.via;
    const topVia = ctx.forceRport ? { transport: via.transport, host: via.host, port: via.port, received: via.received, maddr: via.maddr, rport: true as const } : via;
    const t = responseTarget(topVia, { proto: inb.local.proto, address: inb.source.address, port: inb.source.port, connectionId: inb.connectionId });
    upstream = { target: { proto: t.proto as Proto, address: t.address, port: t.port }, local: inb.local, connectionId: t.connectionId };
  }
  const tx = new Transaction(st.table.newId(), msg, method, inb, upstream, key, st.cfg.frMs, st.cfg.frInvMs);
  st.table.add(tx);
  if (st.countStats) st.stats.UAS_transactions.inc();
  // A script that creates a transaction and then neither relays nor answers (OpenSIPS logs
  // "script writer didn't release transaction") must not leak it: without a branch or a
  // final reply after fr_timeout, it goes. Replies and branches replace or outlive this.
  tx.endTimer = st.queue.schedule(tx.frMs, () => {
    if (tx.branches.length === 0 && tx.uasStatus < 200) removeTx(st, tx);
  });
  if (method === 'INVITE' && st.cfg.auto100) replyLocal(st, tx, undefined, 100, 'Giving it a try');
  return tx;
}

/** The To-tag of every local reply of this transaction (generated once). */
export function txToTag(tx: Transaction): string {
  return (tx.toTag ??= generateTag());
}

export interface LocalReplyExtra {
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer | string;
  readonly contentType?: string;
}

/** A reply generated here (t_reply, timeouts, CANCEL handling). Returns 1 sent, -1 not. A
 *  final reply after a final reply is refused (-1), as is any reply to an ACK. */
export function replyLocal(st: TmState, tx: Transaction, ctx: MessageContext | undefined, code: number, reason: string, extra?: LocalReplyExtra): 1 | -1 {
  if (tx.isLocal || tx.method === 'ACK') return -1;
  if (tx.uasStatus >= 200) {
    st.log(LogLevel.WARN, `t_reply ${code}: transaction already answered with ${tx.uasStatus}`);
    return -1;
  }
  const headers: (readonly [string, string])[] = [];
  const lumps = ctx ? replyLumps(ctx) : undefined;
  if (lumps) headers.push(...lumps.headers);
  if (extra?.headers) headers.push(...extra.headers);
  let buf: Buffer;
  try {
    buf = buildReply(tx.req, code, reason, {
      // tm.md 8 #11: every reply but 100 carries our tag (OpenSIPS leaves it off below 180).
      toTag: txToTag(tx),
      headers,
      body: extra?.body ?? lumps?.body,
      contentType: extra?.contentType,
      copyRecordRoute: code >= 180 && code < 300,
    });
  } catch (e) {
    st.log(LogLevel.ERR, `building the ${code} reply failed: ${(e as Error).message}`);
    return -1;
  }
  if (ctx) ctx.replied = true;
  if (st.countStats) st.stats.local_replies.inc();
  sendUpstream(st, tx, code, buf, true);
  return 1;
}

/** Sends a reply upstream and moves the server side on (RFC 3261 17.2.1, 17.2.2). */
export function sendUpstream(st: TmState, tx: Transaction, status: number, buf: Buffer, local: boolean): void {
  if (!tx.upstream) return;
  if (status < 200) {
    if (tx.uasStatus >= 200) return;
    tx.uasStatus = status;
    tx.uasReply = buf;
    tx.uasLocal = local;
    sendBuf(st, tx.upstream, buf);
    return;
  }
  const first = tx.uasStatus < 200;
  tx.uasStatus = status;
  tx.uasReply = buf;
  tx.uasLocal = local;
  sendBuf(st, tx.upstream, buf);
  if (!first) return; // a further 2xx of a forked INVITE: relayed, nothing else changes
  countFinal(st, status);
  const reliable = isReliable(tx.upstream.target.proto);
  if (tx.isInvite && (status >= 300 || local)) {
    // A negative reply (or our own 2xx) waits for its ACK: retransmitted on UDP (our 2xx on
    // every transport, 13.3.1.4) until then, and given up after fr_timeout (Timer H).
    tx.uasPhase = 'completed';
    if (!reliable || status < 300) armReplyRetransmission(st, tx, st.cfg.t1Ms);
    st.queue.cancel(tx.endTimer);
    tx.endTimer = st.queue.schedule(tx.frMs, () => removeTx(st, tx));
    return;
  }
  // A relayed 2xx ends an INVITE server transaction (17.2.1); a non-INVITE one is complete.
  tx.uasPhase = 'completed';
  endCompleted(st, tx);
}

/** A transaction with its final reply: it waits wt_timer to absorb retransmissions, unless
 *  none can come. For a non-INVITE one over a reliable transport the request is never
 *  retransmitted to us (Timer J = 0, RFC 3261 17.2.2) and a reply never to a branch (Timer
 *  K = 0, 17.1.2.2): when that holds for the upstream side (if any) and for every branch,
 *  all of them answered, the transaction ends at once. */
export function endCompleted(st: TmState, tx: Transaction): void {
  const upstreamReliable = !tx.upstream || isReliable(tx.upstream.target.proto);
  if (!tx.isInvite && upstreamReliable && tx.branches.every((b) => b.final && b.reliable)) removeTx(st, tx);
  else startWait(st, tx);
}

function armReplyRetransmission(st: TmState, tx: Transaction, interval: number): void {
  tx.uasRetransInterval = interval;
  tx.uasRetransTimer = st.queue.schedule(interval, () => {
    if (tx.deleted || tx.uasPhase !== 'completed' || !tx.uasReply || !tx.upstream) return;
    if (st.countStats) st.stats.retransmission_rpl_T2.inc();
    sendBuf(st, tx.upstream, tx.uasReply);
    armReplyRetransmission(st, tx, Math.min(interval * 2, st.cfg.t2Ms));
  });
}

/** A retransmitted request: the last reply goes out again (nothing when none was sent). */
export function resendLastReply(st: TmState, tx: Transaction): void {
  if (tx.uasReply && tx.upstream) sendBuf(st, tx.upstream, tx.uasReply);
}

/** The ACK of a final INVITE reply arrived: stop retransmitting, absorb for wt_timer. */
export function ackReceived(st: TmState, tx: Transaction): void {
  if (tx.uasPhase !== 'completed') return;
  tx.uasPhase = 'confirmed';
  st.queue.cancel(tx.uasRetransTimer);
  tx.uasRetransTimer = undefined;
  startWait(st, tx);
}

export function startWait(st: TmState, tx: Transaction): void {
  st.queue.cancel(tx.endTimer);
  tx.endTimer = st.queue.schedule(st.cfg.waitMs, () => removeTx(st, tx));
}

/** Removes the transaction and every timer it holds; late messages then match nothing. */
export function removeTx(st: TmState, tx: Transaction): void {
  if (tx.deleted) return;
  tx.deleted = true;
  tx.uasPhase = 'terminated';
  const q = st.queue;
  q.cancel(tx.uasRetransTimer);
  q.cancel(tx.endTimer);
  for (const b of tx.branches) {
    q.cancel(b.retransTimer);
    q.cancel(b.frTimer);
    q.cancel(b.cancelTimer);
  }
  st.table.remove(tx);
  if (tx.localDone) {
    // A local request removed before any final reply (shutdown): its caller still hears.
    const done = tx.localDone;
    tx.localDone = undefined;
    done(408, undefined);
  }
}

/** A reply relayed from downstream: our Via removed, the onreply_route's edits kept. */
export function relayedBuffer(ctx: MessageContext): Buffer {
  const ed = ctx.editor;
  ed.removeTopVia();
  return ed.toBuffer();
}

