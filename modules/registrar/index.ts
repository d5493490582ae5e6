// registrar: REGISTER handling and contact lookup (OpenSIPS modules/registrar,
// reference/modules/registrar.md) on top of usrloc; replies go through signaling.
import { defineModule, fn, arg, param, stat, type RouteType } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import type { UsrlocApi } from '../usrloc/api.js';
import { parseLookupFlags, parseSaveFlags } from './save-flags.js';
import { save } from './save.js';
import { lookup } from './lookup.js';
import { isContactRegistered, isRegistered, remove } from './checks.js';
import type { RegState } from './state.js';

const CHECK_ROUTES: RouteType[] = ['request', 'failure', 'onreply', 'branch', 'local'];

function domainOf(st: RegState, name: string) {
  return st.ul.getUdomain(name) ?? st.ul.registerUdomain(name);
}

/** The domains named in save()/lookup() calls, registered with usrloc at start-up. */
const wantedDomains = new Set<string>();
const domainArg = (what: string) => arg.str({ static: true, doc: `domain: the usrloc table ${what}, e.g. "location"` });
const remember = (d: string | undefined) => { if (d !== undefined) wantedDomains.add(d); return undefined; };

export default defineModule({
  name: 'registrar',
  doc: 'REGISTER processing (RFC 3261 section 10.3) and lookup of registered contacts, on usrloc. save() checks every contact before changing anything, refuses an older CSeq, applies the limits, waits until a write-through database has the change, and answers 200 with every current binding and a Date header (OpenSIPS sends none). A requested lifetime below min_expires is raised to it, as OpenSIPS does; with `reject_short_expires=1` it is answered 423 Interval Too Brief with Min-Expires instead.',
  deps: { usrloc: 'abort', signaling: 'abort', tm: 'optional' },
  params: {
    default_expires: param.int({ default: 3600, min: 0, doc: 'Lifetime of a contact without an expires parameter or Expires header.' }),
    min_expires: param.int({ default: 60, min: 0, doc: 'Shorter lifetimes are raised to this (or refused with 423, see reject_short_expires); 0 disables.' }),
    max_expires: param.int({ default: 0, min: 0, doc: 'Longer lifetimes are lowered to this; 0 disables.' }),
    default_q: param.int({ default: -1, min: -1, max: 1000, doc: 'q (x1000) of contacts without a q parameter; -1 unspecified.' }),
    case_sensitive: param.int({ default: 1, oneOf: [0, 1], doc: '0: the whole AOR is lower-cased, 1: only its host.' }),
    tcp_persistent_flag: param.str({ doc: 'Accepted; TCP connections are kept by the transport\'s own lifetime.' }),
    realm_prefix: param.str({ default: '', doc: 'Prefix removed from the AOR host (e.g. "sip.").' }),
    received_avp: param.str({ doc: 'AVP holding the NAT address stored as the contact\'s received (nathelper fix_nated_register).' }),
    received_param: param.str({ default: 'received', doc: 'Contact parameter carrying the received URI in the 200.' }),
    retry_after: param.int({ default: 0, min: 0, doc: 'Retry-After seconds on 5xx replies; 0 none.' }),
    max_contacts: param.int({ default: 0, min: 0, doc: 'Bindings per AOR; 0 unlimited.' }),
    max_username_len: param.int({ default: 64, doc: 'AOR user length limit.' }),
    max_domain_len: param.int({ default: 64, doc: 'AOR host length limit.' }),
    max_aor_len: param.int({ default: 256, doc: 'AOR length limit.' }),
    max_contact_len: param.int({ default: 255, doc: 'Contact URI length limit (checked for every contact; OpenSIPS skips the first header, 8 #3).' }),
    allow_dup_cseq: param.int({ default: 1, oneOf: [0, 1], doc: '1 (OpenSIPS default): a REGISTER with the stored Call-ID and an equal CSeq updates the binding; 0: RFC 3261 strict, it is refused.' }),
    expires_max_deviation: param.int({ default: 0, doc: 'Accepted; lifetimes are not randomised.' }),
    reject_short_expires: param.int({ default: 0, oneOf: [0, 1], doc: 'tsips only. 1: a lifetime below min_expires is answered 423 Interval Too Brief with Min-Expires (RFC 3261 10.3 step 7).' }),
    add_date_header: param.int({ default: 1, oneOf: [0, 1], doc: 'tsips only. 1: replies carry Date (RFC 3261 10.3 step 8); 0 for OpenSIPS\'s output.' }),
    attr_avp: param.str({ doc: 'Accepted; contact attributes are not stored yet.' }),
  },
  stats: {
    accepted_regs: stat.counter({ doc: 'REGISTERs saved.' }),
    rejected_regs: stat.counter({ doc: 'REGISTERs refused.' }),
    max_expires: stat.computed<RegState>({ doc: 'max_expires', read: (st) => st.cfg.maxExpires }),
    max_contacts: stat.computed<RegState>({ doc: 'max_contacts', read: (st) => st.cfg.maxContacts }),
    default_expire: stat.computed<RegState>({ doc: 'default_expires', read: (st) => st.cfg.defaultExpires }),
  },
  functions: {
    save: fn({
      args: [domainArg('to save into'), arg.str({ optional: true, doc: 'flags: comma-separated: memory-only, no-reply, max-contacts=N, force-registration, matching-mode=0|1|<param>, path-off|path-lazy|path-strict, path-received, only-request-contacts, min-expires=N, max-expires=N' }),
        arg.str({ optional: true, doc: 'aor: the AOR URI (default: the To URI)' }), arg.str({ optional: true, doc: 'ownership_tag: accepted, not used (clustering)' })],
      routes: ['request', 'onreply'],
      fixup: ([d, flags]) => {
        remember(d);
        const f = flags === undefined ? undefined : parseSaveFlags(flags);
        return typeof f === 'string' ? { arg: 1, message: f } : undefined;
      },
      run: (ctx, st: RegState, d, flags, aor) => {
        const f = parseSaveFlags(flags);
        if (typeof f === 'string') { st.log(LogLevel.ERR, f); return -2; }
        return save(st, ctx, domainOf(st, d), f, aor);
      },
      doc: 'Stores the REGISTER\'s contacts for its AOR and answers it. Returns 1 saved (and answered unless no-reply), -1 the reply could not be sent, -2 refused (an error reply was sent unless no-reply).',
    }),
    lookup: fn({
      args: [domainArg('to look in'), arg.str({ optional: true, doc: 'flags: method-filtering, no-branches, to-branches-only, branch' }), arg.str({ optional: true, doc: 'aor: the AOR URI (default: the Request-URI)' })],
      routes: ['request', 'onreply', 'failure'],
      fixup: ([d, flags]) => {
        remember(d);
        const f = flags === undefined ? undefined : parseLookupFlags(flags);
        return typeof f === 'string' ? { arg: 1, message: f } : undefined;
      },
      run: (ctx, st: RegState, d, flags, aor) => {
        const f = parseLookupFlags(flags);
        if (typeof f === 'string') { st.log(LogLevel.ERR, f); return -3; }
        return lookup(st, ctx, domainOf(st, d), f, aor);
      },
      doc: 'Rewrites the Request-URI to the AOR\'s first valid contact ($du to its Path or NAT address) and adds the others as branches. Returns 1 found, -1 no valid contact, -2 contacts exist but none allows the method (method-filtering), -3 error.',
    }),
    is_registered: fn({
      args: [domainArg('to look in'), arg.str({ optional: true, doc: 'aor (default: To for REGISTER, From otherwise)' })],
      routes: CHECK_ROUTES,
      fixup: ([d]) => remember(d),
      run: (ctx, st: RegState, d, aor) => isRegistered(st, ctx, domainOf(st, d), aor),
      doc: 'True when the AOR has a valid contact.',
    }),
    is_contact_registered: fn({
      args: [domainArg('to look in'), arg.str({ optional: true, doc: 'aor' }), arg.str({ optional: true, doc: 'contact (default: the message\'s Contact URIs)' }), arg.str({ optional: true, doc: 'callid' })],
      routes: CHECK_ROUTES,
      fixup: ([d]) => remember(d),
      run: (ctx, st: RegState, d, aor, contact, callid) => isContactRegistered(st, ctx, domainOf(st, d), aor, contact, callid),
      doc: 'True when the contact (and Call-ID, if given) is a valid binding of the AOR.',
    }),
    remove: fn({
      args: [domainArg('to delete from'), arg.str({ doc: 'aor' }), arg.str({ optional: true, doc: 'contact: only this binding' })],
      routes: ['request', 'onreply'],
      fixup: ([d]) => remember(d),
      run: (ctx, st: RegState, d, aor, contact) => remove(st, ctx, domainOf(st, d), aor, contact),
      doc: 'Deletes the AOR, or one of its contacts. 1 also when the AOR is not registered, -475 bad AOR.',
    }),
  },
  init: (ctx): RegState => {
    const p = ctx.params;
    const ul = ctx.api('usrloc') as UsrlocApi;
    // The tables save()/lookup() name exist before usrloc loads them (its childInit).
    for (const d of wantedDomains) ul.registerUdomain(d);
    let minE = p.min_expires;
    let maxE = p.max_expires;
    if (maxE > 0 && maxE < minE) { ctx.log(LogLevel.ERR, `max_expires (${maxE}) < min_expires (${minE}): using ${minE}`); maxE = minE; }
    let dflt = p.default_expires;
    if (minE > 0 && dflt < minE) dflt = minE;
    if (maxE > 0 && dflt > maxE) dflt = maxE;
    const avp = p.received_avp ? /^\$avp\(([^)]+)\)$/.exec(p.received_avp)?.[1] : undefined;
    if (p.received_avp && !avp) throw new Error(`received_avp '${p.received_avp}' must be an AVP, e.g. "$avp(rcv)"`);
    return {
      cfg: {
        defaultExpires: dflt, minExpires: minE, maxExpires: maxE, defaultQ: p.default_q, maxContacts: p.max_contacts,
        maxContactLen: p.max_contact_len, allowDupCseq: p.allow_dup_cseq === 1, retryAfter: p.retry_after,
        receivedAvp: avp, receivedParam: p.received_param, rejectShortExpires: p.reject_short_expires === 1, addDate: p.add_date_header === 1,
        useDomain: ul.useDomain, caseSensitive: p.case_sensitive === 1, realmPrefix: p.realm_prefix,
        maxUser: p.max_username_len, maxHost: p.max_domain_len, maxAor: p.max_aor_len,
      },
      ul, sig: ctx.api('signaling'), stats: ctx.stats as unknown as RegState['stats'],
      log: (level, message) => ctx.log(level, message),
    };
  },
});
