// Scripts with usrloc, registrar, pua and pua_reginfo over the fake network of script-rig;
// the test plays the remote registrar / presence server at 127.0.0.1:7000.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptHead, scriptRig, uasReply, type Rig, type Sent } from '../script-rig.js';
import { sharedDir, repoRoot } from '../../e2e/tsips-process.js';
import type { UsrlocApi } from '../../../modules/usrloc/api.js';

export const PEER = 7000;

export const corpus = (f: string) => readFileSync(join(sharedDir, 'corpus', 'reginfo', f), 'utf8');
export const hostile = (f: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'reginfo-hostile', f));

export async function reginfoRig(o: { useDomain?: 0 | 1; extra?: string[]; route?: string[]; modules?: string[] } = {}): Promise<Rig> {
  return scriptRig([
    scriptHead(['sipmsgops', 'tm', 'usrloc', 'registrar', 'pua', 'pua_reginfo', ...(o.modules ?? [])]),
    `modparam("usrloc", "use_domain", ${o.useDomain ?? 1})`,
    'modparam("pua", "db_url", "pglite://memory")',
    'modparam("pua_reginfo", "server_address", "sip:reginfo@127.0.0.1:5060")',
    'modparam("pua_reginfo", "ul_domain", "location")',
    ...(o.extra ?? []),
    'route {',
    ...(o.route ?? [
      '  if (is_method("NOTIFY")) {',
      '    $var(rc) = reginfo_handle_notify("location");',
      '    if ($var(rc) == 1) send_reply(200, "OK one"); else if ($var(rc) == 2) send_reply(200, "OK none"); else send_reply(400, "Refused");',
      '    exit;',
      '  }',
      '  if (is_method("OPTIONS")) { reginfo_subscribe("sip:registrar@127.0.0.1:7000"); send_reply(200, "OK"); exit; }',
      '  if (is_method("REGISTER")) { save("location"); exit; }',
    ]),
    '}',
  ].join('\n'));
}

export function usrloc(rig: Rig): UsrlocApi {
  const m = rig.modules.modules.find((x) => x.name === 'usrloc')!;
  return m.def.api!(m.state) as UsrlocApi;
}

/** Contact URIs of an AOR in the location table. */
export function contactsOf(rig: Rig, aor: string): string[] {
  const ul = usrloc(rig);
  const r = ul.getUrecord(ul.getUdomain('location')!, aor);
  return r ? r.contacts.map((c) => c.uri) : [];
}

/** Subscribes (an OPTIONS into the script) and answers the SUBSCRIBE; returns it. */
export async function subscribed(rig: Rig): Promise<Sent> {
  rig.receive(['OPTIONS sip:x@127.0.0.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-opt1', 'From: <sip:t@x>;tag=1', 'To: <sip:x@x>',
    'Call-ID: opt-1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'), { port: 5999 });
  await rig.settle();
  const sub = rig.to(PEER, /^SUBSCRIBE /).at(-1)!;
  rig.receive(uasReply(sub.msg, 200, 'OK', { extra: ['Expires: 3600', 'Contact: <sip:registrar@127.0.0.1:7000>'], toTag: 'reg1' }), { port: PEER });
  await rig.settle();
  return sub;
}

let branch = 0;
/** A reg-event NOTIFY in the subscription's dialog. */
export function notify(sub: Sent, cseq: number, body: string | Buffer, o: { state?: string; callId?: string } = {}): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return Buffer.concat([Buffer.from([
    `NOTIFY ${sub.msg.header('contact')!.replace(/^<|>$/g, '')} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${PEER};branch=z9hG4bK-rn${++branch}`,
    'Max-Forwards: 70',
    `From: <${sub.msg.ruri}>;tag=reg1`,
    `To: ${sub.msg.header('from')}`,
    `Call-ID: ${o.callId ?? sub.msg.callId}`,
    `CSeq: ${cseq} NOTIFY`,
    'Event: reg',
    `Subscription-State: ${o.state ?? 'active;expires=3600'}`,
    'Content-Type: application/reginfo+xml',
    `Content-Length: ${b.length}`,
    '', '',
  ].join('\r\n')), b]);
}

/** The reply tsips sent to the NOTIFY with this CSeq. */
export function replyTo(rig: Rig, cseq: number): string {
  const r = rig.to(PEER, /^SIP\/2.0 /).filter((s) => s.msg.cseq.seq === cseq && s.msg.cseq.method === 'NOTIFY').at(-1);
  return r ? r.text.slice(8, r.text.indexOf('\r\n')) : 'none';
}
