// Requests tsips sends on its own behalf (OpenSIPS's UAC API, tm.md 7.8): pua's PUBLISH and
// SUBSCRIBE, presence's NOTIFY, MI's t_uac_dlg. Each is a client transaction like any
// relayed branch (same retransmissions and timers) whose replies go to the caller instead
// of upstream. The next hop is the outbound proxy, else the first Route, else the
// Request-URI, resolved by RFC 3263 from what the URI says (host names through the system
// resolver: A/AAAA; SRV is not looked up).
import { buildRequest, generateCallId, generateTag, type HeaderList, type SipMessage } from '../../engine/sip/index.js';
import { isReliable, type SendTarget } from '../../engine/transport/index.js';
import { uriTarget } from '../../engine/core/uri-target.js';
import { ClientBranch, Transaction } from './transaction.js';
import { branchOf } from './branch-id.js';
import { hopTo, viaSentBy } from './send.js';
import { startBranch } from './uac.js';
import { branchFinal } from './reply-in.js';
import type { TmState } from './state.js';

/** An existing dialog the request belongs to (RFC 3261 12.2.1.1). */
export interface DialogRef {
  readonly callId: string;
  readonly fromTag: string;
  readonly toTag?: string;
  /** The CSeq number to use (the caller keeps the dialog's counter). */
  readonly cseq: number;
  /** Route set, in order, e.g. ["<sip:p1.example.com;lr>"]. */
  readonly routeSet?: readonly string[];
  /** Remote target (the peer's Contact): becomes the Request-URI. */
  readonly remoteTarget?: string;
}

export interface LocalRequest {
  readonly method: string;
  readonly ruri: string;
  /** From and To as name-addr values without tags, e.g. "<sip:alice@example.com>". */
  readonly from: string;
  readonly to: string;
  readonly headers?: HeaderList;
  readonly body?: Buffer | string;
  readonly contentType?: string;
  /** `sip:host[:port][;transport=x]` or `host[:port]`: overrides the next hop. */
  readonly outboundProxy?: string;
  readonly dialog?: DialogRef;
  /** Provisional replies (with pass_provisional_replies or when asked for here). */
  readonly onProvisional?: (reply: SipMessage) => void;
}

export interface LocalResult {
  /** Final status; 408 when no final reply came in time, 503 when it could not be sent. */
  readonly code: number;
  readonly reason: string;
  /** The final reply; undefined for a local 408/503. */
  readonly reply: SipMessage | undefined;
  readonly callId: string;
  readonly fromTag: string;
  readonly cseq: number;
}

export function sendLocalRequest(st: TmState, r: LocalRequest): Promise<LocalResult> {
  const d = r.dialog;
  const callId = d?.callId ?? generateCallId(st.runtime.ready.sockets[0]?.address);
  const fromTag = d?.fromTag ?? generateTag();
  const cseq = d?.cseq ?? 10;
  const ruri = d?.remoteTarget ?? r.ruri;
  const routes = d?.routeSet ?? [];
  let target: SendTarget;
  try {
    target = nextHop(r.outboundProxy, routes, ruri);
  } catch (e) {
    return Promise.reject(new Error(`cannot send ${r.method} to ${r.outboundProxy ?? ruri}: ${(e as Error).message}`));
  }
  const hop = hopTo(st, target);
  if (!hop.local) return Promise.reject(new Error(`no ${target.proto} socket to send ${r.method} to ${target.address}:${target.port}`));
  const id = st.table.newId();
  const via = `SIP/2.0/${hop.local.proto.toUpperCase()} ${viaSentBy(hop.local)};branch=${branchOf(id, 0)}`;
  const buf = buildRequest({
    method: r.method, ruri, via, from: `${r.from};tag=${fromTag}`, to: d?.toTag ? `${r.to};tag=${d.toTag}` : r.to,
    callId, cseq, route: routes.length > 0 ? routes : undefined, headers: r.headers, body: r.body, contentType: r.contentType,
  });
  const tx = new Transaction(id, buf, r.method, undefined, undefined, undefined, st.cfg.frMs, st.cfg.frInvMs);
  const b = new ClientBranch(0, ruri, undefined, hop, isReliable(target.proto), buf, 0, undefined, 0);
  tx.branches.push(b);
  st.table.add(tx);
  if (st.countStats) st.stats.UAC_transactions.inc();
  return new Promise<LocalResult>((resolve) => {
    tx.localDone = (code, reply) => resolve({
      code, reason: reply?.reason ?? (code === 408 ? 'Request Timeout' : 'Service Unavailable'), reply, callId, fromTag, cseq,
    });
    tx.localProvisional = r.onProvisional;
    startBranch(st, tx, b, (br, code) => branchFinal(st, tx, br, code, undefined));
  });
}

function nextHop(proxy: string | undefined, routes: readonly string[], ruri: string): SendTarget {
  let uri = ruri;
  if (proxy) uri = /^sips?:/i.test(proxy) ? proxy : `sip:${proxy}`;
  else if (routes.length > 0) uri = routes[0]!.replace(/^\s*</, '').replace(/>.*$/, '');
  return uriTarget(uri);
}
