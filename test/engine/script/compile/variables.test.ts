// $var and $avp semantics (script-language.md 5.6, 7.4) and writes to the message variables.
import { describe, it, expect } from 'vitest';
import { runMain, build, fakeCore, contextFor } from './helpers.js';

describe('$var', () => {
  it('keeps the type of the value: $rm stores a string, $rs-like ints stay ints', async () => {
    const { ctx } = await runMain('$var(m) = $rm; $var(n) = $cs; $var(i) = 4; $var(l) = $(rm{s.len});');
    expect(ctx.vars.get('m')).toEqual({ s: 'REGISTER', intFirst: false });
    expect(ctx.vars.get('i')).toEqual({ s: '4', i: 4, intFirst: true });
    expect(ctx.vars.get('l')).toEqual({ s: '8', i: 8, intFirst: true });
  });

  it('is per message: a second message starts without values', async () => {
    const core = fakeCore();
    const script = build('route { if ($var(seen) == NULL) xlog("fresh "); $var(seen) = 1; }');
    await script.runRequest(contextFor(core));
    await script.runRequest(contextFor(core));
    expect(core.printed()).toEqual(['fresh ', 'fresh ']);
  });

  it('= NULL deletes; compound operators work in place; strings only += ', async () => {
    const { out } = await runMain(`
      $var(a) = 10; $var(a) += 5; $var(a) *= 2; $var(a) -= 1; xlog("$var(a) ");
      $var(s) = "ab"; $var(s) += "cd"; xlog("$var(s) ");
      $var(s) -= "x"; xlog("$var(s) $rc ");
      $var(a) /= 0; xlog("$var(a) $rc ");
      $var(a) = NULL; xlog("$var(a)");`);
    expect(out).toEqual(['29 ', 'abcd ', 'abcd -1 ', '29 -1 ', '<null>']);
  });
});

describe('$avp', () => {
  it('= pushes, indexes count from the newest, [*] joins, [-1] is the oldest', async () => {
    const { out } = await runMain(`
      $avp(x) = "a"; $avp(x) = "b"; $avp(x) = "c";
      xlog("$avp(x) $(avp(x)[1]) $(avp(x)[-1]) [$(avp(x)[*])]");`);
    expect(out).toEqual(['c b a [c, b, a]']);
  });

  it(':= replaces all, [n] = replaces one, [append] adds the oldest, = NULL removes the newest', async () => {
    const { out } = await runMain(`
      $avp(x) = 1; $avp(x) = 2; $(avp(x)[1]) = 9; xlog("[$(avp(x)[*])] ");
      $(avp(x)[append]) = 0; xlog("[$(avp(x)[*])] ");
      $avp(x) = NULL; xlog("[$(avp(x)[*])] ");
      $avp(x) := 5; xlog("[$(avp(x)[*])] ");
      $(avp(x)[*]) = NULL; xlog("[$(avp(x)[*])]");`);
    expect(out).toEqual(['[2, 9] ', '[2, 9, 0] ', '[9, 0] ', '[5] ', '[<null>]']);
  });

  it('compound assignment pushes the result (quirk 8)', async () => {
    const { out } = await runMain('$avp(k) = 1; $avp(k) = 2; $avp(k) += 10; xlog("$(avp(k)[*])");');
    expect(out).toEqual(['12, 2, 1']);
  });
});

describe('message variables written by the script', () => {
  it('$ru, $rU, $rd, $rp rewrite the R-URI; $rU = NULL removes the user', async () => {
    const { out, ctx } = await runMain(`
      $rU = "bob"; $rd = "b.example.com"; $rp = 5080; xlog("$ru ");
      $rU = NULL; xlog("$ru $rU");`);
    expect(out).toEqual(['sip:bob@b.example.com:5080 ', 'sip:b.example.com:5080 <null>']);
    expect(ctx.newRuri).toBe('sip:b.example.com:5080');
  });

  it('$du is NULL until set and = NULL clears it', async () => {
    const { out, ctx } = await runMain('xlog("$du "); $du = "sip:proxy.example.com;lr"; xlog("$du $dd "); $du = NULL; xlog("$du");');
    expect(out).toEqual(['<null> ', 'sip:proxy.example.com;lr proxy.example.com ', '<null>']);
    expect(ctx.dstUri).toBeUndefined();
  });

  it('$log_level and $xlog_level change the process levels', async () => {
    const core = fakeCore();
    await runMain('$xlog_level = 1; xlog("L_NOTICE", "hidden"); xlog("L_WARN", "shown"); $log_level = 2;', { core });
    expect(core.printed()).toEqual(['shown']);
    expect(core.script.xlogLevel).toBe(1);
    expect(core.log.level).toBe(2);
  });
});
