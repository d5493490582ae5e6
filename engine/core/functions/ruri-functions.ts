// R-URI and destination rewriting (core_cmds.c): seturi, sethost, setuser, strip, prefix,
// revert_uri, setdsturi ... Each returns 1, or -1 when there is no R-URI to rewrite.
import { fn, arg, type FnDef } from '../../modules/functions.js';
import type { MessageContext } from '../message-context.js';
import { joinUri, splitUri, type UriParts } from '../../script/pvars/uri-parts.js';

function rewrite(ctx: MessageContext, change: (p: UriParts) => boolean | void): number {
  if (!ctx.msg.isRequest) return -1;
  const parts = splitUri(ctx.newRuri ?? ctx.msg.ruri);
  if (!parts || change(parts) === false) return -1;
  ctx.newRuri = joinUri(parts);
  return 1;
}

export const ruriFunctions: Record<string, FnDef<any>> = {
  seturi: fn({ doc: 'replaces the Request-URI', args: [arg.str()], routes: 'all',
    run: (ctx, _st, uri) => { if (!ctx.msg.isRequest || !splitUri(uri)) return -1; ctx.newRuri = uri; return 1; } }),
  sethost: fn({ doc: 'replaces the R-URI host', args: [arg.str()], routes: 'all', run: (ctx, _st, h) => rewrite(ctx, (p) => { p.host = h; }) }),
  sethostport: fn({ doc: 'replaces the R-URI host and port (host:port)', args: [arg.str()], routes: 'all',
    run: (ctx, _st, hp) => rewrite(ctx, (p) => {
      const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hp);
      if (!m) return false;
      p.host = m[1];
      p.port = m[2];
    }) }),
  setuser: fn({ doc: 'replaces the R-URI user', args: [arg.str()], routes: 'all', run: (ctx, _st, u) => rewrite(ctx, (p) => { p.user = u; }) }),
  setuserpass: fn({ doc: 'replaces the R-URI password', args: [arg.str()], routes: 'all',
    run: (ctx, _st, pw) => rewrite(ctx, (p) => { if (p.user === undefined) return false; p.password = pw; }) }),
  setport: fn({ doc: 'replaces the R-URI port', args: [arg.str()], routes: 'all', run: (ctx, _st, port) => rewrite(ctx, (p) => { p.port = port; }) }),
  prefix: fn({ doc: 'adds a prefix to the R-URI user', args: [arg.str()], routes: 'all',
    run: (ctx, _st, pre) => rewrite(ctx, (p) => { p.user = pre + (p.user ?? ''); }) }),
  strip: fn({ doc: 'removes n characters from the start of the R-URI user', args: [arg.int()], routes: 'all',
    run: (ctx, _st, n) => rewrite(ctx, (p) => { if (p.user === undefined || n > p.user.length) return false; p.user = p.user.slice(n); }) }),
  strip_tail: fn({ doc: 'removes n characters from the end of the R-URI user', args: [arg.int()], routes: 'all',
    run: (ctx, _st, n) => rewrite(ctx, (p) => { if (p.user === undefined || n > p.user.length) return false; p.user = p.user.slice(0, p.user.length - n); }) }),
  revert_uri: fn({ doc: 'undoes every R-URI change', args: [], routes: 'all', run: (ctx) => { ctx.newRuri = undefined; return 1; } }),
  setdsturi: fn({ doc: 'sets $du', args: [arg.str()], routes: 'all', run: (ctx, _st, uri) => { ctx.dstUri = uri; return 1; } }),
  resetdsturi: fn({ doc: 'clears $du', args: [], routes: 'all', run: (ctx) => { ctx.dstUri = undefined; return 1; } }),
  isdsturiset: fn({ doc: '1 when $du is set, else -1', args: [], routes: 'all', run: (ctx) => (ctx.dstUri !== undefined ? 1 : -1) }),
};
