// The registrar's replies (reference 7.2): 200 with every valid binding and its remaining
// time, the error codes with P-Registrar-Error, Date on every reply (RFC 3261 10.3 step 8;
// OpenSIPS leaves it out, 8 #8), Retry-After on 5xx when configured.
import { formatHttpDate } from './http-date.js';
import type { MessageContext } from '../../engine/core/message-context.js';
import type { UContact, URecord } from '../usrloc/api.js';
import type { RegState } from './state.js';

export interface RegReply { code: number; reason: string; headers: [string, string][] }

export function bindingsHeader(st: RegState, r: URecord | undefined, only?: ReadonlySet<UContact>): string | undefined {
  if (!r) return undefined;
  const now = st.ul.nowSec();
  const parts: string[] = [];
  for (const c of r.contacts) {
    if (!st.ul.isValid(c) || (only && !only.has(c))) continue;
    let s = `<${c.uri}>`;
    if (c.q >= 0) s += `;q=${c.q / 1000}`;
    // A permanent binding (ul_add with expires 0) is reported with the largest value the
    // header allows instead of OpenSIPS's wrapped negative number (8 #6).
    s += `;expires=${c.expires === 0 ? 4294967295 : c.expires - now}`;
    if (c.received) s += `;${st.cfg.receivedParam}="${c.received}"`;
    parts.push(s);
  }
  return parts.length ? parts.join(', ') : undefined;
}

export function okReply(st: RegState, r: URecord | undefined, extra: [string, string][] = [], only?: ReadonlySet<UContact>): RegReply {
  const headers: [string, string][] = [];
  const contacts = bindingsHeader(st, r, only);
  if (contacts) headers.push(['Contact', contacts]);
  headers.push(...extra);
  return { code: 200, reason: 'OK', headers };
}

export function errorReply(st: RegState, code: number, reason: string, why: string, extra: [string, string][] = []): RegReply {
  const headers: [string, string][] = [['P-Registrar-Error', why], ...extra];
  if (code >= 500 && code < 600 && st.cfg.retryAfter > 0) headers.push(['Retry-After', String(st.cfg.retryAfter)]);
  return { code, reason, headers };
}

export function sendRegReply(st: RegState, ctx: MessageContext, rep: RegReply): 1 | -1 {
  const headers = st.cfg.addDate ? [...rep.headers, ['Date', formatHttpDate(st.ul.nowSec())] as [string, string]] : rep.headers;
  return st.sig.sendReply(ctx, rep.code, rep.reason, { headers }).rc;
}
