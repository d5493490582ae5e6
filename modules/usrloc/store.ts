// The in-memory location table: domains (OpenSIPS "udomains", e.g. "location") hold records
// by AOR, records hold contacts in lookup order (q descending, then oldest first within a q;
// newest first with desc_time_order). One object per contact with plain fields keeps a
// registered contact well under a kilobyte.

export type ContactState = 'CS_NEW' | 'CS_SYNC' | 'CS_DIRTY';

export class UContact {
  state: ContactState = 'CS_NEW';
  /** Marked deleted, waiting for the timer to remove its row (write-back). */
  deleted = false;
  kv: Map<string, string | number> | undefined = undefined;
  constructor(
    readonly id: bigint,
    public uri: string,
    public expires: number,
    public q: number,
    public callid: string,
    public cseq: number,
    public flags: number,
    public cflags: number,
    public userAgent: string,
    public methods: number,
    public lastModified: number,
    public received: string | undefined,
    public path: string | undefined,
    public socket: string | undefined,
    public instance: string | undefined,
    public attr: string | undefined,
    public regId: number | undefined,
  ) {}
}

/** Shared by every record before its first contact (never pushed to: place() replaces it). */
const NO_CONTACTS: UContact[] = [];

export class URecord {
  contacts: UContact[] = NO_CONTACTS;
  kv: Map<string, string | number> | undefined = undefined;
  /** Write-through writes in flight for this record, chained in order. */
  pending: Promise<void> | undefined = undefined;
  /** Next contact label (14 bits of the contact id). */
  nextLabel = 0;
  constructor(readonly domain: UDomain, readonly aor: string, readonly label: number) {}
}

export class UDomain {
  readonly records = new Map<string, URecord>();
  contacts = 0;
  expired = 0;
  nextRecordLabel = 1;
  constructor(readonly name: string) {}
}

/** Reference 7.5: bits 46-63 AOR hash, 14-45 record label, 0-13 contact label. */
export function contactId(r: URecord): bigint {
  const label = r.nextLabel++ & 0x3fff;
  return (BigInt(aorHash(r.aor) & 0x3ffff) << 46n) | (BigInt(r.label >>> 0) << 14n) | BigInt(label);
}

function aorHash(aor: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < aor.length; i++) {
    h ^= aor.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Where a contact with this q goes (reference 7.4 without OpenSIPS's re-sort bug, 8 #1):
 *  after every contact with a higher or equal q; with descTime, before every equal q. */
export function insertPosition(list: readonly UContact[], q: number, descTime: boolean): number {
  const key = q < 0 ? -1 : q;
  if (descTime) return 0;
  let i = 0;
  while (i < list.length && (list[i]!.q < 0 ? -1 : list[i]!.q) >= key) i++;
  return i;
}
