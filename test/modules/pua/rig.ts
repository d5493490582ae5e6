// A tsips script with tm, pua and pua_mi over the fake network of script-rig, with the
// presence server played by the test at 127.0.0.1:7000.
import { scriptHead, scriptRig, uasReply, type Rig, type Sent } from '../script-rig.js';

export const SERVER = 7000;
export const ALICE = 'sip:alice@127.0.0.1:7000';

export async function puaRig(extra: string[] = [], dbUrl = 'pglite://memory'): Promise<Rig> {
  return scriptRig([
    scriptHead(['tm', 'pua', 'pua_mi']),
    'modparam("tm", "fr_timeout", 2)',
    `modparam("pua", "db_url", "${dbUrl}")`,
    'modparam("pua", "update_period", 20)',
    'modparam("pua", "min_expires", 0)',
    ...extra,
    'route {',
    '  if ($rm == "NOTIFY") {',
    '    if (pua_update_contact()) sl_send_reply(200, "OK"); else sl_send_reply(481, "Call/Transaction Does Not Exist");',
    '    exit;',
    '  }',
    '}',
  ].join('\n'));
}

/** The server answers a request it received. */
export function answer(rig: Rig, req: Sent, status: number, reason: string, extra: string[] = [], toTag = 'srv1'): void {
  rig.receive(uasReply(req.msg, status, reason, { extra, toTag }), { port: SERVER });
}

/** Requests of a method, retransmissions left out. */
export function sentRequests(rig: Rig, method: string): Sent[] {
  const seen = new Set<string>();
  return rig.to(SERVER, new RegExp(`^${method} `)).filter((s) => {
    const b = s.msg.via?.branch ?? '';
    if (seen.has(b)) return false;
    seen.add(b);
    return true;
  });
}

export function last(rig: Rig, method: string): Sent {
  const all = sentRequests(rig, method);
  if (all.length === 0) throw new Error(`no ${method} sent`);
  return all[all.length - 1]!;
}

export function count(rig: Rig, method: string): number {
  return sentRequests(rig, method).length;
}
