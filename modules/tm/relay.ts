// t_relay's forwarding part (tm.md 7.5 step 4): one branch per destination (the R-URI with
// $du, then the branches of append_branch/lookup), each passed through branch_route when one
// is armed (a `drop` there skips it), given our Via with a branch that names the
// transaction, and sent with its timers.
import { parseMessage } from '../../engine/sip/index.js';
import { isReliable, type SendTarget } from '../../engine/transport/index.js';
import { uriTarget } from '../../engine/core/uri-target.js';
import { SipMessageContext, type MessageContext } from '../../engine/core/message-context.js';
import { markReceived } from '../../engine/core/via-received.js';
import { LogLevel } from '../../engine/core/log.js';
import { ClientBranch, type Transaction } from './transaction.js';
import { branchOf } from './branch-id.js';
import { hopTo, viaSentBy } from './send.js';
import { startBranch } from './uac.js';
import { branchFinal } from './reply-in.js';
import type { TmMsgData } from './msg-data.js';
import type { TmState } from './state.js';

/** RFC 3261 16.5 leaves the branch count to the proxy; OpenSIPS's MAX_BRANCHES. */
export const MAX_BRANCHES = 12;

interface Destination { uri: string; dstUri: string | undefined; flags: number; path: string | undefined }

export interface RelayOptions {
  /** t_relay's outbound proxy: used when $du is not set. */
  readonly proxy?: SendTarget;
}

/** Sends ctx's request on in tx. Returns t_relay's code: 1 sent (at least one branch
 *  started), -3 nothing to send (every branch dropped, or the transaction is cancelled or
 *  6xx-blocked), -2 a destination that is not a SIP URI. */
export function relayRequest(st: TmState, ctx: MessageContext, tx: Transaction, opts: RelayOptions): number | Promise<number> {
  if (tx.blocked) return -3;
  if (ctx.routeType === 'request') {
    markReceived(ctx);
    tx.carry = { flags: ctx.flags, avps: ctx.avps, ruri: ctx.newRuri ?? ctx.msg.ruri, dstUri: ctx.dstUri, branchFlags: ctx.branchFlags };
  }
  const data0 = ctx.moduleData.get('tm') as TmMsgData | undefined;
  const branchRoute0 = data0?.branchRoute ?? tx.onBranch;
  const rt0 = st.runtime.ready;
  const plain = branchRoute0 === undefined || !rt0.script.hasRoute('branch', branchRoute0);
  // failure_route's copy is derived from branch 0 only when that is the plain request
  // (no Path routes added to it).
  const keepBase = !plain || ctx.pathVector !== undefined || ctx.branches.some((b) => b.path);
  // With no branch_route every branch is the request as edited plus our Via: built straight
  // from the editor (one copy). failure_route's copy is then derived from branch 0 when needed.
  const base = plain ? undefined : ctx.editor.toBuffer();
  if (ctx.routeType === 'request') tx.base = keepBase ? base ?? ctx.editor.toBuffer() : undefined;
  const dests: Destination[] = [{ uri: ctx.newRuri ?? ctx.msg.ruri, dstUri: ctx.dstUri, flags: ctx.branchFlags, path: ctx.pathVector }];
  for (const b of ctx.branches) dests.push({ uri: b.uri, dstUri: b.dstUri, flags: b.flags, path: b.path });
  const round = tx.round;
  let started = 0;
  let badUri = false;
  const data = ctx.moduleData.get('tm') as TmMsgData | undefined;
  const onReply = data?.reply ?? tx.onReply;

  const add = (uri: string, dstUri: string | undefined, flags: number, src: Buffer | undefined, localRport: boolean, path?: string): void => {
    const index = tx.branches.length;
    if (index >= MAX_BRANCHES) {
      st.log(LogLevel.WARN, `no more than ${MAX_BRANCHES} branches per transaction; ${uri} not tried`);
      return;
    }
    let target: SendTarget;
    try {
      target = opts.proxy && dstUri === undefined ? opts.proxy : uriTarget(dstUri ?? uri);
    } catch (e) {
      st.log(LogLevel.ERR, `cannot relay to ${dstUri ?? uri}: ${(e as Error).message}`);
      badUri = true;
      return;
    }
    const hop = hopTo(st, target, ctx.inbound?.local);
    if (!hop.local) {
      st.log(LogLevel.ERR, `no ${target.proto} socket to relay to ${target.address}:${target.port}`);
      return;
    }
    const via = `SIP/2.0/${hop.local.proto.toUpperCase()} ${viaSentBy(hop.local)};branch=${branchOf(tx.id, index)}${localRport ? ';rport' : ''}`;
    let buf = src ? withStartLineAndVia(src, tx.method, uri, via) : fromEditor(ctx, tx.method, uri, via);
    if (path) buf = withPathRoutes(buf, path);
    const b = new ClientBranch(index, uri, dstUri, hop, isReliable(target.proto), buf, round, onReply, flags);
    tx.branches.push(b);
    started++;
    startBranch(st, tx, b, (br, code) => branchFinal(st, tx, br, code, undefined));
  };

  const branchRoute = branchRoute0!;
  const rt = rt0;
  const step = (i: number): number | Promise<number> => {
    for (; i < dests.length; i++) {
      const d = dests[i]!;
      if (plain) {
        add(d.uri, d.dstUri, d.flags, undefined, ctx.localRport, d.path);
        continue;
      }
      // branch_route edits belong to its branch only: it runs on its own copy of the request.
      const bctx = new SipMessageContext(parseMessage(base!), ctx.inbound, rt.core, 'branch');
      bctx.newRuri = d.uri;
      bctx.dstUri = d.dstUri;
      bctx.flags = ctx.flags;
      bctx.branchFlags = d.flags;
      bctx.avps = ctx.avps;
      bctx.localRport = ctx.localRport;
      bctx.moduleData.set('tm', { tx, building: { index: tx.branches.length, uri: d.uri } } satisfies TmMsgData);
      const after = () => {
        if (!bctx.dropped) add(bctx.ruri, bctx.dstUri, bctx.branchFlags, bctx.edited ? bctx.editor.toBuffer() : base, bctx.localRport, d.path);
      };
      const r = rt.script.runRoute('branch', branchRoute, bctx);
      if (r instanceof Promise) return r.then(() => { after(); return step(i + 1); });
      after();
    }
    if (started > 0) return 1;
    return badUri ? -2 : -3;
  };
  return step(0);
}

/** The edited request with our Via on top, and the branch's Request-URI when it differs. */
function fromEditor(ctx: MessageContext, method: string, uri: string, via: string): Buffer {
  const ed = ctx.editor;
  ed.prependVia(via);
  let buf: Buffer;
  try {
    buf = ed.toBuffer();
  } finally {
    ed.removeTopVia();
  }
  const eol = buf.indexOf('\r\n');
  const line = `${method} ${uri} SIP/2.0`;
  if (eol === Buffer.byteLength(line) && buf.toString('utf8', 0, eol) === line) return buf;
  return Buffer.concat([Buffer.from(`${line}\r\n`, 'utf8'), buf.subarray(eol + 2)]);
}

/** failure_route's copy of the request: the base kept at relay time, or branch 0 of the
 *  first round without our Via (the Via line right after the start line). */
export function baseOf(tx: Transaction): Buffer {
  if (tx.base) return tx.base;
  const b0 = tx.branches.find((b) => b.round === 0)!.buf;
  const first = b0.indexOf('\r\n');
  const second = b0.indexOf('\r\n', first + 2);
  return (tx.base = Buffer.concat([b0.subarray(0, first + 2), b0.subarray(second + 2)]));
}

/** RFC 3327 5: a registered contact reached through Path gets the Path values as Route
 *  headers before any Route of its own (here right after our Via, the second line). */
function withPathRoutes(buf: Buffer, path: string): Buffer {
  const first = buf.indexOf('\r\n');
  const second = buf.indexOf('\r\n', first + 2);
  return Buffer.concat([buf.subarray(0, second + 2), Buffer.from(`Route: ${path}\r\n`, 'utf8'), buf.subarray(second + 2)]);
}

/** The request with the branch's start line and our Via on top. */
function withStartLineAndVia(src: Buffer, method: string, uri: string, via: string): Buffer {
  const eol = src.indexOf('\r\n');
  const head = Buffer.from(`${method} ${uri} SIP/2.0\r\nVia: ${via}\r\n`, 'utf8');
  return Buffer.concat([head, src.subarray(eol + 2)]);
}
