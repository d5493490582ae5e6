// Every Tier 1 pseudo-variable read through a compiled script on real parsed messages,
// including the absent -> NULL rules of script-language.md 7.3 (NULL prints as <null>).
import { describe, it, expect } from 'vitest';
import { build, fakeCore, contextFor, INVITE, REGISTER, REPLY } from '../compile/helpers.js';
import { createDummyContext } from '../../../../engine/script/index.js';

/** Prints each variable (as written) separated by '|' on the given message. */
async function read(vars: string[], msg = REGISTER): Promise<string[]> {
  const core = fakeCore();
  const script = build(`route { xlog("${vars.join('|')}"); } onreply_route { xlog("${vars.join('|')}"); }`);
  const ctx = contextFor(core, msg);
  if (ctx.msg.isRequest) await script.runRequest(ctx); else await script.runReply(ctx);
  return core.printed()[0].split('|');
}

describe('request line and R-URI', () => {
  it('reads $ru $ruri $rU $rd $rp $rm $ou on an INVITE', async () => {
    expect(await read(['$ru', '$ruri', '$rU', '$rd', '$rp', '$rm', '$ou', '$rP'], INVITE)).toEqual([
      'sip:bob@biloxi.example.com:5070;transport=tcp', 'sip:bob@biloxi.example.com:5070;transport=tcp', 'bob', 'biloxi.example.com',
      '5070', 'INVITE', 'sip:bob@biloxi.example.com:5070;transport=tcp', 'tcp',
    ]);
  });
  it('$rU is NULL without a user; $rp gives the default port', async () => {
    expect(await read(['$rU', '$rp', '$rs', '$rr'])).toEqual(['<null>', '5060', '<null>', '<null>']);
  });
  it('in a reply: $rs $rr are set, $ru $rd are NULL, $rm comes from the CSeq', async () => {
    expect(await read(['$rs', '$rr', '$ru', '$rd', '$rm'], REPLY)).toEqual(['180', 'Ringing', '<null>', '<null>', 'INVITE']);
  });
});

describe('headers', () => {
  it('From/To parts, Call-ID, CSeq', async () => {
    expect(await read(['$fu', '$fU', '$fd', '$fn', '$ft', '$tu', '$tU', '$td', '$tn', '$tt', '$ci', '$cs', '$from', '$to.user'])).toEqual([
      'sip:alice@example.com', 'alice', 'example.com', 'Alice A', '1928301774', 'sip:alice@example.com', 'alice', 'example.com', 'Alice', '<null>',
      'a84b4c76e66710@pc33.example.com', '314159', 'sip:alice@example.com', 'alice',
    ]);
  });
  it('$fn and $tt are NULL when empty; $tt is set in a reply', async () => {
    expect(await read(['$fn', '$tn', '$tt'], INVITE)).toEqual(['<null>', 'Bob', '<null>']);
    expect(await read(['$tt'], REPLY)).toEqual(['a6c85cf']);
  });
  it('$hdr with [n], [-1], [*]; compact names; $hdrcnt; NULL when absent', async () => {
    expect(await read(['$hdr(x-test)', '$(hdr(X-Test)[1])', '$(hdr(X-Test)[-1])', '$(hdr(X-Test)[*])', '$(hdr(X-Test)[5])', '$hdr(v)', '$hdr(Nope)', '$hdrcnt(X-Test)', '$hdrcnt(Nope)']))
      .toEqual(['one', 'two', 'three', 'one, two, three', '<null>', 'SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK776asdhds;rport', '<null>', '3', '0']);
  });
  it('$ct first, [n], [*]; $ua; NULL without', async () => {
    expect(await read(['$ct', '$(ct[1])', '$(ct[*])', '$ua'])).toEqual([
      '<sip:alice@10.0.0.5:5062>;expires=3600', '<sip:alice@192.0.2.4>', '<sip:alice@10.0.0.5:5062>;expires=3600, <sip:alice@192.0.2.4>', 'TestPhone/1.0',
    ]);
    expect(await read(['$ct', '$ua'], INVITE)).toEqual(['<null>', '<null>']);
  });
  it('body, length, whole message, Content-Length/Type, P-Asserted-Identity', async () => {
    expect(await read(['$rb', '$ml', '$cl', '$cT', '$ai'], INVITE)).toEqual(['v=0\n', String(Buffer.byteLength(INVITE)), '4', 'application/sdp', 'sip:alice@atlanta.example.com']);
    expect(await read(['$rb', '$cT', '$ai'])).toEqual(['<null>', '<null>', '<null>']);
    expect((await read(['$mb']))[0]).toBe(REGISTER);
  });
});

describe('source, socket, time, process', () => {
  it('$si $sp $socket_in and its fields', async () => {
    expect(await read(['$si', '$sp', '$socket_in', '$socket_in(ip)', '$socket_in(port)', '$socket_in(proto)', '$socket_in(af)'])).toEqual([
      '10.0.0.5', '5062', 'udp:127.0.0.1:5060', '127.0.0.1', '5060', 'udp', 'INET',
    ]);
  });
  it('$Ts $Tsm $TS $time $pp $mi are numbers or formatted time', async () => {
    const [ts, tsm, start, year, pp, mi] = await read(['$Ts', '$Tsm', '$TS', '$time(%Y)', '$pp', '$mi']);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(Number(tsm)).toBeGreaterThanOrEqual(0);
    expect(start).toBe('1700000000');
    expect(year).toBe(String(new Date().getFullYear()));
    expect(pp).toBe(String(process.pid));
    expect(Number(mi)).toBeGreaterThan(0);
  });
  it('$log_level $xlog_level $rc $retcode', async () => {
    expect(await read(['$log_level', '$xlog_level', '$rc', '$retcode'])).toEqual(['4', '4', '1', '1']);
  });
});

describe('the dummy request of startup/timer/event routes', () => {
  it('reads the fixed OpenSIPS values and NULL sockets', async () => {
    const core = fakeCore();
    const script = build('route { exit; } startup_route { xlog("$rm|$ru|$fu|$ci|$si|$cs|$ft|$socket_in"); }');
    await script.runRoute('startup', undefined, createDummyContext(core, 'startup'));
    expect(core.printed()).toEqual(['DUMMY|sip:user@dummy.com|sip:from@dummy.com|dummy-1|0.0.0.0|1|1|<null>']);
  });
});
