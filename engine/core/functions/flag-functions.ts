// Message and branch flags by name (OpenSIPS 3.x: setflag("NAME"), up to 32 names shared
// between message and branch flags, allocated on first use).
import { fn, arg, type FnDef, type FixupIssue } from '../../modules/functions.js';
import type { MessageContext } from '../message-context.js';
import { processFlags, MAX_FLAGS } from '../flags.js';

const fixName = ([name]: [string | undefined, ...unknown[]]): FixupIssue | undefined =>
  name !== undefined && processFlags.bit(name) === undefined
    ? { arg: 0, message: `too many flag names: at most ${MAX_FLAGS} are possible` } : undefined;

const mask = (name: string) => 1 << (processFlags.bit(name) ?? 31);

/** Reads or writes the flags of branch `idx` (0 = the R-URI branch); undefined when none. */
function branchFlags(ctx: MessageContext, idx: number | undefined, change?: (f: number) => number): number | undefined {
  const k = idx ?? 0;
  if (k === 0) {
    if (change) ctx.branchFlags = change(ctx.branchFlags);
    return ctx.branchFlags;
  }
  const b = ctx.branches[k - 1];
  if (!b) return undefined;
  if (change) b.flags = change(b.flags);
  return b.flags;
}

export const flagFunctions: Record<string, FnDef<any>> = {
  setflag: fn({ doc: 'sets a message flag', args: [arg.str({ static: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name) => { ctx.flags |= mask(name); return 1; } }),
  resetflag: fn({ doc: 'clears a message flag', args: [arg.str({ static: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name) => { ctx.flags &= ~mask(name); return 1; } }),
  isflagset: fn({ doc: '1 when the message flag is set, else -1', args: [arg.str({ static: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name) => ((ctx.flags & mask(name)) !== 0 ? 1 : -1) }),
  setbflag: fn({ doc: 'sets a branch flag (branch 0 = R-URI)', args: [arg.str({ static: true }), arg.int({ optional: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name, idx) => (branchFlags(ctx, idx, (f) => f | mask(name)) === undefined ? -1 : 1) }),
  resetbflag: fn({ doc: 'clears a branch flag', args: [arg.str({ static: true }), arg.int({ optional: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name, idx) => (branchFlags(ctx, idx, (f) => f & ~mask(name)) === undefined ? -1 : 1) }),
  isbflagset: fn({ doc: '1 when the branch flag is set, else -1', args: [arg.str({ static: true }), arg.int({ optional: true })], routes: 'all', fixup: fixName,
    run: (ctx, _st, name, idx) => (((branchFlags(ctx, idx) ?? 0) & mask(name)) !== 0 ? 1 : -1) }),
};
