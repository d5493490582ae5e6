// Core functions about where the message goes: is_myself, force_rport, add_local_rport,
// append_branch, forward, and pv_printf.
import { fn, arg, type FnDef } from '../../modules/functions.js';
import type { MessageContext } from '../message-context.js';
import type { SendTarget } from '../../transport/index.js';
import { str } from '../../script/value.js';

/** "[proto:]host[:port]" as forward() takes it; undefined when malformed. */
export function parseDestination(text: string): SendTarget | undefined {
  const m = /^(?:(udp|tcp):)?(\[[^\]]+\]|[^:\s]+)(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return undefined;
  const port = m[3] === undefined ? 5060 : Number(m[3]);
  if (port > 65535) return undefined;
  const address = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
  return { proto: (m[1] ?? 'udp').toLowerCase() as SendTarget['proto'], address, port };
}

/** q as OpenSIPS keeps it: "0.5" -> 500, absent -> -1. */
function parseQ(q: string | undefined): number | undefined {
  if (q === undefined) return -1;
  const n = Number(q);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? Math.round(n * 1000) : undefined;
}

function appendBranch(ctx: MessageContext, uri: string | undefined, q: string | undefined): number {
  const qv = parseQ(q);
  if (qv === undefined) { ctx.core.log.log(-1, 'core', `append_branch: bad q value '${q}'`); return -1; }
  // Without a URI the current R-URI (and $du) becomes a new branch, as OpenSIPS does.
  ctx.branches.push({ uri: uri ?? ctx.newRuri ?? ctx.msg.ruri, q: qv, dstUri: uri === undefined ? ctx.dstUri : undefined, flags: uri === undefined ? ctx.branchFlags : 0 });
  return 1;
}

const appendBranchDef = fn({
  doc: 'adds a destination branch (default: the current R-URI); q as a string like "0.5"',
  args: [arg.str({ optional: true }), arg.str({ optional: true })], routes: 'all',
  run: (ctx, _st, uri, q) => appendBranch(ctx, uri, q),
});

export const routingFunctions: Record<string, FnDef<any>> = {
  is_myself: fn({ doc: '1 when host (and port, 0 = any) is one of our addresses or aliases', args: [arg.str(), arg.int({ optional: true })], routes: 'all',
    run: (ctx, _st, host, port) => (ctx.core.isMyself(host, port) ? 1 : -1) }),
  force_rport: fn({ doc: 'replies go to the source port, as if the Via had rport', args: [], routes: 'all', run: (ctx) => { ctx.forceRport = true; return 1; } }),
  add_local_rport: fn({ doc: 'adds rport to our own Via when forwarding', args: [], routes: 'all',
    run: (ctx) => { ctx.localRport = true; return 1; } }),
  append_branch: appendBranchDef,
  append_branch_old: appendBranchDef,
  forward: fn({
    doc: 'stateless forwarding to [proto:]host[:port], else to $du, else to the R-URI', args: [arg.str({ optional: true })], routes: 'all',
    fixup: ([dest]) => (dest !== undefined && !parseDestination(dest) ? { arg: 0, message: `bad destination '${dest}': [proto:]host[:port] expected` } : undefined),
    run: (ctx, _st, dest) => {
      const target = dest === undefined ? undefined : parseDestination(dest);
      if (dest !== undefined && !target) return -1;
      return ctx.core.forward(ctx, target).then((ok) => (ok ? 1 : -1));
    },
  }),
  pv_printf: fn({ doc: 'formats a string into a variable', args: [arg.pvar({ writable: true }), arg.str()], routes: 'all',
    run: (_ctx, _st, v, text) => { v.set(str(text)); return 1; } }),
};
