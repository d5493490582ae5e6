// tm: RFC 3261 transactions (OpenSIPS modules/tm, reference/modules/tm.md). Stateful
// forwarding with retransmissions, reply/failure/branch routes and forking, stateful
// replies, and requests of tsips's own for other modules (the UAC API).
import { defineModule, fn, arg, param, type RouteType } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { tmConfig } from './config.js';
import { TxTable } from './table.js';
import { TimerQueue } from '../../engine/core/timer-queue.js';
import { TM_STATS, type TmStats } from './stats.js';
import { TM_PVARS } from './pvars.js';
import { TM_MI } from './mi.js';
import { claimReply } from './reply-in.js';
import { checkTrans, newTran, tRelay } from './request-in.js';
import { arm, checkRelayFlags, parseProxy, statusInScope, tLocalReplied, tReply } from './script-functions.js';
import { sendLocalRequest } from './local-request.js';
import { txToTag } from './uas.js';
import { peekTmData } from './msg-data.js';
import type { TmState } from './state.js';
import type { TmApi } from './api.js';

export type { TmApi, LocalRequest, LocalResult, DialogRef } from './api.js';

/** How often due timers run: fine enough for T1 = 500 ms and test values of 50 ms. */
const TICK_MS = 10;

const ARMING_ROUTES: RouteType[] = ['request', 'failure', 'onreply', 'branch'];

export default defineModule({
  name: 'tm',
  doc: 'SIP transactions (RFC 3261 section 17): absorbs retransmissions, relays requests statefully with retransmission and timeouts, runs onreply_route, failure_route and branch_route, forks in parallel and serially picking the best reply (RFC 3261 16.7), answers and relays CANCEL, and sends requests for other modules. INVITE requests are retransmitted on RFC 3261 Timer A (doubling without the T2 cap; `rfc_invite_retransmissions=0` gives OpenSIPS\'s capped schedule); every non-100 local reply carries a To-tag; a transport error on a branch counts as a 503 from it (RFC 3261 16.9).',
  params: {
    fr_timeout: param.int({ default: 30, min: 1, doc: 'Seconds to wait for a final reply (any request), and for the ACK of a negative INVITE reply.' }),
    fr_inv_timeout: param.int({ default: 120, min: 1, doc: 'Seconds to wait for the final reply to an INVITE after a provisional one.' }),
    restart_fr_on_each_reply: param.int({ default: 1, oneOf: [0, 1], doc: 'Restart the INVITE final-reply timer on every provisional reply.' }),
    wt_timer: param.int({ default: 5, min: 1, doc: 'Seconds a completed transaction stays to absorb retransmissions. A non-INVITE transaction whose request came over TCP (or was sent by tsips itself) and whose branches all went over TCP ends with its final reply instead (RFC 3261 Timers J and K are zero on reliable transports).' }),
    delete_timer: param.int({ default: 2, doc: 'Accepted for compatibility; transactions are freed at once when their wait ends.' }),
    T1_timer: param.int({ default: 500, min: 1, doc: 'Base retransmission interval (ms).' }),
    T2_timer: param.int({ default: 4000, min: 1, doc: 'Retransmission interval cap (ms); must be greater than T1_timer.' }),
    ruri_matching: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for compatibility; pre-RFC 3261 requests are matched on Call-ID, CSeq, From tag and Via sent-by.' }),
    via1_matching: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for compatibility (see ruri_matching).' }),
    enable_stats: param.int({ default: 1, oneOf: [0, 1], doc: 'Count the statistics (1) or not (0).' }),
    pass_provisional_replies: param.int({ default: 0, oneOf: [0, 1], doc: 'Accepted; provisional replies of local requests go to the callers that ask for them.' }),
    syn_branch: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for compatibility; branches always name the transaction.' }),
    onreply_avp_mode: param.int({ default: 0, oneOf: [0, 1], doc: 'Accepted; onreply_route sees per-reply AVPs.' }),
    disable_6xx_block: param.int({ default: 0, oneOf: [0, 1], doc: '1: a 6xx does not end the forking (treated like other negative replies).' }),
    auto_100trying: param.int({ default: 1, oneOf: [0, 1], doc: 'Answer `100 Giving it a try` as soon as an INVITE transaction is created.' }),
    timer_partitions: param.int({ default: 1, doc: 'Accepted for compatibility; one timer set serves the process.' }),
    rfc_invite_retransmissions: param.int({ default: 1, oneOf: [0, 1], doc: 'tsips only. 1: INVITE retransmissions double without the T2 cap (RFC 3261 Timer A); 0: OpenSIPS\'s schedule (capped at T2).' }),
    minor_branch_flag: param.intOrStr({ doc: 'Accepted; has no effect in tsips.' }),
    unix_tx_timeout: param.int({ default: 2, doc: 'Accepted; has no effect in tsips (no t_write_unix).' }),
  },
  stats: TM_STATS,
  pvars: TM_PVARS,
  mi: TM_MI,
  functions: {
    t_relay: fn({
      args: [arg.str({ optional: true, doc: 'flags: no-auto-477, no-dns-failover, pass-reason-hdr, allow-no-cancel (separated by commas or spaces)' }),
        arg.str({ optional: true, doc: 'outbound_proxy: [proto:]host[:port], used when $du is not set' })],
      routes: ['request', 'failure'],
      fixup: ([flags, proxy]) => {
        const f = flags === undefined ? undefined : checkRelayFlags(flags);
        if (f) return { arg: 0, message: f };
        const p = proxy === undefined ? undefined : parseProxy(proxy);
        return typeof p === 'string' ? { arg: 1, message: p } : undefined;
      },
      run: (ctx, st: TmState, flags, proxy) => {
        const p = proxy === undefined ? undefined : parseProxy(proxy);
        if (typeof p === 'string') { st.log(LogLevel.ERR, p); return -1; }
        return tRelay(st, ctx, { proxy: p, noAutoReply: flags !== undefined && /(^|[\s,|])no-auto-477($|[\s,|])/.test(flags) });
      },
      doc: 'Relays the request statefully to its Request-URI, $du, the extra branches (append_branch, lookup) or the outbound proxy. Creates the transaction when needed (a retransmission is absorbed: the last reply is resent). A CANCEL for a known INVITE is answered 200 and sent to every pending branch. An ACK without a transaction is forwarded statelessly. When nothing can be sent it answers upstream itself (400 for a destination that is not a SIP URI, 500 \"No destination available\" otherwise; OpenSIPS sends non-standard 47x codes) and returns 1, unless the flag no-auto-477 is given. Returns 1 sent (also for an absorbed retransmission, as OpenSIPS), -1 internal error, -2 a destination that is not a SIP URI, -3 nothing to send (transaction cancelled or blocked by a 6xx, or every branch dropped in branch_route).',
    }),
    t_newtran: fn({
      args: [], routes: ['request'],
      run: (ctx, st: TmState) => newTran(st, ctx),
      doc: 'Creates the transaction of the request. Returns 1 created, 0 a retransmission (the last reply is resent and the script stops), -10 the request already has one, -1 for an ACK.',
    }),
    t_reply: fn({
      args: [arg.int({ doc: 'code: 100..699' }), arg.str({ doc: 'reason: reason phrase' })],
      routes: ['request', 'failure'],
      fixup: ([code]) => (code !== undefined && (code < 100 || code > 699) ? { arg: 0, message: `reply code ${code} is not in 100..699` } : undefined),
      run: (ctx, st: TmState, code, reason) => tReply(st, ctx, code, reason),
      doc: 'Replies statefully, creating the transaction if needed, with the headers queued by append_to_reply. Returns 1 sent, 0 for an ACK or a retransmission (the script stops), -1 error (e.g. a final reply already sent).',
    }),
    t_reply_with_body: fn({
      args: [arg.int({ doc: 'code: 100..699' }), arg.str({ doc: 'reason' }), arg.str({ doc: 'body' })],
      routes: ['request', 'failure'],
      run: (ctx, st: TmState, code, reason, body) => tReply(st, ctx, code, reason, { body }),
      doc: 'Like t_reply, with a body (its Content-Type from append_to_reply("Content-Type: ...")).',
    }),
    t_check_trans: fn({
      args: [], routes: ['request', 'branch'],
      run: (ctx, st: TmState) => checkTrans(st, ctx),
      doc: 'Looks the request\'s transaction up. Other than ACK/CANCEL: 0 a retransmission (last reply resent, the script stops), -1 new. CANCEL: 1 when its INVITE exists, else -1. ACK: 1 the ACK of a negative reply (absorbed), -2 an end-to-end ACK of a 2xx, -1 none.',
    }),
    t_check_status: fn({
      args: [arg.regex({ doc: 'regex: matched against the reply code as text' })],
      routes: ['request', 'onreply', 'failure', 'branch'],
      run: (ctx, _st: TmState, re) => (re.test(String(statusInScope(ctx))) ? 1 : -1),
      doc: 'True when the code in scope matches: request route, the last reply sent upstream; onreply_route, the reply; failure_route, the winning reply.',
    }),
    t_on_failure: fn({
      args: [arg.str({ static: true, route: 'failure', doc: 'route: failure_route name' })],
      routes: ARMING_ROUTES,
      run: (ctx, _st: TmState, route) => arm(ctx, 'failure', route),
      doc: 'Arms failure_route[route] for when every branch failed; the last call wins, and it must be armed again inside the failure route for another round.',
    }),
    t_on_reply: fn({
      args: [arg.str({ static: true, route: 'onreply', doc: 'route: onreply_route name' })],
      routes: ARMING_ROUTES,
      run: (ctx, _st: TmState, route) => arm(ctx, 'reply', route),
      doc: 'Arms onreply_route[route] for the replies of the branches sent after it (in branch_route: that branch only).',
    }),
    t_on_branch: fn({
      args: [arg.str({ static: true, route: 'branch', doc: 'route: branch_route name' })],
      routes: ['request', 'failure', 'onreply', 'branch'],
      run: (ctx, _st: TmState, route) => arm(ctx, 'branchRoute', route),
      doc: 'Arms branch_route[route], run for each branch before it is sent (drop there skips the branch).',
    }),
    t_was_cancelled: fn({
      args: [], routes: ['request', 'failure', 'onreply', 'branch'],
      run: (ctx) => (peekTmData(ctx)?.tx?.cancelled ? 1 : -1),
      doc: 'True when the caller CANCELled the INVITE.',
    }),
    t_local_replied: fn({
      args: [arg.str({ static: true, doc: 'which: "all", "branch" (failure route) or "last"' })],
      routes: ['request', 'failure', 'onreply', 'branch'],
      fixup: ([w]) => (w !== undefined && !['all', 'branch', 'last'].includes(w) ? { arg: 0, message: `expected "all", "branch" or "last", got "${w}"` } : undefined),
      run: (ctx, _st: TmState, which) => tLocalReplied(ctx, which),
      doc: 'all: no branch received any reply; branch: the winning branch\'s reply was made up here (timeout); last: the last reply sent (or the winner in failure_route) was local.',
    }),
    t_flush_flags: fn({
      args: [], routes: ['request', 'branch'],
      run: (ctx) => {
        const tx = peekTmData(ctx)?.tx;
        if (tx?.carry) tx.carry.flags = ctx.flags;
        return 1;
      },
      doc: 'Copies the message flags into the transaction (failure_route sees them).',
    }),
  },
  init: (ctx): TmState => {
    const p = ctx.params;
    const timers = ctx.services.timers;
    const queue = new TimerQueue(() => timers.now());
    const log = (level: number, message: string) => ctx.log(level, message);
    const stopTick = timers.every(TICK_MS, () => queue.run((e) => log(LogLevel.ERR, `timer failed: ${(e as Error)?.stack ?? e}`)));
    const st: TmState = {
      cfg: tmConfig(p), table: new TxTable(), queue, stats: ctx.stats as unknown as TmStats, countStats: p.enable_stats === 1,
      runtime: ctx.services.runtime, log, stop: () => { stopTick(); queue.clear(); },
    };
    ctx.services.hooks.claimReply((m) => claimReply(st, m));
    return st;
  },
  destroy: (st) => st.stop(),
  api: (st): TmApi => ({
    request: (r) => sendLocalRequest(st, r),
    newTran: (ctx) => newTran(st, ctx),
    relay: (ctx, opts) => tRelay(st, ctx, opts ?? {}),
    checkTrans: (ctx) => checkTrans(st, ctx),
    hasTransaction: (ctx) => peekTmData(ctx)?.tx !== undefined,
    replyInTransaction: (ctx, code, reason, extra) => {
      const tx = peekTmData(ctx)?.tx;
      if (!tx) return undefined;
      const headers = extra?.headers ? (Array.isArray(extra.headers) ? extra.headers : Object.entries(extra.headers)) as [string, string][] : undefined;
      const rc = tReply(st, ctx, code, reason, { headers, body: extra?.body, contentType: extra?.contentType });
      return { rc: rc === 1 ? 1 : -1, toTag: txToTag(tx) };
    },
    transactionTotag: (ctx) => {
      const tx = peekTmData(ctx)?.tx;
      return tx ? txToTag(tx) : undefined;
    },
  }),
});
