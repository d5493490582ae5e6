// The location service: domains, records, contacts, callbacks and the kv stores in memory,
// with every change handed to the persistence layer (persist.ts) according to the mode.
import { uriEquals } from '../../engine/sip/index.js';
import type { Stat } from '../../engine/stats/stat.js';
import {
  UL_AOR_DELETE, UL_AOR_INSERT, UL_AOR_UPDATE, UL_CONTACT_DELETE, UL_CONTACT_INSERT, UL_CONTACT_UPDATE,
  type CtMatch, type GetContactResult, type UContactInfo, type UlCallback, type UlOrigin, type UsrlocApi,
} from './api.js';
import { UContact, UDomain, URecord, contactId, insertPosition } from './store.js';
import type { DbMode } from './config.js';
import { own } from './own-string.js';

export interface UlOptions {
  readonly useDomain: boolean;
  readonly natFlag: number;
  readonly dbMode: DbMode;
  readonly matchingMode: 0 | 1;
  readonly cseqDelay: number;
  readonly descTimeOrder: boolean;
  readonly nowSec: () => number;
  /** Per-domain statistics, declared when a domain is registered. */
  readonly declareDomainStats: (d: UDomain) => { expires: Stat };
}

/** What the persistence layer is told about each change (persist.ts). */
export interface ChangeSink {
  saved(r: URecord, c: UContact): void;
  deleted(r: URecord, c: UContact): void;
}

export class Usrloc implements UsrlocApi {
  readonly domains = new Map<string, UDomain>();
  private readonly callbacks: { types: number; cb: UlCallback }[] = [];
  private readonly expireStats = new Map<UDomain, Stat>();
  sink: ChangeSink | undefined = undefined;
  /** Set once traffic may flow: registering a domain after that is refused (OpenSIPS). */
  sealed = false;

  constructor(readonly o: UlOptions) {}

  get useDomain(): boolean { return this.o.useDomain; }
  get natFlag(): number { return this.o.natFlag; }
  get dbMode(): DbMode { return this.o.dbMode; }

  nowSec(): number {
    return this.o.nowSec();
  }

  isValid(c: UContact): boolean {
    return !c.deleted && (c.expires === 0 || c.expires > this.o.nowSec());
  }

  registerUdomain(name: string): UDomain {
    let d = this.domains.get(name);
    if (d) return d;
    if (this.sealed) throw new Error(`usrloc domain '${name}' must be registered at start-up`);
    d = new UDomain(name);
    this.domains.set(name, d);
    this.expireStats.set(d, this.o.declareDomainStats(d).expires);
    return d;
  }

  getUdomain(name: string): UDomain | undefined {
    return this.domains.get(name);
  }

  getUrecord(d: UDomain, aor: string): URecord | undefined {
    return d.records.get(aor);
  }

  insertUrecord(d: UDomain, aor: string, origin: UlOrigin = 'local'): URecord {
    const existing = d.records.get(aor);
    if (existing) return existing;
    const r = new URecord(d, own(aor), d.nextRecordLabel++);
    d.records.set(aor, r);
    this.fire(UL_AOR_INSERT, r, r, origin);
    return r;
  }

  releaseUrecord(r: URecord): void {
    if (r.contacts.length > 0 || r.domain.records.get(r.aor) !== r) return;
    r.domain.records.delete(r.aor);
    this.fire(UL_AOR_DELETE, r, r, 'local');
  }

  deleteUrecord(d: UDomain, aor: string, origin: UlOrigin = 'local'): void {
    const r = d.records.get(aor);
    if (!r) return;
    for (const c of [...r.contacts]) this.deleteUcontact(r, c, origin);
    if (d.records.get(aor) === r) this.dropRecord(r, UL_AOR_DELETE, origin);
  }

  getUcontact(r: URecord, uri: string, callid: string, cseq: number, m?: CtMatch): GetContactResult {
    const mode = m?.mode ?? this.o.matchingMode;
    for (const c of r.contacts) {
      if (c.deleted || !sameUri(c.uri, uri, mode === 2 ? m?.params : undefined)) continue;
      if (mode === 1 && c.callid !== callid) continue;
      if (c.callid === callid) {
        if (cseq < c.cseq) return { rc: -1, c };
        if (cseq === c.cseq) {
          const within = this.o.cseqDelay > 0 && this.o.nowSec() - c.lastModified < this.o.cseqDelay;
          return within ? { rc: -2, c } : { rc: -1, c };
        }
      }
      return { rc: 0, c };
    }
    return { rc: 1 };
  }

  insertUcontact(r: URecord, uri: string, ci: UContactInfo, origin: UlOrigin = 'local'): UContact {
    const c = new UContact(contactId(r), own(uri), ci.expires, ci.q, own(ci.callid), ci.cseq, ci.flags, ci.cflags, own(ci.userAgent),
      ci.methods, this.o.nowSec(), own(ci.received), own(ci.path), ci.socket, own(ci.instance), own(ci.attr), ci.regId);
    this.place(r, c);
    r.domain.contacts++;
    this.fire(UL_CONTACT_INSERT, c, r, origin);
    if (r.contacts.length > 1) this.fire(UL_AOR_UPDATE, r, r, origin);
    this.sink?.saved(r, c);
    return c;
  }

  /** Puts a loaded contact in place (start-up load from SQL): no callbacks, no write. */
  restore(r: URecord, c: UContact): void {
    this.place(r, c);
    r.domain.contacts++;
  }

  updateUcontact(r: URecord, c: UContact, ci: UContactInfo, origin: UlOrigin = 'local'): void {
    const qChanged = c.q !== ci.q;
    c.expires = ci.expires;
    c.q = ci.q;
    c.callid = own(ci.callid);
    c.cseq = ci.cseq;
    c.flags = ci.flags;
    c.cflags = ci.cflags;
    c.userAgent = own(ci.userAgent);
    c.methods = ci.methods;
    c.received = own(ci.received);
    c.path = own(ci.path);
    c.socket = ci.socket;
    c.instance = own(ci.instance);
    c.attr = own(ci.attr);
    c.regId = ci.regId;
    c.lastModified = this.o.nowSec();
    if (c.state === 'CS_SYNC') c.state = 'CS_DIRTY';
    if (qChanged || this.o.descTimeOrder) {
      // One ordering function for inserts and updates (reference 8 #1: OpenSIPS re-sorts
      // the wrong way round).
      r.contacts.splice(r.contacts.indexOf(c), 1);
      this.place(r, c);
    }
    this.fire(UL_CONTACT_UPDATE, c, r, origin);
    this.sink?.saved(r, c);
  }

  deleteUcontact(r: URecord, c: UContact, origin: UlOrigin = 'local'): void {
    const i = r.contacts.indexOf(c);
    if (i < 0) return;
    this.fire(UL_CONTACT_DELETE, c, r, origin);
    r.contacts.splice(i, 1);
    r.domain.contacts--;
    this.fire(UL_AOR_UPDATE, r, r, origin);
    this.sink?.deleted(r, c);
  }

  /** A contact the timer found expired (reference 7.3). */
  expireContact(r: URecord, c: UContact, fireType: number): void {
    const i = r.contacts.indexOf(c);
    if (i < 0) return;
    this.fire(fireType, c, r, 'timer');
    r.contacts.splice(i, 1);
    r.domain.contacts--;
    this.expireStats.get(r.domain)?.inc();
    this.sink?.deleted(r, c);
  }

  dropRecord(r: URecord, type: number, origin: UlOrigin): void {
    if (r.domain.records.get(r.aor) !== r) return;
    r.domain.records.delete(r.aor);
    this.fire(type, r, r, origin);
  }

  persisted(r: URecord): Promise<void> | undefined {
    return r.pending;
  }

  registerUlcb(types: number, cb: UlCallback): void {
    this.callbacks.push({ types, cb });
  }

  records(d: UDomain): Iterable<URecord> {
    return d.records.values();
  }

  getUrecordKey(r: URecord, key: string): string | number | undefined {
    return r.kv?.get(key);
  }
  putUrecordKey(r: URecord, key: string, v: string | number): void {
    (r.kv ??= new Map()).set(key, v);
  }
  delUrecordKey(r: URecord, key: string): void {
    r.kv?.delete(key);
  }

  private place(r: URecord, c: UContact): void {
    // Most AORs have one contact: a one-element array instead of V8's 16-slot growth.
    if (r.contacts.length === 0) r.contacts = [c];
    else r.contacts.splice(insertPosition(r.contacts, c.q, this.o.descTimeOrder), 0, c);
  }

  private fire(type: number, target: UContact | URecord, record: URecord, origin: UlOrigin): void {
    for (const { types, cb } of this.callbacks) if (types & type) cb(target, type, { record, origin });
  }
}

/** RFC 3261 19.1.4 comparison; with `params`, only those URI parameters must agree where
 *  both have them (matching mode 2). */
function sameUri(a: string, b: string, params: readonly string[] | undefined): boolean {
  if (a === b) return true;
  try {
    if (!params) return uriEquals(a, b);
    const strip = (u: string) => u.replace(/;[^?]*/, '');
    if (!uriEquals(strip(a), strip(b))) return false;
    for (const p of params) {
      const va = new RegExp(`;${p}=([^;?]*)`, 'i').exec(a)?.[1];
      const vb = new RegExp(`;${p}=([^;?]*)`, 'i').exec(b)?.[1];
      if (va !== undefined && vb !== undefined && va !== vb) return false;
    }
    return true;
  } catch {
    return false;
  }
}
