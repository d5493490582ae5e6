// The `location` table, version 1013 (reference 7.6), with OpenSIPS's PostgreSQL columns so
// an existing OpenSIPS database works; rows to and from contacts.
import type { Knex } from 'knex';
import type { TableMigration } from '../../engine/db/index.js';
import { UContact, type URecord } from './store.js';

export const LOCATION_VERSION = 1013;

export function locationMigration(table: string): TableMigration {
  return {
    table, version: LOCATION_VERSION,
    create: (k: Knex) => k.schema.createTable(table, (t) => {
      t.bigIncrements('contact_id').primary();
      t.string('username', 64).notNullable().defaultTo('');
      t.string('domain', 64).nullable().defaultTo(null);
      t.text('contact').notNullable();
      t.string('received', 255).nullable();
      t.string('path', 255).nullable();
      t.integer('expires').notNullable();
      t.float('q', 8).notNullable().defaultTo(1.0);
      t.string('callid', 255).notNullable();
      t.integer('cseq').notNullable();
      t.timestamp('last_modified', { useTz: false }).notNullable();
      t.integer('flags').notNullable().defaultTo(0);
      t.string('cflags', 255).nullable();
      t.string('user_agent', 255).notNullable().defaultTo('');
      t.string('socket', 64).nullable();
      t.integer('methods').nullable();
      t.string('sip_instance', 255).nullable();
      t.text('kv_store').nullable();
      t.string('attr', 255).nullable();
    }),
  };
}

export interface LocationRow {
  contact_id: string | number;
  username: string;
  domain: string | null;
  contact: string;
  received: string | null;
  path: string | null;
  expires: number;
  q: number;
  callid: string;
  cseq: number;
  last_modified: Date | string;
  flags: number;
  cflags: string | null;
  user_agent: string;
  socket: string | null;
  methods: number | null;
  sip_instance: string | null;
  kv_store: string | null;
  attr: string | null;
}

/** The AOR split the way OpenSIPS stores it: user@domain in two columns with use_domain,
 *  the whole AOR in username without. */
export function aorColumns(aor: string, useDomain: boolean): { username: string; domain: string | null } {
  if (!useDomain) return { username: aor, domain: null };
  const at = aor.indexOf('@');
  return at < 0 ? { username: aor, domain: null } : { username: aor.slice(0, at), domain: aor.slice(at + 1) };
}

export function rowOf(r: URecord, c: UContact, useDomain: boolean, flagNames: (mask: number) => string[]): LocationRow {
  const kv = c.kv && c.kv.size > 0 ? JSON.stringify(Object.fromEntries(c.kv)) : null;
  return {
    // The id is unsigned 64-bit; PostgreSQL's bigint is signed (OpenSIPS stores it wrapped too).
    contact_id: BigInt.asIntN(64, c.id).toString(), ...aorColumns(r.aor, useDomain), contact: c.uri, received: c.received ?? null, path: c.path ?? null,
    expires: c.expires, q: c.q < 0 ? -1 : c.q / 1000, callid: c.callid, cseq: c.cseq, last_modified: new Date(c.lastModified * 1000),
    flags: c.flags, cflags: c.cflags ? flagNames(c.cflags).join(' ') : null, user_agent: c.userAgent, socket: c.socket ?? null,
    methods: c.methods === 0xffffffff ? null : c.methods | 0, sip_instance: c.instance ?? null, kv_store: kv, attr: c.attr ?? null,
  };
}

export function contactOf(row: LocationRow, flagBit: (name: string) => number | undefined): UContact {
  let cflags = 0;
  for (const n of (row.cflags ?? '').split(/\s+/).filter(Boolean)) {
    const b = flagBit(n);
    if (b !== undefined) cflags |= 1 << b;
  }
  const q = Number(row.q);
  const c = new UContact(
    BigInt.asUintN(64, BigInt(row.contact_id)), row.contact, Number(row.expires), q < 0 ? -1 : Math.round(q * 1000), row.callid, Number(row.cseq),
    Number(row.flags), cflags, row.user_agent ?? '', row.methods === null ? 0xffffffff : Number(row.methods) >>> 0,
    Math.floor(new Date(row.last_modified).getTime() / 1000), row.received ?? undefined, row.path ?? undefined,
    row.socket ?? undefined, row.sip_instance ?? undefined, row.attr ?? undefined, undefined,
  );
  if (row.kv_store) {
    try { c.kv = new Map(Object.entries(JSON.parse(row.kv_store) as Record<string, string | number>)); } catch { /* a broken kv is dropped */ }
  }
  c.state = 'CS_SYNC';
  return c;
}
