// The client side of a transaction (RFC 3261 17.1): sending a branch, retransmitting it
// over UDP (Timers A/E), the final-response timers (B/F and OpenSIPS's fr_inv for INVITEs
// that rang), CANCEL for a branch (9.1: only after a provisional) and the hop-by-hop ACK
// of a negative INVITE reply (17.1.1.3).
import { buildRequest, parseMessage, type SipMessage } from '../../engine/sip/index.js';
import { ClientBranch, type Transaction } from './transaction.js';
import { sendBuf } from './send.js';
import type { TmState } from './state.js';

/** Puts a new branch on the wire and arms its timers. `onFinal` is how a timeout or a
 *  failed send becomes the branch's final answer (reply-in.ts). */
export function startBranch(st: TmState, tx: Transaction, b: ClientBranch, onLocalFinal: (b: ClientBranch, code: number) => void): void {
  sendBuf(st, b.hop, b.buf, () => {
    // RFC 3261 16.9: a transport error counts as a 503 from that branch.
    if (!b.final && !tx.deleted) onLocalFinal(b, 503);
  });
  if (!b.reliable) armRetransmission(st, tx, b, st.cfg.t1Ms, 1);
  armFr(st, tx, b, tx.frMs, onLocalFinal);
}

function armRetransmission(st: TmState, tx: Transaction, b: ClientBranch, interval: number, n: number): void {
  b.retransInterval = interval;
  b.retransTimer = st.queue.schedule(interval, () => {
    if (tx.deleted || b.final) return;
    if (tx.isInvite && b.provisional) return; // Timer A stops at the first provisional
    if (st.countStats) {
      const s = st.stats;
      (n === 1 ? s.retransmission_req_T1_1 : n === 2 ? s.retransmission_req_T1_2 : n === 3 ? s.retransmission_req_T1_3 : s.retransmission_req_T2).inc();
    }
    sendBuf(st, b.hop, b.buf);
    // Timer E (non-INVITE) caps at T2 and stays there once a provisional came (17.1.2.2);
    // Timer A (INVITE) doubles without a cap unless OpenSIPS's schedule was asked for.
    const next = tx.isInvite && st.cfg.rfcInviteRetransmissions ? interval * 2
      : b.provisional ? st.cfg.t2Ms : Math.min(interval * 2, st.cfg.t2Ms);
    armRetransmission(st, tx, b, next, n + 1);
  });
}

export function armFr(st: TmState, tx: Transaction, b: ClientBranch, ms: number, onLocalFinal: (b: ClientBranch, code: number) => void): void {
  st.queue.cancel(b.frTimer);
  b.frTimer = st.queue.schedule(ms, () => {
    if (tx.deleted || b.final) return;
    if (st.countStats) (tx.isInvite && b.provisional ? st.stats.timeout_finalresponse_inv : st.stats.timeout_finalresponse).inc();
    // An INVITE that rang is cancelled downstream (tm.md 7.3); without a provisional there is
    // nobody to cancel (9.1).
    if (tx.isInvite && b.provisional) sendCancel(st, tx, b, 'SIP;cause=480;text="NO_ANSWER"');
    onLocalFinal(b, 408);
  });
}

export function stopBranchTimers(st: TmState, b: ClientBranch): void {
  st.queue.cancel(b.retransTimer);
  st.queue.cancel(b.frTimer);
  b.retransTimer = undefined;
  b.frTimer = undefined;
}

/** The branch's request, parsed back (for CANCEL and ACK, rarely needed). */
function sentRequest(b: ClientBranch): SipMessage {
  return parseMessage(b.buf);
}

/** Cancels one branch: at once if it rang, else as soon as it does (RFC 3261 9.1). */
export function sendCancel(st: TmState, tx: Transaction, b: ClientBranch, reason?: string): void {
  if (b.final || b.cancel === 'sent' || !tx.isInvite) return;
  if (!b.provisional) {
    b.cancel = 'pending';
    return;
  }
  b.cancel = 'sent';
  const req = sentRequest(b);
  const headers: [string, string][] = [];
  if (reason) headers.push(['Reason', reason]);
  b.cancelBuf = buildRequest({
    method: 'CANCEL', ruri: req.ruri, via: req.vias.length > 0 ? viaValue(req) : [],
    from: req.header('from')!, to: req.header('to')!, callId: req.callId, cseq: req.cseq.seq,
    route: req.headerValues('route'), headers,
  });
  sendBuf(st, b.hop, b.cancelBuf);
  if (!b.reliable) armCancelRetransmission(st, tx, b, st.cfg.t1Ms);
  // Local CANCELs are not retransmitted past wt_timer (tm.md 3).
  st.queue.schedule(st.cfg.waitMs, () => st.queue.cancel(b.cancelTimer));
}

function armCancelRetransmission(st: TmState, tx: Transaction, b: ClientBranch, interval: number): void {
  b.cancelInterval = interval;
  b.cancelTimer = st.queue.schedule(interval, () => {
    if (tx.deleted || !b.cancelBuf) return;
    sendBuf(st, b.hop, b.cancelBuf);
    armCancelRetransmission(st, tx, b, Math.min(interval * 2, st.cfg.t2Ms));
  });
}

/** A reply to our CANCEL: its retransmissions stop. */
export function cancelAnswered(st: TmState, b: ClientBranch): void {
  st.queue.cancel(b.cancelTimer);
  b.cancelTimer = undefined;
  b.cancelBuf = undefined;
}

/** The ACK for a negative final reply to an INVITE branch (17.1.1.3): same Request-URI,
 *  the branch's Via only, the reply's To (with its tag), the request's Route set. */
export function sendAck(st: TmState, b: ClientBranch, reply: SipMessage): void {
  const req = sentRequest(b);
  b.ackBuf = buildRequest({
    method: 'ACK', ruri: req.ruri, via: viaValue(req), from: req.header('from')!, to: reply.header('to') ?? req.header('to')!,
    callId: req.callId, cseq: req.cseq.seq, route: req.headerValues('route'),
  });
  sendBuf(st, b.hop, b.ackBuf);
}

/** The top Via of a request as one value (ours: the first of the first Via line). */
function viaValue(req: SipMessage): string {
  const line = req.header('via')!;
  const comma = line.indexOf(',');
  return comma < 0 ? line : line.slice(0, comma).trim();
}
