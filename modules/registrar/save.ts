// save() (reference 7.1, RFC 3261 10.3): the REGISTER's bindings applied to the AOR's
// record. Every contact is checked before anything changes (all or nothing; OpenSIPS
// applies as it goes, 8 #2), the answer waits for the database in write-through modes, and
// the 200 lists every valid binding.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { NameAddr } from '../../engine/sip/index.js';
import { LogLevel } from '../../engine/core/log.js';
import type { UContact, UContactInfo, UDomain, URecord } from '../usrloc/api.js';
import { extractAor } from '../../engine/core/aor-key.js';
import { ALL_METHODS, methodMask } from './methods.js';
import { errorReply, okReply, sendRegReply, type RegReply } from './reply.js';
import type { SaveFlags } from './save-flags.js';
import type { RegState } from './state.js';

const FL_MEM = 1;

interface Planned { uri: string; ci: UContactInfo; existing?: UContact; remove: boolean }

export function save(st: RegState, ctx: MessageContext, d: UDomain, flags: SaveFlags, aorUri: string | undefined): number | Promise<number> {
  const noReply = flags.noReply || ctx.routeType === 'onreply' || !ctx.msg.isRequest;
  const finish = (rep: RegReply, rc: number): number => {
    (rep.code < 300 ? st.stats.accepted_regs : st.stats.rejected_regs).inc();
    if (noReply) return rc;
    return sendRegReply(st, ctx, rep) === 1 ? rc : -1;
  };
  const fail = (code: number, reason: string, why: string, extra?: [string, string][]) => finish(errorReply(st, code, reason, why, extra), -2);

  const msg = ctx.msg;
  let contacts: NameAddr[];
  let star: boolean;
  let hdrExpires: number | undefined;
  let callId: string;
  let cseq: number;
  let toUri: string;
  try {
    callId = msg.callId;
    cseq = msg.cseq.seq;
    toUri = msg.to!.uri;
    star = msg.contactStar;
    contacts = star ? [] : msg.contacts;
  } catch (e) {
    return fail(400, 'Bad Request', `Bad header: ${(e as Error).message}`);
  }
  try {
    hdrExpires = msg.expires;
  } catch {
    return fail(400, 'Bad Request', 'Expires parse error');
  }
  if (callId.length > 255) return fail(400, 'Bad Request', 'Call-ID too long');
  if (star && (hdrExpires !== 0 || msg.headerValues('contact').length > 1)) return fail(400, 'Bad Request', '* used in contact and expires is not zero');

  const a = extractAor(aorUri ?? toUri, st.cfg);
  if ('error' in a) return fail(a.code, a.code === 400 ? 'Bad Request' : 'Server Internal Error', a.error);
  const aor = a.aor;
  const ul = st.ul;
  const now = ul.nowSec();
  const r = ul.getUrecord(d, aor);

  if (star) {
    // RFC 3261 10.3 step 6: a binding of the same Call-ID with a CSeq not lower refuses it
    // (OpenSIPS removes without the check, 8 #9).
    if (r && r.contacts.some((c) => c.callid === callId && c.cseq >= cseq + (st.cfg.allowDupCseq ? 1 : 0))) {
      return fail(400, 'Bad Request', 'Invalid CSeq number');
    }
    if (r) ul.deleteUrecord(d, aor);
    return afterWrite(st, r, () => finish(okReply(st, undefined), 1), fail);
  }
  if (contacts.length === 0) return finish(okReply(st, r), 1); // a query

  const minE = flags.minExpires ?? st.cfg.minExpires;
  const maxE = flags.maxExpires ?? st.cfg.maxExpires;
  const plan: Planned[] = [];
  const info = baseInfo(st, ctx, flags);
  for (const c of contacts) {
    if (c.uri.length > st.cfg.maxContactLen) return fail(400, 'Bad Request', 'Contact/received too long');
    let exp: number;
    const pe = c.params.expires;
    if (pe !== undefined) exp = pe !== null && /^\d+$/.test(pe) ? Number(pe) : st.cfg.defaultExpires;
    else exp = hdrExpires ?? st.cfg.defaultExpires;
    if (exp > 0 && minE > 0 && exp < minE) {
      if (st.cfg.rejectShortExpires) return fail(423, 'Interval Too Brief', 'Expires too short', [['Min-Expires', String(minE)]]);
      exp = minE;
    }
    if (maxE > 0 && exp > maxE) exp = maxE;
    let q = st.cfg.defaultQ;
    const pq = c.params.q;
    if (pq !== undefined) {
      const n = pq === null ? NaN : Number(pq);
      if (!(n >= 0 && n <= 1) || !/^[01](\.\d{0,3})?$/.test(pq ?? '')) return fail(400, 'Bad Request', 'Invalid q parameter');
      q = Math.round(n * 1000);
    }
    const m = c.params.methods;
    const ci: UContactInfo = {
      ...info, expires: exp === 0 ? 0 : now + exp, q, callid: callId, cseq,
      methods: m ? methodMask(m.replace(/^"|"$/g, '').split(',')) : info.methods,
      instance: c.params['+sip.instance'] ?? undefined,
      regId: c.params['reg-id'] ? Number(c.params['reg-id']) : undefined,
    };
    let existing: UContact | undefined;
    if (r) {
      const got = ul.getUcontact(r, c.uri, callId, cseq, flags.matching);
      // allow_dup_cseq (OpenSIPS default): the same CSeq again is an update, not an error.
      const dup = got.rc < 0 && got.rc !== 1 && st.cfg.allowDupCseq && got.c.cseq === cseq;
      if (got.rc === -1 && !dup) return fail(400, 'Bad Request', 'Invalid CSeq number');
      if (got.rc === -2 && !dup) continue; // a retransmission of what is stored already
      if (got.rc !== 1) existing = got.c;
    }
    if (exp === 0 && !existing) continue;
    plan.push({ uri: c.uri, ci, existing, remove: exp === 0 });
  }

  // The contact limit counts valid bindings once this REGISTER is applied.
  const maxC = flags.maxContacts ?? st.cfg.maxContacts;
  let evict: UContact[] = [];
  if (maxC > 0) {
    const kept = new Set(r ? r.contacts.filter((c) => ul.isValid(c)) : []);
    for (const p of plan) if (p.remove && p.existing) kept.delete(p.existing);
    const adds = plan.filter((p) => !p.remove && !p.existing).length;
    const over = kept.size + adds - maxC;
    if (over > 0) {
      if (!flags.forceRegistration) return fail(503, 'Service Unavailable', 'Too many registered contacts');
      // Evict the oldest bindings (OpenSIPS evicts by list position, 8 #4).
      const untouched = [...kept].filter((c) => !plan.some((p) => p.existing === c)).sort((x, y) => x.lastModified - y.lastModified);
      if (untouched.length < over) return fail(503, 'Service Unavailable', 'Too many registered contacts');
      evict = untouched.slice(0, over);
    }
  }

  const rec: URecord = r ?? ul.insertUrecord(d, aor);
  const touched = new Set<UContact>();
  for (const c of evict) ul.deleteUcontact(rec, c);
  for (const p of plan) {
    if (p.existing && p.remove) ul.deleteUcontact(rec, p.existing);
    else if (p.existing) { ul.updateUcontact(rec, p.existing, p.ci); touched.add(p.existing); }
    else touched.add(ul.insertUcontact(rec, p.uri, p.ci));
  }
  if (rec.contacts.length === 0) ul.releaseUrecord(rec);
  const extra: [string, string][] = [];
  const paths = pathValue(ctx);
  // path-strict always echoes Path; path-lazy and no flag echo it to a UA that supports it.
  if (paths && flags.path !== 'off' && (flags.path === 'strict' || msg.supported.includes('path'))) extra.push(['Path', paths]);
  return afterWrite(st, rec, () => finish(okReply(st, rec.contacts.length ? rec : undefined, extra, flags.onlyRequestContacts ? touched : undefined), 1), fail);
}

/** The answer waits until the database has the change (write-through); a database that
 *  refused it gets the REGISTER a 500, so nothing unstored is acknowledged. */
function afterWrite(st: RegState, r: URecord | undefined, ok: () => number, fail: (c: number, r: string, w: string) => number): number | Promise<number> {
  const pending = r ? st.ul.persisted(r) : undefined;
  if (!pending) return ok();
  return pending.then(ok, (e: unknown) => {
    st.log(LogLevel.ERR, `REGISTER for ${r!.aor} not stored: ${(e as Error).message}`);
    return fail(500, 'Server Internal Error', 'usrloc_contact_insert failed');
  });
}

/** `proto:host:port` of a listening socket (its advertised address if any), one string per
 *  socket shared by every contact that registered through it. */
const socketNames = new WeakMap<object, string>();
function socketName(s: NonNullable<MessageContext['inbound']>['local']): string {
  let n = socketNames.get(s);
  if (n === undefined) socketNames.set(s, (n = `${s.proto}:${s.advertised?.host ?? s.address}:${s.advertised?.port ?? s.port}`));
  return n;
}

function pathValue(ctx: MessageContext): string | undefined {
  const p = ctx.msg.headerValues('path');
  return p.length ? p.join(', ') : undefined;
}

function baseInfo(st: RegState, ctx: MessageContext, flags: SaveFlags): Omit<UContactInfo, 'expires' | 'q' | 'callid' | 'cseq'> {
  const msg = ctx.msg;
  const inb = ctx.inbound;
  let ua = msg.userAgent ?? '';
  if (ua.length >= 255) ua = 'n/a';
  const allow = msg.allow;
  let received: string | undefined;
  if (st.cfg.receivedAvp) {
    const v = ctx.avps.get(st.cfg.receivedAvp)?.[0];
    if (v?.s) received = v.s;
  }
  return {
    received, path: pathValue(ctx), flags: flags.memoryOnly ? FL_MEM : 0, cflags: ctx.branchFlags, userAgent: ua,
    socket: inb ? socketName(inb.local) : undefined,
    methods: allow.length ? methodMask(allow) : ALL_METHODS,
  };
}
