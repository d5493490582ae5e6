// reginfo_handle_notify (reference 7.3, with 8 #1-#12 fixed): a reg-event NOTIFY of one of
// our subscriptions, applied to usrloc per RFC 3680. The AOR key is the registrar's
// (use_domain honoured); every contact event has its meaning (registered, created,
// refreshed, shortened: the contact is held with the new expiry; expired, deactivated,
// probation, unregistered, rejected: it is removed); a terminated registration removes the
// record; full state replaces what the subscription told us before, partial changes what it
// names; stale, repeated and replayed documents are ignored, a gap in a numbered sequence
// asks for full state again. Changes carry origin 'reginfo', so they are not published back.
import { LogLevel } from '../../engine/core/log.js';
import { extractAor } from '../../engine/core/aor-key.js';
import { uriEquals, type SipMessage } from '../../engine/sip/index.js';
import { REGINFO_EVENT, REGINFO_SUBSCRIBE, UPDATE_TYPE, type Subscription } from '../pua/api.js';
import type { MessageContext } from '../../engine/core/message-context.js';
import type { UDomain, URecord, UContact, UContactInfo } from '../usrloc/api.js';
import { readReginfo, ReginfoError, type ReginfoContact, type ReginfoDocument, type ReginfoRegistration } from './reginfo-read.js';
import { fieldsOf } from './contact-params.js';
import { REGINFO_ORIGIN } from './publisher.js';
import type { ReginfoState } from './state.js';

/** Expiry for a contact whose document gives none (RFC 3680 makes `expires` optional). */
const DEFAULT_EXPIRES = 3600;
const ALL_METHODS = 0xffffffff;

export function handleNotify(st: ReginfoState, ctx: MessageContext, domain: UDomain): number {
  const msg = ctx.msg;
  if (msg.method !== 'NOTIFY') return -1;
  let event: string | undefined;
  let cseq: number;
  try {
    event = msg.event?.package;
    cseq = msg.cseq.seq;
  } catch {
    return -1;
  }
  if (event !== 'reg') {
    st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId}: Event '${event ?? ''}' is not reg`);
    return -1;
  }
  const outcome = st.pua.handleNotify(ctx);
  const sub = outcome.subscription;
  if (outcome.code !== 200 || !sub) {
    st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId} belongs to no reg subscription of ours (${outcome.code})`);
    return -1;
  }
  if (outcome.state === 'terminated') st.notifies.forget(msg.callId);
  const body = msg.body;
  if (body.length === 0) return 1;
  const type = msg.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== 'application/reginfo+xml') {
    st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId}: Content-Type ${type} is not application/reginfo+xml`);
    return -1;
  }
  let doc: ReginfoDocument;
  try {
    doc = readReginfo(body, st.cfg.xmlLimits);
  } catch (e) {
    if (!(e instanceof ReginfoError)) throw e;
    st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId} from ${sourceOf(ctx)} refused: ${e.message}`);
    return -1;
  }
  if (doc.skipped.length > 0) st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId}: ignored ${doc.skipped.join('; ')}`);
  const verdict = st.notifies.judge(msg.callId, cseq, doc.version, doc.state === 'full');
  if (verdict === 'stale') return held(st, domain, doc) ? 1 : 2;
  st.notifies.seen(msg.callId, cseq, doc.version);
  const rc = apply(st, domain, doc, subKey(sub)) ? 1 : 2;
  if (verdict === 'gap') askFullState(st, sub, msg);
  return rc;
}

function subKey(s: Subscription): string {
  return `${s.presUri}\n${s.watcherUri}`;
}

function sourceOf(ctx: MessageContext): string {
  const s = ctx.inbound?.source;
  return s ? `${s.address}:${s.port}` : 'a local route';
}

/** RFC 3680 5.2: versions were skipped; refreshing the subscription brings full state. */
function askFullState(st: ReginfoState, sub: Subscription, msg: SipMessage): void {
  st.log(LogLevel.NOTICE, `NOTIFY ${msg.callId}: reg-event versions were skipped; asking ${sub.presUri} for full state`);
  void st.pua.sendSubscribe({
    presUri: sub.presUri, watcherUri: sub.watcherUri, contact: sub.contact, event: REGINFO_EVENT, sourceFlag: REGINFO_SUBSCRIBE, flag: UPDATE_TYPE,
    expires: Math.max(sub.expires - st.ul.nowSec(), 60), outboundProxy: sub.outboundProxy,
  });
}

/** The usrloc key of a registration's AOR, or undefined (logged) when it has none. */
function keyOf(st: ReginfoState, aor: string): string | undefined {
  let uri = aor;
  const tel = /^tel:([^;]+)/i.exec(aor);
  if (tel) {
    if (!st.cfg.defaultDomain && st.ul.useDomain) return undefined;
    uri = `sip:${tel[1]}@${st.cfg.defaultDomain ?? 'localhost'}`;
  }
  const r = extractAor(uri, { useDomain: st.ul.useDomain, caseSensitive: false, realmPrefix: '', maxUser: 64, maxHost: 128, maxAor: 255 });
  return 'aor' in r ? r.aor : undefined;
}

/** Whether any AOR of the document still has a valid contact here. */
function held(st: ReginfoState, domain: UDomain, doc: ReginfoDocument): boolean {
  return doc.registrations.some((reg) => {
    const key = keyOf(st, reg.aor);
    const r = key ? st.ul.getUrecord(domain, key) : undefined;
    return r ? r.contacts.some((c) => st.ul.isValid(c)) : false;
  });
}

function apply(st: ReginfoState, domain: UDomain, doc: ReginfoDocument, sub: string): boolean {
  const learned = st.notifies.learnedOf(sub);
  const named = new Set<string>();
  let any = false;
  for (const reg of doc.registrations) {
    const key = keyOf(st, reg.aor);
    if (!key) {
      st.log(LogLevel.NOTICE, `reg-event registration ${reg.aor}: no usrloc key`);
      continue;
    }
    named.add(key);
    if (applyRegistration(st, domain, reg, key, doc.state === 'full', learned)) any = true;
  }
  if (doc.state === 'full') {
    // Full state: AORs the subscription told us about before and does not name now are gone.
    for (const [key, uris] of learned) {
      if (named.has(key)) continue;
      const r = st.ul.getUrecord(domain, key);
      if (r) removeUris(st, r, uris);
      learned.delete(key);
    }
  }
  return any;
}

function applyRegistration(st: ReginfoState, domain: UDomain, reg: ReginfoRegistration, key: string, full: boolean,
  learned: Map<string, Set<string>>): boolean {
  const now = st.ul.nowSec();
  let mine = learned.get(key);
  if (reg.state === 'terminated') {
    if (st.ul.getUrecord(domain, key)) st.ul.deleteUrecord(domain, key, REGINFO_ORIGIN);
    learned.delete(key);
    return false;
  }
  let r = st.ul.getUrecord(domain, key);
  const active = reg.contacts.filter((c) => c.state === 'active');
  if (full && r && mine) {
    // Full state: what this subscription gave us and no longer lists as active goes.
    const keep = new Set(active.map((c) => c.uri));
    removeUris(st, r, [...mine].filter((u) => !keep.has(u) && ![...keep].some((k) => sameUri(k, u))));
  }
  for (const c of reg.contacts) {
    if (c.state === 'terminated') {
      if (r) {
        const found = find(r, c.uri);
        if (found) st.ul.deleteUcontact(r, found, REGINFO_ORIGIN);
      }
      mine?.delete(c.uri);
      continue;
    }
    r ??= st.ul.insertUrecord(domain, key, REGINFO_ORIGIN);
    const ci = infoOf(c, now);
    const found = find(r, c.uri);
    if (found) {
      if (c.cseq !== undefined && c.callid === found.callid && c.cseq < found.cseq) continue; // older than what we hold
      st.ul.updateUcontact(r, found, ci, REGINFO_ORIGIN);
      st.learned.add(found);
    } else {
      st.learned.add(st.ul.insertUcontact(r, c.uri, ci, REGINFO_ORIGIN));
    }
    if (!mine) learned.set(key, (mine = new Set()));
    mine.add(c.uri);
  }
  if (r && r.contacts.length === 0) {
    st.ul.deleteUrecord(domain, key, REGINFO_ORIGIN);
    return false;
  }
  return r ? r.contacts.some((c) => st.ul.isValid(c)) : false;
}

function infoOf(c: ReginfoContact, now: number): UContactInfo {
  const p = fieldsOf(c.params);
  return {
    expires: now + (c.expires ?? DEFAULT_EXPIRES), q: c.q ?? -1, callid: c.callid ?? c.id, cseq: c.cseq ?? 0, flags: 0, cflags: 0,
    userAgent: c.userAgent ?? '', methods: ALL_METHODS, received: c.received, path: c.path,
    instance: p.instance, regId: p.regId, attr: p.attr,
  };
}

function removeUris(st: ReginfoState, r: URecord, uris: Iterable<string>): void {
  for (const u of [...uris]) {
    const c = find(r, u);
    if (c) st.ul.deleteUcontact(r, c, REGINFO_ORIGIN);
  }
  if (r.contacts.length === 0) st.ul.deleteUrecord(r.domain, r.aor, REGINFO_ORIGIN);
}

/** The contact with this URI: the same text first (the usual case, no parsing), else by
 *  RFC 3261 comparison. */
function find(r: URecord, uri: string): UContact | undefined {
  return r.contacts.find((c) => c.uri === uri) ?? r.contacts.find((c) => sameUri(c.uri, uri));
}

function sameUri(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return uriEquals(a, b);
  } catch {
    return false;
  }
}
