// usrloc's API (OpenSIPS usrloc.h, reference/modules/usrloc.md 6), as registrar, pua_reginfo
// and the MI use it. Memory operations are synchronous (one process, no locks); durability
// is a separate barrier: persisted(record) resolves once every SQL write started for the
// record is committed (write-through), so an answer is sent only for stored data.
import type { UContact, URecord, UDomain } from './store.js';

export type { UContact, URecord, UDomain } from './store.js';

export const UL_CONTACT_INSERT = 1 << 0;
export const UL_CONTACT_UPDATE = 1 << 1;
export const UL_CONTACT_DELETE = 1 << 2;
export const UL_CONTACT_EXPIRE = 1 << 3;
export const UL_AOR_INSERT = 1 << 4;
export const UL_AOR_UPDATE = 1 << 5;
export const UL_AOR_DELETE = 1 << 6;
export const UL_AOR_EXPIRE = 1 << 7;

/** Who made a change (reference 8 #7: OpenSIPS's callbacks cannot tell). */
export type UlOrigin = 'local' | 'timer' | 'mi' | 'db-load' | (string & {});

export interface UlCbExtra {
  readonly record: URecord;
  readonly origin: UlOrigin;
}

export type UlCallback = (target: UContact | URecord, type: number, extra: UlCbExtra) => void;

/** Contact matching (reference 7.4): 0 URI, 1 URI + Call-ID, 2 listed URI parameters. */
export interface CtMatch { readonly mode: 0 | 1 | 2; readonly params?: readonly string[] }

export type GetContactResult = { rc: 0; c: UContact } | { rc: 1 } | { rc: -1; c: UContact } | { rc: -2; c: UContact };

export interface UContactInfo {
  received?: string;
  path?: string;
  /** Absolute UNIX seconds; 0 = permanent. */
  expires: number;
  /** -1 unspecified, 0..1000. */
  q: number;
  callid: string;
  cseq: number;
  flags: number;
  cflags: number;
  userAgent: string;
  socket?: string;
  methods: number;
  instance?: string;
  attr?: string;
  regId?: number;
}

export interface UsrlocApi {
  readonly useDomain: boolean;
  readonly natFlag: number;
  /** 0 memory only, 1 write-through, 2 write-back, 3 sql-only. */
  readonly dbMode: 0 | 1 | 2 | 3;
  /** Start-up only (fixups, init of other modules); idempotent. */
  registerUdomain(name: string): UDomain;
  getUdomain(name: string): UDomain | undefined;
  getUrecord(d: UDomain, aor: string): URecord | undefined;
  insertUrecord(d: UDomain, aor: string, origin?: UlOrigin): URecord;
  /** Frees a record that has no contacts (after a failed save). */
  releaseUrecord(r: URecord): void;
  deleteUrecord(d: UDomain, aor: string, origin?: UlOrigin): void;
  getUcontact(r: URecord, uri: string, callid: string, cseq: number, m?: CtMatch): GetContactResult;
  insertUcontact(r: URecord, uri: string, ci: UContactInfo, origin?: UlOrigin): UContact;
  updateUcontact(r: URecord, c: UContact, ci: UContactInfo, origin?: UlOrigin): void;
  deleteUcontact(r: URecord, c: UContact, origin?: UlOrigin): void;
  /** undefined when nothing is pending (no-db, write-back); rejects if the DB refused it. */
  persisted(r: URecord): Promise<void> | undefined;
  registerUlcb(types: number, cb: UlCallback): void;
  records(d: UDomain): Iterable<URecord>;
  /** Wall-clock seconds, the clock expiry uses. */
  nowSec(): number;
  /** A contact counts (lookup, replies) while it has not expired: expires > now or 0. */
  isValid(c: UContact): boolean;
  getUrecordKey(r: URecord, key: string): string | number | undefined;
  putUrecordKey(r: URecord, key: string, v: string | number): void;
  delUrecordKey(r: URecord, key: string): void;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { usrloc: UsrlocApi }
}
