// is_registered(), is_contact_registered() and remove() (reference 4.3).
import type { MessageContext } from '../../engine/core/message-context.js';
import type { UDomain } from '../usrloc/api.js';
import { uriEquals } from '../../engine/sip/index.js';
import { extractAor } from '../../engine/core/aor-key.js';
import type { RegState } from './state.js';

/** The default AOR: To for REGISTER, From otherwise (the caller, for a call). */
function defaultAor(ctx: MessageContext): string | undefined {
  try {
    return ctx.msg.method === 'REGISTER' ? ctx.msg.to?.uri : ctx.msg.from?.uri;
  } catch {
    return undefined;
  }
}

function recordOf(st: RegState, ctx: MessageContext, d: UDomain, aorUri: string | undefined) {
  const uri = aorUri ?? (ctx.msg.isRequest ? defaultAor(ctx) : undefined);
  if (uri === undefined) return undefined;
  const a = extractAor(uri, st.cfg);
  return 'error' in a ? undefined : st.ul.getUrecord(d, a.aor);
}

export function isRegistered(st: RegState, ctx: MessageContext, d: UDomain, aorUri: string | undefined): number {
  const r = recordOf(st, ctx, d, aorUri);
  return r && r.contacts.some((c) => st.ul.isValid(c)) ? 1 : -1;
}

export function isContactRegistered(st: RegState, ctx: MessageContext, d: UDomain, aorUri: string | undefined, contact: string | undefined, callid: string | undefined): number {
  const r = recordOf(st, ctx, d, aorUri);
  if (!r) return -1;
  let uris: string[] = [];
  if (contact !== undefined) uris = [contact];
  else try { uris = ctx.msg.contacts.map((c) => c.uri); } catch { return -1; }
  // One binding must have both: one of the URIs (RFC 3261 comparison) and the Call-ID.
  return r.contacts.some((c) => st.ul.isValid(c) && (callid === undefined || c.callid === callid)
    && uris.some((u) => sameUri(c.uri, u))) ? 1 : -1;
}

function sameUri(a: string, b: string): boolean {
  try {
    return uriEquals(a, b);
  } catch {
    return a === b;
  }
}

export function remove(st: RegState, ctx: MessageContext, d: UDomain, aorUri: string, contact: string | undefined): number | Promise<number> {
  const a = extractAor(aorUri, st.cfg);
  if ('error' in a) return -475;
  const r = st.ul.getUrecord(d, a.aor);
  if (!r) return 1;
  if (contact === undefined) st.ul.deleteUrecord(d, a.aor);
  else {
    for (const c of [...r.contacts]) if (c.uri === contact) st.ul.deleteUcontact(r, c);
    if (r.contacts.length === 0) st.ul.releaseUrecord(r);
  }
  const p = st.ul.persisted(r);
  return p ? p.then(() => 1, () => -1) : 1;
}
