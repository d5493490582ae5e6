// record_route() and record_route_preset() (RFC 3261 16.6 step 4): our URI goes on top of
// the Record-Route list, with `lr` (we are a loose router), the caller's From tag (`ftag`,
// so is_direction() can tell the two directions apart later) and any add_rr_param() values.
// Two entries are recorded when the request leaves on another transport than it came on
// (enable_double_rr), so each side reaches us on its own transport.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { ListenSocket } from '../../engine/transport/index.js';
import { parseUri } from '../../engine/sip/index.js';
import { rrData } from './rr-data.js';
import type { RrState } from './state.js';

function hostPort(s: ListenSocket): string {
  const host = s.advertised?.host ?? (s.address.includes(':') ? `[${s.address}]` : s.address);
  return `${host}:${s.advertised?.port ?? s.port}`;
}

function transportParam(proto: string): string {
  return proto === 'udp' ? '' : `;transport=${proto}`;
}

/** The transport the request will most likely leave on: what $du or the R-URI says. */
function outboundProto(ctx: MessageContext): string | undefined {
  try {
    const u = parseUri(ctx.dstUri ?? ctx.newRuri ?? ctx.msg.ruri);
    return u.transport ?? (u.scheme === 'sips' ? 'tls' : 'udp');
  } catch {
    return undefined;
  }
}

export function recordRoute(st: RrState, ctx: MessageContext, extra: string | undefined): number {
  const inb = ctx.inbound;
  if (!inb || !ctx.msg.isRequest) return -1;
  const d = rrData(ctx);
  if (d.recorded) return -1; // OpenSIPS refuses a second record_route for the same request
  const user = st.addUsername ? userPart(ctx) : '';
  const ftag = st.appendFromtag ? fromTagParam(ctx) : '';
  const params = `;lr${ftag}${d.params.join('')}${extra ? (extra.startsWith(';') ? extra : `;${extra}`) : ''}`;
  const values: string[] = [];
  const inSock = inb.local;
  const outProto = outboundProto(ctx);
  if (st.doubleRr && outProto && outProto !== inSock.proto) {
    const outSock = ctx.core.sockets.find((s) => s.proto === outProto);
    if (outSock) values.push(`<sip:${user}${hostPort(outSock)}${transportParam(outSock.proto)}${params}>`);
  }
  values.push(`<sip:${user}${hostPort(inSock)}${transportParam(inSock.proto)}${params}>`);
  insertOnTop(ctx, values);
  d.recorded = { line: firstRecordRouteLine(ctx), values };
  return 1;
}

/** record_route_preset(addr[, addr2]): the given address instead of the socket's. */
export function recordRoutePreset(st: RrState, ctx: MessageContext, addr: string, addr2: string | undefined): number {
  if (!ctx.msg.isRequest) return -1;
  const d = rrData(ctx);
  if (d.recorded) return -1;
  const ftag = st.appendFromtag ? fromTagParam(ctx) : '';
  const uri = (a: string) => `<${/^sips?:/i.test(a) ? a : `sip:${a}`};lr${ftag}>`;
  const values = addr2 ? [uri(addr2), uri(addr)] : [uri(addr)];
  insertOnTop(ctx, values);
  d.recorded = { line: firstRecordRouteLine(ctx), values };
  return 1;
}

function fromTagParam(ctx: MessageContext): string {
  const tag = ctx.msg.from?.tag;
  return tag ? `;ftag=${tag}` : '';
}

function userPart(ctx: MessageContext): string {
  try {
    const u = parseUri(ctx.newRuri ?? ctx.msg.ruri).user;
    return u ? `${u}@` : '';
  } catch {
    return '';
  }
}

function firstRecordRouteLine(ctx: MessageContext): number {
  const i = ctx.msg.names.indexOf('record-route');
  return i < 0 ? ctx.msg.headerCount : i;
}

/** Our entries above the existing Record-Route lines (or as the last headers if none). */
function insertOnTop(ctx: MessageContext, values: string[]): void {
  const at = firstRecordRouteLine(ctx);
  for (const v of values) ctx.editor.insertHeaderAt(at, 'Record-Route', v);
}
