// Link rules as valid/invalid tables (STYLE.md 9): valid snippets link with no diagnostic,
// invalid ones report exactly the listed codes. Messages are checked by the fixtures in
// test/script/link-errors.
import { describe, it, expect } from 'vitest';
import { loadScriptText } from '../../../../engine/config/index.js';
import { Diagnostics } from '../../../../engine/script/diagnostics.js';
import { linkScript } from '../../../../engine/script/index.js';
import { loaded } from '../compile/helpers.js';
import { testModule } from '../compile/test-module.js';

function codes(body: string, extra = ''): string[] {
  const load = loadScriptText(`route {\n${body}\n}\n${extra}`, 'main.cfg', '/tmp');
  expect(load.diagnostics.filter((d) => d.severity === 'error'), body).toEqual([]);
  const out = new Diagnostics();
  const linked = linkScript(load.script, [loaded(testModule)], out);
  expect(linked === undefined).toBe(out.errorCount > 0);
  return out.list.map((d) => d.code);
}

const valid: [string, string?][] = [
  ['$var(x) = 1; $avp(y) = "a"; $(avp(y)[append]) = "b"; $(avp(y)[0]) = NULL; $avp(y) := NULL;'],
  ['$du = NULL; $ru = "sip:a@b"; $rU = NULL; $rd = "h"; $rp = 5060; $xlog_level = 3; $log_level = 2;'],
  ['for ($var(v) in $(avp(l)[*])) xlog("$var(v)");'],
  ['xlog("L_INFO", "$(ru{uri.user}{s.len}) $(hdr(Via)[-1]) $$ $(avp(a)[$var(i)]) $hdr($var(h))");'],
  ['$var(l) = 3; xlog("$var(l)", "dynamic level");'],
  ['route(r1); route("r1"); route($var(dyn)); route("r_$var(n)");', 'route[r1] { exit; }'],
  ['if (ret(1) && !rec("x") || $test_counter > 2) { put($var(out), "v"); }'],
  ['ret(42); ret($var(n)); rec("a",); rec("a", $var(n));'],
  ['setflag("NAT"); setbflag("B", 1); is_myself("$rd", 5060); append_branch(); forward("udp:1.2.3.4:5060");'],
  ['xlog("$socket_in $socket_in(ip) $time(%H:%M) $param(1) $return(0) $(ct[*]) $hdrcnt(Via)");'],
  ['switch ($rc) { case 1: break; case "x": xlog("x"); default: exit; }'],
  ['exit;', 'failure_route[f] { route(shared); } branch_route[b] { route(shared); } route[shared] { rec("ok"); }'],
];

const invalid: [string, string[], string?][] = [
  ['nope();', ['TSIPS_LINK_UNKNOWN_FUNCTION']],
  ['ret();', ['TSIPS_LINK_ARG_COUNT']],
  ['ret(1, 2);', ['TSIPS_LINK_ARG_COUNT']],
  ['ret("x");', ['TSIPS_LINK_ARG_KIND']],
  ['ret("7");', ['TSIPS_LINK_ARG_CONVERTED']],
  ['rec(5);', ['TSIPS_LINK_ARG_KIND']],
  ['put("x", "y");', ['TSIPS_LINK_ARG_KIND']],
  ['put($ci, "y");', ['TSIPS_LINK_PVAR_READONLY']],
  ['xlog("L_BOGUS", "x");', ['TSIPS_LINK_FIXUP']],
  ['forward("sctp:host:5060");', ['TSIPS_LINK_FIXUP']],
  ['$ci = 1;', ['TSIPS_LINK_PVAR_READONLY']],
  ['$rs = 1;', ['TSIPS_LINK_PVAR_READONLY']],
  ['xlog("$nothere");', ['TSIPS_LINK_UNKNOWN_PVAR']],
  ['xlog("$(ru{nope.x})");', ['TSIPS_LINK_UNKNOWN_TRANSFORM']],
  ['xlog("$(ru{s.len,1})");', ['TSIPS_LINK_TRANSFORM_ARGS']],
  ['xlog("$(ru");', ['TSIPS_LINK_BAD_TEMPLATE']],
  ['$var(a) = $Ri;', ['TSIPS_LINK_REMOVED_PVAR']],
  ['$var(a) = $var;', ['TSIPS_LINK_PVAR_INNER']],
  ['route(missing);', ['TSIPS_LINK_UNDEFINED_ROUTE']],
  ['exit;', ['TSIPS_LINK_ROUTE_TYPE'], 'onreply_route { route(r); } route[r] { reply(200, "OK"); }'],
  ['exit;', ['TSIPS_LINK_DUPLICATE_ROUTE'], 'route[a] { exit; } route[a] { exit; }'],
  ['exit;', ['TSIPS_LINK_REPLY_ROUTE_ALIAS'], 'reply_route[x] { exit; }'],
  ['exit;', ['TSIPS_LINK_ROUTE_TYPE'], 'onreply_route[a] { route(r); } onreply_route[b] { route(r); } route[r] { reply(200, "OK"); }'],
];

describe('link rules', () => {
  for (const [body, extra] of valid) it(`valid: ${body}`, () => expect(codes(body, extra)).toEqual([]));
  for (const [body, want, extra] of invalid) it(`invalid: ${body} ${extra ?? ''}`, () => expect(codes(body, extra)).toEqual(want));
});
