// pua_reginfo: the reg event package (RFC 3680) between usrloc and pua (OpenSIPS
// modules/pua_reginfo, reference/modules/pua_reginfo.md): registration changes are published
// as application/reginfo+xml, reg-event subscriptions are made with reginfo_subscribe(), and
// their NOTIFYs are applied to usrloc with reginfo_handle_notify().
import { defineModule, fn, arg, param } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { DEFAULT_XML_LIMITS } from '../../engine/xml/untrusted.js';
import { UL_CONTACT_DELETE, UL_CONTACT_EXPIRE, UL_CONTACT_INSERT, UL_CONTACT_UPDATE, type UsrlocApi } from '../usrloc/api.js';
import { REGINFO_EVENT, REGINFO_SUBSCRIBE, UPDATE_TYPE, type PuaApi } from '../pua/api.js';
import { Publisher } from './publisher.js';
import { handleNotify } from './apply.js';
import { NotifyTracker } from './notify-state.js';
import { VERSION_PLACEHOLDER } from './reginfo-write.js';
import type { ReginfoState } from './state.js';

interface ModState extends ReginfoState {
  readonly publisher: Publisher;
}

/** usrloc domains named by reginfo_handle_notify() (registered before usrloc loads them). */
const notifyDomains = new Set<string>();

/** RFC 3680 section 6 recommends 3761 s; OpenSIPS's documentation promises 3600. */
const SUBSCRIBE_EXPIRES = 3600;

export default defineModule({
  name: 'pua_reginfo',
  doc: 'The reg event package (RFC 3680): every usrloc change of `ul_domain` becomes an application/reginfo+xml document, stored as the local presentity when `presence` is loaded and sent with PUBLISH through pua when `publish_reginfo` is 1; `reginfo_subscribe()` subscribes to a registrar\'s reg state and `reginfo_handle_notify()` applies its NOTIFYs to usrloc. Unlike OpenSIPS: the NOTIFY\'s AOR is keyed as the registrar keys it (use_domain honoured), all nine contact events and full/partial state have their RFC meaning, versions are tracked per subscription (stale and repeated documents ignored, a gap asks for full state; notifiers that always send version 0 are followed by the NOTIFY CSeq), received/path/q/user agent and unknown-params are kept, changes learned from a NOTIFY are never published back, the changes of one REGISTER are one PUBLISH, terminated contacts carry expires="0", and bodies are refused before parsing when they hold a DOCTYPE, entities, too much depth or size, or invalid UTF-8.',
  deps: { usrloc: 'abort', pua: 'abort', presence: 'optional' },
  params: {
    default_domain: param.str({ doc: 'Domain of the presentity URI (sip:user@default_domain) for AORs without one (usrloc use_domain=0); needed then with publish_reginfo=1.' }),
    publish_reginfo: param.int({ default: 0, oneOf: [0, 1], doc: 'Send PUBLISH for every registration change (OpenSIPS\'s code default is 0, its README says 1).' }),
    outbound_proxy: param.str({ doc: 'Next hop of the PUBLISH and SUBSCRIBE requests (SIP URI).' }),
    server_address: param.str({ doc: 'Our SIP URI: From and Contact of the SUBSCRIBEs reginfo_subscribe() sends. Required.' }),
    ul_domain: param.str({ doc: 'usrloc domain (table) whose changes are published and reginfo_update() reads, e.g. "location". Required.' }),
    ul_identities_key: param.str({ doc: 'kv-store key of the record holding a comma-separated list of identities (e.g. a P-Associated-URI); each becomes a registration element (at most 20). Without the key on a record, the AOR itself is published.' }),
    publish_expires: param.int({ default: 3600, min: 1, doc: 'tsips only. Expires of the PUBLISHes and local presentities.' }),
    max_body_size: param.int({ default: DEFAULT_XML_LIMITS.maxBytes, min: 256, doc: 'tsips only. Largest NOTIFY body accepted (bytes).' }),
    max_body_depth: param.int({ default: DEFAULT_XML_LIMITS.maxDepth, min: 4, doc: 'tsips only. Deepest element nesting accepted in a NOTIFY body.' }),
  },
  functions: {
    reginfo_handle_notify: fn({
      args: [arg.str({ static: true, doc: 'uldomain: usrloc domain to store into, e.g. "location"' })],
      routes: ['request'],
      fixup: ([d]) => { if (d !== undefined) notifyDomains.add(d); return undefined; },
      run: (ctx, st: ModState, d) => handleNotify(st, ctx, st.ul.getUdomain(d) ?? st.ul.registerUdomain(d)),
      doc: 'Applies a reg-event NOTIFY of one of our subscriptions to usrloc (RFC 3680) and updates the subscription from it. Sends no reply: the script answers (200). 1: at least one contact of the AORs in the document is registered (also for an empty body), 2: none is, -1: not a NOTIFY of a reg subscription of ours, or a body that is refused (logged once).',
    }),
    reginfo_subscribe: fn({
      args: [arg.str({ doc: 'uri: the registrar\'s SIP URI to subscribe at (variables allowed)' }), arg.int({ optional: true, doc: 'expires: seconds (default 3600)' })],
      routes: ['request', 'onreply', 'startup', 'timer'],
      run: (ctx, st: ModState, uri, expires) => subscribe(st, uri, expires),
      doc: 'Subscribes to the reg state of uri (Event: reg, From and Contact server_address), or refreshes the subscription pua already has for it. 1 when the SUBSCRIBE is sent, -1 when it cannot be (OpenSIPS always returns 1 and ignores expires). tsips also allows it in startup_route and timer_route (a mirror watching known AORs).',
    }),
    reginfo_update: fn({
      args: [arg.str({ doc: 'aor: usrloc key (user@domain, or user without use_domain)' })],
      routes: ['request', 'onreply'],
      run: (ctx, st: ModState, aor) => st.publisher.update(aor),
      doc: 'Publishes the AOR\'s current reg state again (e.g. after ul_add_key stored its identities). 1, or -1 when the AOR is not registered.',
    }),
  },
  init: (ctx): ModState => {
    const p = ctx.params;
    const log = (level: number, message: string) => ctx.log(level, message);
    if (!p.server_address) throw new Error('server_address is required (our SIP URI for SUBSCRIBE From and Contact), e.g. modparam("pua_reginfo", "server_address", "sip:reginfo@192.0.2.10")');
    if (!p.ul_domain) throw new Error('ul_domain is required: the usrloc table to publish, e.g. modparam("pua_reginfo", "ul_domain", "location")');
    const ul = ctx.api('usrloc') as UsrlocApi;
    const pua = ctx.api('pua') as PuaApi;
    if (p.publish_reginfo === 1 && !ul.useDomain && !p.default_domain) {
      throw new Error('publish_reginfo=1 with usrloc use_domain=0: set default_domain, the domain of the published AORs');
    }
    if (p.publish_reginfo !== 1) log(LogLevel.INFO, 'publish_reginfo is 0: registration changes are not sent with PUBLISH');
    const domain = ul.registerUdomain(p.ul_domain);
    for (const d of notifyDomains) ul.registerUdomain(d);
    pua.addEvent(REGINFO_EVENT, 'reg', 'application/reginfo+xml', (publ, version) =>
      (publ.body?.includes(VERSION_PLACEHOLDER) ? { body: publ.body.replace(`version="${VERSION_PLACEHOLDER}"`, `version="${version}"`) } : undefined));
    const base: ReginfoState = {
      cfg: {
        defaultDomain: p.default_domain, publish: p.publish_reginfo === 1, outboundProxy: p.outbound_proxy, serverAddress: p.server_address,
        identitiesKey: p.ul_identities_key, publishExpires: p.publish_expires,
        xmlLimits: { ...DEFAULT_XML_LIMITS, maxBytes: p.max_body_size, maxDepth: p.max_body_depth },
      },
      ul, domain, pua, presence: ctx.api('presence'), learned: new WeakSet(), notifies: new NotifyTracker(), log,
    };
    const publisher = new Publisher(base);
    ul.registerUlcb(UL_CONTACT_INSERT | UL_CONTACT_UPDATE | UL_CONTACT_DELETE | UL_CONTACT_EXPIRE, publisher.onChange);
    return { ...base, publisher };
  },
});

async function subscribe(st: ModState, uri: string, expires: number | undefined): Promise<number> {
  if (!/^sips?:\S+$/i.test(uri)) {
    st.log(LogLevel.ERR, `reginfo_subscribe: '${uri}' is not a SIP URI`);
    return -1;
  }
  const rc = await st.pua.sendSubscribe({
    presUri: uri, watcherUri: st.cfg.serverAddress, contact: st.cfg.serverAddress, event: REGINFO_EVENT, sourceFlag: REGINFO_SUBSCRIBE,
    flag: UPDATE_TYPE, expires: expires ?? SUBSCRIBE_EXPIRES, outboundProxy: st.cfg.outboundProxy,
  });
  return rc < 0 ? -1 : 1;
}
