// usrloc changes -> reg-event state (reference 7.1-7.2, with 8 #3/#4/#14/#15/#18/#19 fixed):
// the INSERT/UPDATE/DELETE/EXPIRE callbacks of one AOR within one tick collect into one
// document (a REGISTER with three contacts is one PUBLISH, not three), built after the
// change so deleted contacts are shown terminated with expires="0". Changes that came from
// a NOTIFY (origin 'reginfo') and the expiry of contacts learned that way are never
// published: two registrars mirroring each other do not ping-pong. The document goes to the
// local presence server (when presence is loaded) and, with publish_reginfo, to the remote
// one through pua.
import { LogLevel } from '../../engine/core/log.js';
import { hash32 } from '../../engine/sip/index.js';
import {
  UL_CONTACT_DELETE, UL_CONTACT_EXPIRE, UL_CONTACT_INSERT, UL_CONTACT_UPDATE, type UContact, type URecord, type UlCbExtra,
} from '../usrloc/api.js';
import { REGINFO_EVENT, REGINFO_PUBLISH, UPDATE_TYPE } from '../pua/api.js';
import { paramsOf } from './contact-params.js';
import { writeReginfo, type ContactView, type RegistrationView } from './reginfo-write.js';
import type { ReginfoState } from './state.js';

export const REGINFO_ORIGIN = 'reginfo';

const EVENT_OF: Record<number, string> = {
  [UL_CONTACT_INSERT]: 'registered', [UL_CONTACT_UPDATE]: 'refreshed', [UL_CONTACT_DELETE]: 'unregistered', [UL_CONTACT_EXPIRE]: 'expired',
};

export class Publisher {
  private readonly pending = new Map<URecord, Map<UContact, number>>();
  private scheduled = false;

  constructor(private readonly st: ReginfoState) {}

  /** The usrloc callback. */
  onChange = (target: UContact | URecord, type: number, extra: UlCbExtra): void => {
    if (!this.st.cfg.publish && !this.st.presence) return; // nobody to tell
    const r = extra.record;
    if (r.domain !== this.st.domain || extra.origin === REGINFO_ORIGIN) return;
    const c = target as UContact;
    if (type === UL_CONTACT_EXPIRE && this.st.learned.has(c)) return;
    let m = this.pending.get(r);
    if (!m) this.pending.set(r, (m = new Map()));
    const prev = m.get(c);
    // registered then refreshed in one tick is still "registered"; any removal wins.
    if (!(prev === UL_CONTACT_INSERT && type === UL_CONTACT_UPDATE)) m.set(c, type);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flush);
    }
  };

  private flush = (): void => {
    this.scheduled = false;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [r, changes] of batch) this.publish(r, changes);
  };

  /** reginfo_update(): the record's state as it is. 1, or -1 when the AOR is not registered. */
  update(aor: string): number {
    const r = this.st.ul.getUrecord(this.st.domain, aor);
    if (!r) return -1;
    this.publish(r, new Map());
    return 1;
  }

  private publish(r: URecord, changes: Map<UContact, number>): void {
    const st = this.st;
    const presUri = this.presUri(r.aor);
    if (!presUri) return;
    const now = st.ul.nowSec();
    const contacts: ContactView[] = [];
    const shown = new Set<UContact>();
    for (const c of r.contacts) {
      shown.add(c);
      const type = changes.get(c);
      const valid = st.ul.isValid(c);
      const gone = type === UL_CONTACT_DELETE || type === UL_CONTACT_EXPIRE || !valid;
      contacts.push(view(r, c, gone ? 'terminated' : 'active', type ? EVENT_OF[type]! : valid ? 'registered' : 'expired', now));
    }
    // Removed contacts are no longer in the record by now.
    for (const [c, type] of changes) {
      if (!shown.has(c)) contacts.push(view(r, c, 'terminated', EVENT_OF[type] ?? 'unregistered', now));
    }
    const regs = this.identities(r, presUri).map((aor, i): RegistrationView => ({ aor, id: `r${hash32(r.aor)}.${i}`, contacts }));
    const body = writeReginfo(regs);
    const active = contacts.some((c) => c.state === 'active');
    if (st.presence) {
      st.presence.publishLocal(presUri, 'reg', body, st.cfg.publishExpires).catch((e: unknown) =>
        st.log(LogLevel.ERR, `local reg state of ${presUri} not stored: ${(e as Error).message}`));
    }
    if (!st.cfg.publish) return;
    void st.pua.sendPublish({
      id: `REGINFO_PUBLISH.${r.aor}@${r.domain.name}`, presUri, body, expires: st.cfg.publishExpires, flag: UPDATE_TYPE,
      sourceFlag: REGINFO_PUBLISH, event: REGINFO_EVENT, contentType: 'application/reginfo+xml', outboundProxy: st.cfg.outboundProxy,
    }).then((rc) => {
      if (rc < 0) st.log(LogLevel.ERR, `PUBLISH of the reg state of ${presUri} (${active ? 'active' : 'terminated'}) failed: ${rc}`);
    });
  }

  /** sip:AOR, with default_domain when the AOR has none. */
  presUri(aor: string): string | undefined {
    if (aor.includes('@')) return `sip:${aor}`;
    if (!this.st.cfg.defaultDomain) {
      this.st.log(LogLevel.ERR, `AOR '${aor}' has no domain and default_domain is not set: reg state not published`);
      return undefined;
    }
    return `sip:${aor}@${this.st.cfg.defaultDomain}`;
  }

  /** ul_identities_key: the identities stored with the record (up to 20), else the AOR. */
  private identities(r: URecord, presUri: string): string[] {
    const key = this.st.cfg.identitiesKey;
    if (!key) return [presUri];
    const v = this.st.ul.getUrecordKey(r, key);
    if (v === undefined || v === '') return [presUri];
    const out: string[] = [];
    for (const part of String(v).split(',')) {
      const m = /<([^>]+)>/.exec(part);
      const uri = (m ? m[1]! : part).trim();
      if (/^(sips?|tel):/i.test(uri)) out.push(uri);
      if (out.length === 20) break;
    }
    return out.length > 0 ? out : [presUri];
  }
}

function view(r: URecord, c: UContact, state: 'active' | 'terminated', event: string, now: number): ContactView {
  return {
    id: c.id.toString(), uri: c.uri, state, event, expires: c.expires === 0 ? undefined : c.expires - now, q: c.q,
    callid: c.callid, cseq: c.cseq, received: c.received, path: c.path, userAgent: c.userAgent || undefined, params: paramsOf(c),
  };
}
