// loose_route() (RFC 3261 16.4 and 16.12, 12.2.1.1): a request carrying a route set. Our
// own entries are taken off the top (two with double record-routing); the next entry, if
// any, becomes the destination ($du) when it is a loose router, or the Request-URI when it
// is a strict one (the old Request-URI then goes to the end of the route set). A Request-URI
// that is ours means the previous hop was a strict router: the last Route is the real
// Request-URI.
import type { MessageContext } from '../../engine/core/message-context.js';
import { parseNameAddrList, parseUri, type NameAddr } from '../../engine/sip/index.js';
import { rrData } from './rr-data.js';
import type { RrState } from './state.js';

interface RouteEntry { text: string; uri: string; lr: boolean; ours: boolean; params: string }

export function looseRoute(st: RrState, ctx: MessageContext): number {
  const msg = ctx.msg;
  if (!msg.isRequest) return -1;
  const lines = msg.headerValues('route');
  if (lines.length === 0) return -1;
  const routes = lines.map((text) => entry(ctx, text));
  const d = rrData(ctx);
  let ruriOurs = false;
  try {
    const u = parseUri(ctx.newRuri ?? msg.ruri);
    ruriOurs = u.params.lr !== undefined && ctx.core.isMyself(u.host, u.port ?? 0);
  } catch { /* an unparsable R-URI is not ours */ }
  if (ruriOurs) {
    // After a strict router: the Request-URI is the Record-Route value we put; the last
    // Route is where the request really goes.
    d.routeParams = uriParams(ctx.newRuri ?? msg.ruri);
    const last = routes.pop()!;
    ctx.newRuri = last.uri;
    rewrite(ctx, routes);
    if (routes.length > 0 && routes[0]!.lr) ctx.dstUri = routes[0]!.uri;
    return 1;
  }
  const top = routes[0]!;
  if (!top.ours) {
    // A route set that starts elsewhere (a preloaded route): send it there.
    if (top.lr) ctx.dstUri = top.uri;
    else strictNextHop(ctx, routes);
    return 1;
  }
  routes.shift();
  d.routeParams = top.params;
  if (st.doubleRr && routes.length > 0 && routes[0]!.ours) routes.shift();
  if (routes.length === 0) {
    rewrite(ctx, routes);
    return 1;
  }
  if (routes[0]!.lr) {
    ctx.dstUri = routes[0]!.uri;
    rewrite(ctx, routes);
  } else strictNextHop(ctx, routes);
  return 1;
}

/** The next hop is a strict router: it becomes the Request-URI, the Request-URI the last Route. */
function strictNextHop(ctx: MessageContext, routes: RouteEntry[]): void {
  const next = routes.shift()!;
  const old = ctx.newRuri ?? ctx.msg.ruri;
  ctx.newRuri = next.uri;
  ctx.dstUri = undefined;
  routes.push({ text: `<${old}>`, uri: old, lr: false, ours: false, params: '' });
  rewrite(ctx, routes);
}

/** Replaces the Route lines with what is left, where the first one was. */
function rewrite(ctx: MessageContext, routes: RouteEntry[]): void {
  const at = ctx.msg.names.indexOf('route');
  ctx.editor.removeHeader('route');
  if (routes.length > 0) ctx.editor.insertHeaderAt(at, 'Route', routes.map((r) => r.text).join(', '));
}

function entry(ctx: MessageContext, text: string): RouteEntry {
  let na: NameAddr | undefined;
  try {
    const list: NameAddr[] = [];
    parseNameAddrList(text, 'route', list);
    na = list[0];
  } catch { /* kept as a foreign entry */ }
  if (!na) return { text, uri: text.replace(/^<|>$/g, ''), lr: false, ours: false, params: '' };
  let lr = false;
  let ours = false;
  try {
    const u = na.parsedUri;
    lr = u.params.lr !== undefined;
    ours = ctx.core.isMyself(u.host, u.port ?? 0);
  } catch { /* not a SIP URI: not ours, not loose */ }
  return { text, uri: na.uri, lr, ours, params: uriParams(na.uri) };
}

/** ";a=b;c" of a URI (between the host part and any '?'). */
function uriParams(uri: string): string {
  const q = uri.indexOf('?');
  const u = q < 0 ? uri : uri.slice(0, q);
  const at = u.lastIndexOf('@');
  const semi = u.indexOf(';', at < 0 ? 0 : at);
  return semi < 0 ? '' : u.slice(semi);
}
