// Formatted strings in function arguments and assignments, module variables, and
// transformations applied in compiled variables.
import { describe, it, expect } from 'vitest';
import { runMain, INVITE } from './helpers.js';
import { withTestModule } from './test-module.js';

describe('formatted strings', () => {
  it('expand variables with transformations, nested names and indexes', async () => {
    const { out } = await runMain(`
      $var(h) = "X-Test"; $var(i) = 2;
      xlog("$hdr($var(h)) $(hdr($var(h))[$var(i)]) $(fu{uri.user}{s.toupper}) $(ct{nameaddr.uri}{uri.host}) $(ci{s.substr,0,3})");`);
    expect(out).toEqual(['one three ALICE 10.0.0.5 a84']);
  });

  it('assignments format strings; route arguments do not', async () => {
    const { out } = await runMain('$var(u) = "sip:$fU@$fd"; xlog("$var(u)");');
    expect(out).toEqual(['sip:alice@example.com']);
  });

  it('a variable argument that does not fit its kind makes the call -1 without calling', async () => {
    const t = withTestModule();
    const { out, core } = await runMain('$var(s) = "abc"; ret($var(s)); xlog("rc=$rc "); rec($var(none)); xlog("rc=$rc");', t);
    expect(out).toEqual(['rc=-1 ', 'rc=-1']);
    expect(t.st.calls).toEqual([]);
    expect(core.lines.filter((l) => /Variable in param \[1\] of (ret|rec)\(\) at main\.cfg:2 is not an? (integer|string)/.test(l.message))).toHaveLength(2);
  });

  it('passes constants, quoted integers (converted), optional slots and writable variables', async () => {
    const t = withTestModule();
    const { out } = await runMain('ret("7"); rec("x-$rm"); rec("y", 3); put($var(w), "set by put"); xlog("$var(w) $test_counter");', t);
    expect(t.st.calls).toEqual([['ret', 7], ['rec', 'x-REGISTER', undefined], ['rec', 'y', 3]]);
    expect(out).toEqual(['set by put 3']);
  });

  it('transformations on message values: uri, nameaddr, via, param', async () => {
    const { out } = await runMain(`xlog("$(ru{uri.port})|$(ru{uri.transport})|$(ru{uri.param,transport})|$(tu{uri.user})|$(hdr(To){nameaddr.name})|$(hdr(Via){via.host})|$(hdr(Via){via.branch})|$(ru{uri.params}{param.value,transport})");`, { msg: INVITE });
    expect(out).toEqual(['5070|tcp|tcp|bob|Bob|pc33.atlanta.example.com|z9hG4bKnashds8|tcp']);
  });

  it('a failing transformation makes the variable NULL', async () => {
    const { out } = await runMain('$var(x) = "not a uri"; xlog("$(var(x){uri.user})|$(ci{s.substr,500,1})");');
    expect(out).toEqual(['<null>|<null>']);
  });
});
