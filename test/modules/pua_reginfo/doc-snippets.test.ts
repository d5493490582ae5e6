// The script snippets of the OpenSIPS pua_reginfo documentation
// (../shared/reference/opensips-docs/pua_reginfo.txt), verbatim, loaded and run: identities
// from P-Associated-URI published with reginfo_update(); reginfo_subscribe("$ru") in
// reply_route[1] after a 200; reginfo_handle_notify() answered 202 (DECISIONS.md: the quoted
// reply code is accepted).
import { afterEach, describe, expect, it } from 'vitest';
import { scriptHead, scriptRig, uasReply, type Rig } from '../script-rig.js';
import { PEER, notify, contactsOf, corpus, replyTo } from './rig.js';
import { readReginfo } from '../../../modules/pua_reginfo/reginfo-read.js';

let rig: Rig;
afterEach(async () => { await rig?.stop(); });

const SNIPPET_PARAMS = `modparam("pua_reginfo", "ul_domain", "location")
modparam("pua_reginfo", "ul_identities_key", "identities")`;

const SNIPPET_REGISTER_REPLY = `onreply_route[register_reply] {
        if (t_check_status("200") && $hdr(P-Associated-URI)) {
        ul_add_key("location", "$tU@$td", "identities", "$hdr(P-Associated-URI)");
        reginfo_update("$tU@$td");
        }
}`;

const SNIPPET_NOTIFY = `if(is_method("NOTIFY"))
        if (reginfo_handle_notify("location"))
                send_reply("202", "Accepted");`;

const SNIPPET_SUBSCRIBE_ROUTE = `        t_on_reply("1");
        t_relay();`;

const SNIPPET_SUBSCRIBE_REPLY = `reply_route[1] {
        if (t_check_status("200"))
                reginfo_subscribe("$ru");
}`;

let n = 0;
function request(method: string, ruri: string, extra: string[] = []): string {
  n++;
  return [`${method} ${ruri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:5997;branch=z9hG4bK-doc${n}`, 'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=d1', 'To: <sip:alice@example.com>', `Call-ID: doc-${n}`, `CSeq: ${n} ${method}`,
    'Contact: <sip:alice@192.0.2.20:5060>', ...extra, 'Content-Length: 0', '', ''].join('\r\n');
}

describe('the pua_reginfo documentation snippets, verbatim', () => {
  it('load, publish the P-Associated-URI identities, subscribe after a 200 and apply a NOTIFY answered 202', async () => {
    rig = await scriptRig([
      scriptHead(['sipmsgops', 'tm', 'usrloc', 'registrar', 'pua', 'pua_reginfo']),
      'modparam("usrloc", "use_domain", 1)',
      'modparam("pua", "db_url", "pglite://memory")',
      'modparam("pua_reginfo", "server_address", "sip:reginfo@127.0.0.1:5060")',
      'modparam("pua_reginfo", "publish_reginfo", 1)',
      'modparam("pua_reginfo", "outbound_proxy", "sip:127.0.0.1:7000")',
      SNIPPET_PARAMS,
      'route {',
      SNIPPET_NOTIFY,
      '    if (is_method("REGISTER")) {',
      '        t_on_reply("register_reply");',
      '        t_relay();',
      '        exit;',
      '    }',
      '    if (is_method("OPTIONS")) {',
      SNIPPET_SUBSCRIBE_ROUTE,
      '    }',
      '}',
      SNIPPET_REGISTER_REPLY,
      SNIPPET_SUBSCRIBE_REPLY,
    ].join('\n'));
    // The proxy's own binding of alice (ul_add_key needs the AOR registered here).
    await rig.mi('ul_add', { table_name: 'location', aor: 'alice@example.com', contact: 'sip:alice@192.0.2.20:5060', expires: 600, q: '1', flags: 0, cflags: 0, methods: 0 });

    // Snippet 1: the registrar's 200 carries P-Associated-URI.
    rig.receive(request('REGISTER', 'sip:registrar@127.0.0.1:7000'), { port: 5997 });
    await rig.settle();
    const relayed = rig.to(PEER, /^REGISTER /).at(-1)!;
    rig.receive(uasReply(relayed.msg, 200, 'OK', { extra: ['P-Associated-URI: <sip:alice@example.com>, <tel:+4930123456>'] }), { port: PEER });
    await rig.settle();
    // ul_add's own change was published first; the identities follow once it is answered.
    rig.receive(uasReply(rig.to(PEER, /^PUBLISH /)[0]!.msg, 200, 'OK', { extra: ['SIP-ETag: p1', 'Expires: 3600'] }), { port: PEER });
    await rig.settle();
    const publish = rig.to(PEER, /^PUBLISH /).at(-1)!;
    expect(publish.msg.header('sip-if-match')).toBe('p1');
    expect(publish.msg.header('event')).toBe('reg');
    expect(readReginfo(publish.msg.body).registrations.map((r) => r.aor)).toEqual(['sip:alice@example.com', 'tel:+4930123456']);

    // Snippet 3: a 200 in reply_route[1] subscribes to $ru.
    rig.receive(request('OPTIONS', 'sip:registrar@127.0.0.1:7000'), { port: 5997 });
    await rig.settle();
    rig.receive(uasReply(rig.to(PEER, /^OPTIONS /).at(-1)!.msg, 200, 'OK'), { port: PEER });
    await rig.settle();
    const sub = rig.to(PEER, /^SUBSCRIBE /).at(-1)!;
    expect(sub.msg.ruri).toBe('sip:registrar@127.0.0.1:7000');
    expect(sub.msg.header('event')).toBe('reg');
    expect(sub.msg.header('expires')).toBe('3600');
    expect(sub.msg.header('contact')).toBe('<sip:reginfo@127.0.0.1:5060>');
    rig.receive(uasReply(sub.msg, 200, 'OK', { extra: ['Expires: 3600', 'Contact: <sip:registrar@127.0.0.1:7000>'], toTag: 'reg1' }), { port: PEER });
    await rig.settle();

    // Snippet 2: the NOTIFY is applied and answered 202.
    rig.receiveRaw(notify(sub, 1, corpus('authored-seq-01-partial-registered.xml')), { port: PEER });
    await rig.settle();
    expect(replyTo(rig, 1)).toBe('202 Accepted');
    expect(contactsOf(rig, 'dave@example.com')).toEqual(['sip:dave@192.0.2.41:5060']);
  });
});
