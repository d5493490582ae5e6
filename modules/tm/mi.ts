// tm's MI commands (tm.md 5), under the 3.x names and the 4.x `tm:` names.
import { miCommand, type ModuleMiCommand } from '../../engine/modules/index.js';
import { miString, type MiParams } from '../../engine/mi/command.js';
import { MiError } from '../../engine/mi/mi-error.js';
import { sendLocalRequest } from './local-request.js';
import type { TmState } from './state.js';

/** `t_uac_dlg method ruri [next_hop] [socket] headers [body]`: sends a request, answers with
 *  the final status (and, for a 2xx, the reply's headers and body). */
async function uacDlg(p: MiParams, st: TmState): Promise<unknown> {
  const method = miString(p, 'method');
  const ruri = miString(p, 'ruri');
  const headersText = miString(p, 'headers');
  const nextHop = typeof p.next_hop === 'string' && p.next_hop !== '.' ? p.next_hop : undefined;
  const body = typeof p.body === 'string' ? p.body : undefined;
  const headers: [string, string][] = [];
  let from: string | undefined;
  let to: string | undefined;
  let contentType: string | undefined;
  for (const line of headersText.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const name = line.slice(0, c).trim();
    const value = line.slice(c + 1).trim();
    const lower = name.toLowerCase();
    if (lower === 'from' || lower === 'f') from = value;
    else if (lower === 'to' || lower === 't') to = value;
    else if (lower === 'content-type' || lower === 'c') contentType = value;
    else headers.push([name, value]);
  }
  if (!from || !to) throw new MiError(400, 'From and To headers are required');
  const r = await sendLocalRequest(st, { method, ruri, from: stripTag(from), to, headers, body, contentType, outboundProxy: nextHop });
  const out: Record<string, unknown> = { Status: `${r.code} ${r.reason}` };
  if (r.reply && r.code >= 200 && r.code < 300) {
    out.RURI = ruri;
    out['Next-hop'] = nextHop ?? ruri;
    out.Routes = r.reply.headerValues('record-route').reverse();
    out.Message = r.reply.buffer.toString('utf8', 0, r.reply.buffer.length).replace(/^[^\r\n]*\r\n/, '');
  }
  return out;
}

function stripTag(from: string): string {
  return from.replace(/;\s*tag=[^;]*/i, '');
}

function hashInfo(st: TmState): unknown {
  return [{ index: 0, Current: st.table.size, Total: st.stats.UAS_transactions.get() + st.stats.UAC_transactions.get() }];
}

function notSupported(name: string): ModuleMiCommand<TmState> {
  return miCommand<TmState>({
    doc: `Accepted for compatibility; tsips does not implement ${name} yet and answers an error.`,
    params: [],
    recipes: [[], ['callid', 'cseq'], ['code', 'reason', 'trans_id', 'to_tag'], ['code', 'reason', 'trans_id', 'to_tag', 'new_headers'], ['code', 'reason', 'trans_id', 'to_tag', 'new_headers', 'body']],
    handler: () => { throw new MiError(500, `${name} is not supported`); },
  });
}

const uac = miCommand<TmState>({
  doc: 'Sends a request from tsips (method, Request-URI, headers with at least From and To, optional next hop and body) and answers with its final status; for a 2xx also the Request-URI, next hop, route set and the reply.',
  recipes: [['method', 'ruri', 'headers'], ['method', 'ruri', 'headers', 'body'], ['method', 'ruri', 'next_hop', 'headers'],
    ['method', 'ruri', 'next_hop', 'headers', 'body'], ['method', 'ruri', 'next_hop', 'socket', 'headers'], ['method', 'ruri', 'next_hop', 'socket', 'headers', 'body']],
  handler: (p, st) => uacDlg(p, st),
});
const hash = miCommand<TmState>({ doc: 'Transactions in memory (one hash table: Current in use, Total created).', handler: (_p, st) => hashInfo(st) });

export const TM_MI: Record<string, ModuleMiCommand<TmState>> = {
  t_uac_dlg: uac, 'tm:uac_dlg': uac,
  t_hash: hash, 'tm:hash': hash,
  t_uac_cancel: notSupported('t_uac_cancel'), 'tm:uac_cancel': notSupported('tm:uac_cancel'),
  t_reply: notSupported('t_reply'), 'tm:reply': notSupported('tm:reply'),
};
