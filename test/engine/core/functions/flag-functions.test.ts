// Named message flags and branch flags (3.x): set, reset, test, branch index.
import { describe, it, expect } from 'vitest';
import { runMain } from '../../script/compile/helpers.js';
import { processFlags } from '../../../../engine/core/flags.js';

describe('message flags', () => {
  it('setflag/resetflag/isflagset by name', async () => {
    const { out, ctx } = await runMain(`
      if (isflagset("NAT")) xlog("set"); else xlog("unset");
      setflag("NAT"); setflag("1");
      if (isflagset("NAT")) xlog(" set");
      resetflag("NAT");
      if (!isflagset("NAT")) xlog(" reset");
      isflagset("NAT"); xlog(" rc=$rc");`);
    expect(out).toEqual(['unset', ' set', ' reset', ' rc=-1']);
    expect(ctx.flags).toBe(1 << processFlags.bit('1')!);
  });
});

describe('branch flags', () => {
  it('default to branch 0 and address appended branches by index', async () => {
    const { out, ctx } = await runMain(`
      setbflag("SAVE"); append_branch("sip:b@x"); setbflag("SAVE", 1);
      if (isbflagset("SAVE", 1)) xlog("b1 ");
      resetbflag("SAVE"); if (!isbflagset("SAVE")) xlog("b0 clear ");
      setbflag("SAVE", 5); xlog("rc=$rc");`);
    expect(out).toEqual(['b1 ', 'b0 clear ', 'rc=-1']);
    expect(ctx.branches[0].flags).toBe(1 << processFlags.bit('SAVE')!);
    expect(ctx.branchFlags).toBe(0);
  });
});
