// R-URI rewriting, destination URI, branches, forward, is_myself, force_rport, pv_printf.
import { describe, it, expect } from 'vitest';
import { runMain, fakeCore, INVITE } from '../../script/compile/helpers.js';
import { parseDestination } from '../../../../engine/core/functions/index.js';

describe('R-URI rewriting', () => {
  it('setuser, sethost, setport, prefix, strip, strip_tail, revert_uri, seturi', async () => {
    const { out } = await runMain(`
      setuser("12345"); xlog("$ru|");
      prefix("00"); strip(1); strip_tail(2); xlog("$ru|");
      sethost("gw.example.com"); setport("5080"); xlog("$ru|");
      sethostport("10.0.0.1:5090"); setuserpass("pw"); xlog("$ru|");
      revert_uri(); xlog("$ru|");
      seturi("sip:carol@c.example.com"); xlog("$ru|$rU");`, { msg: INVITE });
    expect(out).toEqual([
      'sip:12345@biloxi.example.com:5070;transport=tcp|', 'sip:0123@biloxi.example.com:5070;transport=tcp|',
      'sip:0123@gw.example.com:5080;transport=tcp|', 'sip:0123:pw@10.0.0.1:5090;transport=tcp|',
      'sip:bob@biloxi.example.com:5070;transport=tcp|', 'sip:carol@c.example.com|carol',
    ]);
  });

  it('strip more than the user has fails with -1', async () => {
    const { out } = await runMain('strip(10); xlog("$rc $ru");', { msg: INVITE });
    expect(out).toEqual(['-1 sip:bob@biloxi.example.com:5070;transport=tcp']);
  });
});

describe('destination and branches', () => {
  it('setdsturi / isdsturiset / resetdsturi', async () => {
    const { out } = await runMain('isdsturiset(); xlog("$rc "); setdsturi("sip:10.0.0.9"); if (isdsturiset()) xlog("$du "); resetdsturi(); xlog("$du");');
    expect(out).toEqual(['-1 ', 'sip:10.0.0.9 ', '<null>']);
  });

  it('append_branch adds the given URI with q, or the current R-URI', async () => {
    const { ctx, out } = await runMain('append_branch("sip:b@x", "0.5"); $du = "sip:p"; append_branch(); append_branch_old("sip:c@y"); append_branch("sip:d@z", "2"); xlog("$rc");');
    expect(ctx.branches.map((b) => [b.uri, b.q, b.dstUri])).toEqual([['sip:b@x', 500, undefined], ['sip:example.com', -1, 'sip:p'], ['sip:c@y', -1, undefined]]);
    expect(out).toEqual(['-1']);
  });

  it('forward() parses [proto:]host[:port] and waits for the core', async () => {
    const core = fakeCore();
    const r = await runMain('forward("tcp:10.0.0.7:5070"); xlog("$rc "); forward(); xlog("$rc");', { core });
    expect(core.forwards).toEqual([{ proto: 'tcp', address: '10.0.0.7', port: 5070 }, undefined]);
    expect(r.out).toEqual(['1 ', '1']);
    expect(parseDestination('example.com')).toEqual({ proto: 'udp', address: 'example.com', port: 5060 });
    expect(parseDestination('[::1]:5062')).toEqual({ proto: 'udp', address: '::1', port: 5062 });
    expect(parseDestination('udp:host:99999')).toBeUndefined();
  });
});

describe('other core functions', () => {
  it('is_myself, force_rport, add_local_rport, pv_printf', async () => {
    const { out, ctx } = await runMain(`
      if (is_myself("127.0.0.1")) xlog("me ");
      if (!is_myself("$rd")) xlog("not me ");
      force_rport(); add_local_rport();
      pv_printf($var(p), "$rm to $ru"); xlog("$var(p)");`);
    expect(out).toEqual(['me ', 'not me ', 'REGISTER to sip:example.com']);
    expect(ctx.forceRport).toBe(true);
    expect(ctx.localRport).toBe(true);
  });
});
