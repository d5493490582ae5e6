// Request-URI and destination-URI variables: $ru $rU $rd $rp $rP $ou $du $dd $dp
// (script-language.md 7.3). The R-URI reads the rewritten one when the script changed it.
import type { MessageContext } from '../../core/message-context.js';
import { int, str, strInt, type MaybeValue } from '../value.js';
import { pvar, type PvarSpec } from './types.js';
import { joinUri, splitUri, tryParseUri } from './uri-parts.js';

const ruri = (ctx: MessageContext) => (ctx.msg.isRequest ? ctx.newRuri ?? ctx.msg.ruri : ctx.answeredRuri);
const text = (v: MaybeValue) => (v === null ? undefined : v.s ?? (v.i !== undefined ? String(v.i) : undefined));

/** Rewrites one part of the R-URI; false when there is none to rewrite. */
function rewriteRuri(ctx: MessageContext, change: (p: NonNullable<ReturnType<typeof splitUri>>) => void): boolean {
  const cur = ruri(ctx);
  const parts = cur === undefined ? undefined : splitUri(cur);
  if (!parts) return false;
  change(parts);
  ctx.newRuri = joinUri(parts);
  return true;
}

const defaultPort = (scheme: string) => (scheme.toLowerCase() === 'sips' ? 5061 : 5060);

export const ruriPvars: readonly PvarSpec[] = [
  pvar({
    name: 'ru', inner: 'none', writable: true, doc: 'Request-URI',
    get: (ctx) => { const u = ruri(ctx); return u === undefined ? null : str(u); },
    set: (ctx, _i, v) => { const s = text(v); if (s === undefined || !ctx.msg.isRequest) return false; ctx.newRuri = s; return true; },
  }),
  pvar({
    name: 'rU', inner: 'none', writable: true, doc: 'Request-URI user (NULL when none)',
    get: (ctx) => { const u = tryParseUri(ruri(ctx)); return u?.user ? str(u.user) : null; },
    set: (ctx, _i, v) => rewriteRuri(ctx, (p) => { p.user = text(v); if (p.user === undefined) p.password = undefined; }),
  }),
  pvar({
    name: 'rd', inner: 'none', writable: true, doc: 'Request-URI host',
    get: (ctx) => { const u = tryParseUri(ruri(ctx)); return u?.host ? str(u.host) : null; },
    set: (ctx, _i, v) => { const s = text(v); return s !== undefined && rewriteRuri(ctx, (p) => { p.host = s; }); },
  }),
  pvar({
    name: 'rp', inner: 'none', writable: true, doc: 'Request-URI port (the default port when none is written)',
    get: (ctx) => {
      const u = tryParseUri(ruri(ctx));
      if (!u) return null;
      const port = u.port ?? defaultPort(u.scheme);
      return strInt(String(port), port);
    },
    set: (ctx, _i, v) => rewriteRuri(ctx, (p) => { p.port = text(v); }),
  }),
  pvar({
    name: 'rP', inner: 'none', doc: 'Request-URI transport (transport= or the scheme default)',
    get: (ctx) => { const u = tryParseUri(ruri(ctx)); return u ? str(u.transport ?? (u.scheme === 'sips' ? 'tls' : 'udp')) : null; },
  }),
  pvar({
    name: 'ou', inner: 'none', doc: 'the Request-URI as received',
    get: (ctx) => (ctx.msg.isRequest ? str(ctx.msg.ruri) : null),
  }),
  pvar({
    name: 'du', inner: 'none', writable: true, doc: 'destination URI (NULL when unset)',
    get: (ctx) => (ctx.dstUri === undefined ? null : str(ctx.dstUri)),
    set: (ctx, _i, v) => { ctx.dstUri = text(v); return true; },
  }),
  pvar({
    name: 'dd', inner: 'none', doc: 'host of the destination URI',
    get: (ctx) => { const u = tryParseUri(ctx.dstUri); return u?.host ? str(u.host) : null; },
  }),
  pvar({
    name: 'dp', inner: 'none', doc: 'port of the destination URI',
    get: (ctx) => {
      const u = tryParseUri(ctx.dstUri);
      return u ? int(u.port ?? defaultPort(u.scheme)) : null;
    },
  }),
];
