// The behaviour behind tm's script functions (tm.md 4); index.ts declares them.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { SendTarget, Proto } from '../../engine/transport/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { newTran } from './request-in.js';
import { replyLocal, type LocalReplyExtra } from './uas.js';
import { peekTmData, tmData } from './msg-data.js';
import type { Transaction } from './transaction.js';
import type { TmState } from './state.js';

export const RELAY_FLAGS = ['no-auto-477', 'no-dns-failover', 'pass-reason-hdr', 'allow-no-cancel'] as const;

export function checkRelayFlags(flags: string): string | undefined {
  for (const f of flags.split(/[\s,|]+/).filter(Boolean)) {
    if (!(RELAY_FLAGS as readonly string[]).includes(f)) return `unknown t_relay flag '${f}' (known: ${RELAY_FLAGS.join(', ')})`;
  }
  return undefined;
}

/** t_relay's outbound proxy: `[proto:]host[:port]`. */
export function parseProxy(spec: string): SendTarget | string {
  const m = /^(?:(udp|tcp|tls|sctp|ws|wss):)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/i.exec(spec.trim());
  if (!m) return `bad outbound proxy '${spec}': expected [proto:]host[:port]`;
  const port = m[3] ? Number(m[3]) : 5060;
  if (port < 1 || port > 65535) return `bad port in outbound proxy '${spec}'`;
  return { proto: (m[1]?.toLowerCase() ?? 'udp') as Proto, address: m[2]!.replace(/^\[|\]$/g, ''), port };
}

/** The transaction the reply functions act on; t_reply creates it in the request route. */
function replyTx(st: TmState, ctx: MessageContext): Transaction | 0 | undefined {
  const d = tmData(ctx);
  if (d.tx) return d.tx;
  if (ctx.routeType !== 'request') return undefined;
  const r = newTran(st, ctx);
  if (r === 0) return 0;
  return d.tx;
}

export function tReply(st: TmState, ctx: MessageContext, code: number, reason: string, extra?: LocalReplyExtra): number {
  if (!Number.isInteger(code) || code < 100 || code > 699) {
    st.log(LogLevel.ERR, `t_reply: code ${code} is not in 100..699`);
    return -1;
  }
  if (ctx.msg.method === 'ACK') return 0;
  const tx = replyTx(st, ctx);
  if (tx === 0) return 0; // retransmission: answered already, the script stops
  if (!tx) return -1;
  return replyLocal(st, tx, ctx, code, reason, extra);
}

/** The status t_check_status and $T_reply_code look at (tm.md 4-5). */
export function statusInScope(ctx: MessageContext): number {
  const d = peekTmData(ctx);
  if (ctx.routeType === 'onreply') return ctx.msg.isRequest ? 0 : ctx.msg.status;
  if (ctx.routeType === 'failure') return d?.winner?.status ?? 0;
  return d?.tx?.uasStatus ?? 0;
}

export function tLocalReplied(ctx: MessageContext, which: string): number {
  const d = peekTmData(ctx);
  const tx = d?.tx;
  if (!tx) return -1;
  switch (which) {
    case 'all': return tx.anyReply ? -1 : 1;
    case 'branch': return d.winner && d.winner.localFinal ? 1 : -1;
    case 'last': return (ctx.routeType === 'failure' ? d.winner?.localFinal : tx.uasLocal) ? 1 : -1;
    default: return -1;
  }
}

/** t_on_failure / t_on_reply / t_on_branch: kept on the message until the transaction
 *  exists, and on the transaction once it does (in a branch route t_on_reply is per branch). */
export function arm(ctx: MessageContext, which: 'failure' | 'reply' | 'branchRoute', route: string): number {
  const d = tmData(ctx);
  d[which] = route;
  const tx = d.tx;
  if (tx && ctx.routeType !== 'branch') {
    if (which === 'failure') tx.onFailure = route;
    else if (which === 'reply') tx.onReply = route;
    else tx.onBranch = route;
  }
  return 1;
}
