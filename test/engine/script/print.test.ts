// parse -> print -> parse gives the same tree (locations aside), over the whole corpus and a
// script that uses every construct the grammar knows.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printScript } from '../../../engine/script/print.js';
import { loadScriptText } from '../../../engine/config/index.js';
import { corpusDir, corpusFiles, parseScript, stripLocs } from '../../grammar/helpers.js';

function roundTrip(text: string): void {
  const first = parseScript(text);
  const printed = printScript(first);
  const second = parseScript(printed);
  expect(stripLocs(second)).toEqual(stripLocs(first));
  expect(printScript(second)).toBe(printed); // printing is stable
}

const EVERYTHING = `
log_level=-1
stderror_enabled=yes
syslog_facility=LOG_LOCAL0
udp_workers=4 use_auto_scaling_profile PROF
socket=udp:*:5060
socket=tcp:127.0.0.1:5060-5070,5080 use_workers 2 tag main reuse_port
listen=udp:[::1]:5099 as 203.0.113.7:5060
alias=udp:example.com:5060 accept_subdomain
advertised_address=203.0.113.7
mpath="/a/" : "/b/"
dst_blacklist = gw:{ ( tcp , 192.168.2.100 , 5060 , "" ) }
loadmodule "tm.so"
modparam("auth_db|usrloc", "use_domain", yes)
modparam("m", "p", "multi
line" "folded\\t\\"q\\"\\\\")
modparam("tm", "fifo_mode", 0666)
include_file "other.cfg"
route {
	if (!mf_process_maxfwd_header(10) || $var(a) == 1 && !($rU =~ '^[0-9]+$' || $si == 10.0.0.0/8)) {
		send_reply(483, "Too Many Hops");
		exit;
	} else if ([$var(a) + 1 | 2] and not route(check)) drop();
	else return;
	$var(x) = ~(1 + 2) * 3 - $(avp(c)[0]{s.int}) | 0x10 & 7 << 1 ^ (4 | 5);
	$var(y) = 1 + (2 + 3);
	$var(c) = $var(a) == 1;
	$avp(list) := $(hdr(Contact)[*]{param.value,expires}{s.substr,0,5}{s.select,1,\\,}{s.tolower});
	$(avp(x)[append]) = $(<request>ru{uri.user});
	$du = NULL;
	$var(s) = "<" + $hdr(X) + ">";
	switch ($var(x)) {
	case 1:
		$du = "sip:127.0.0.2:5060";
		break;
	case "a":
	case -2:
	default:
		$var(i) = 0;
	}
	while ($var(i) < $(hdrcnt(Diversion))) $var(i) += 1;
	for ($var(v) in $(avp(list)[*])) {
		xlog("L_INFO", "value $var(v)\\n" "folded");
	}
	f(, "x", , $avp($var(n)));
	route(x, "a", -1, NULL, $var(z));
	route("my route");
	route($var(r));
	async(sleep(2), resume, 5);
	launch(sleep(2), watchdog, "$DLG_did");
	assert($var(x) != NULL, "set");
	return(1, $var(x), "s");
	return(, 5);
	;
	{
	}
	include_file "inner.cfg"
}
route["my route"] {
}
branch_route[b] { exit(); }
failure_route[f] { return -1; }
onreply_route { }
onreply_route[r] { }
reply_route[1] { }
local_route { }
startup_route { }
timer_route[t, 60] { }
event_route[E_UL, async] { }
error_route { }
`;

describe('printer round trip', () => {
  it('a script with every construct', () => roundTrip(EVERYTHING));
  for (const file of corpusFiles()) {
    it(file, () => roundTrip(readFileSync(join(corpusDir, file), 'utf8')));
  }
  it('prints a loaded script as its main file (spliced include content skipped)', () => {
    const load = loadScriptText('include_file "x.cfg"\nroute { exit; }\n', 'main.cfg', '/nonexistent');
    expect(printScript(load.script)).toBe('include_file "x.cfg"\n\nroute {\n\texit;\n}\n');
  });
});
