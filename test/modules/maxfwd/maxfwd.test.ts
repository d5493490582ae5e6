// maxfwd: mf_process_maxfwd_header and is_maxfwd_lt return codes and the edits they make.
import { describe, it, expect, beforeAll } from 'vitest';
import { startModules, context, call, sipMessage, invite, edited, type Started } from '../harness.js';

describe('maxfwd', () => {
  let m: Started;
  let limited: Started;
  beforeAll(async () => {
    m = await startModules(['maxfwd']);
    limited = await startModules(['maxfwd'], [['maxfwd', 'max_limit', 16]]);
  });
  const mf = (s: Started, ctx: ReturnType<typeof context>, n: number) => call(s, 'maxfwd', 'mf_process_maxfwd_header', ctx, n);
  const lt = (ctx: ReturnType<typeof context>, n: number) => call(m, 'maxfwd', 'is_maxfwd_lt', ctx, n);

  it('decrements a present header (1), and again on a second call', () => {
    const ctx = context(sipMessage(invite({ 'Max-Forwards': '70' })));
    expect(mf(m, ctx, 10)).toBe(1);
    expect(edited(ctx).header('max-forwards')).toBe('69');
    expect(lt(ctx, 70)).toBe(1);
    expect(lt(ctx, 69)).toBe(-1);
    expect(mf(m, ctx, 10)).toBe(1);
    expect(edited(ctx).headers('max-forwards')).toEqual(['68']);
    // The received message is untouched.
    expect(ctx.msg.header('max-forwards')).toBe('70');
  });

  it('adds Max-Forwards: n as the first header when absent (2), only once', () => {
    const ctx = context(sipMessage(invite({ 'Max-Forwards': null })));
    expect(mf(m, ctx, 10)).toBe(2);
    const out = edited(ctx);
    expect(out.nameAt(0)).toBe('max-forwards');
    expect(out.header('max-forwards')).toBe('10');
    expect(mf(m, ctx, 10)).toBe(2);
    expect(edited(ctx).headers('max-forwards')).toEqual(['10']);
    // As in OpenSIPS, the added header is not seen by later checks.
    expect(lt(ctx, 20)).toBe(-2);
  });

  it('returns -1 for 0 hops left and leaves the header alone', () => {
    const ctx = context(sipMessage(invite({ 'Max-Forwards': '0' })));
    expect(mf(m, ctx, 10)).toBe(-1);
    expect(ctx.edited).toBe(false);
    expect(lt(ctx, 1)).toBe(1);
  });

  it('returns -2 for an unparsable value (is_maxfwd_lt: -3)', () => {
    for (const bad of ['abc', '70000', '-1', '1 2']) {
      const ctx = context(sipMessage(invite({ 'Max-Forwards': bad })));
      expect(mf(m, ctx, 10), bad).toBe(-2);
      expect(lt(ctx, 10), bad).toBe(-3);
    }
  });

  it('caps a large value so that the next hop sees max_limit', () => {
    const ctx = context(sipMessage(invite({ 'Max-Forwards': '100' })));
    expect(mf(limited, ctx, 10)).toBe(1);
    expect(edited(ctx).header('max-forwards')).toBe('16');
    const small = context(sipMessage(invite({ 'Max-Forwards': '5' })));
    expect(mf(limited, small, 10)).toBe(1);
    expect(edited(small).header('max-forwards')).toBe('4');
  });

  it('refuses an argument out of 1..256 at load time, and above max_limit at run time', () => {
    for (const name of ['mf_process_maxfwd_header', 'is_maxfwd_lt']) {
      const fixup = m.def('maxfwd').functions![name]!.fixup!;
      expect(fixup([0] as never)).toMatchObject({ arg: 0 });
      expect(fixup([257] as never)).toMatchObject({ arg: 0 });
      expect(fixup([70] as never)).toBeUndefined();
      expect(fixup([undefined] as never)).toBeUndefined();
    }
    const ctx = context(sipMessage(invite({ 'Max-Forwards': '70' })));
    expect(mf(limited, ctx, 20)).toBe(-2);
    expect(ctx.edited).toBe(false);
  });

  it('is_maxfwd_lt: -2 without the header', () => {
    expect(lt(context(sipMessage(invite({ 'Max-Forwards': null }))), 10)).toBe(-2);
  });
});

