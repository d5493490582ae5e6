// The `pua` table, version 9 (reference 7.4), with OpenSIPS's PostgreSQL columns and
// indexes so an OpenSIPS database can be pointed at. tsips adds one nullable column,
// `outbound_proxy`, so refreshes after a restart take the same next hop (OpenSIPS keeps the
// proxy in memory only); it is added to an existing table that lacks it, and OpenSIPS
// ignores it.
import type { Knex } from 'knex';
import type { BulkColumns, TableMigration } from '../../engine/db/index.js';
import type { Publication, PuaRecord, Subscription } from './record.js';

export const PUA_VERSION = 9;

export function puaMigration(table: string): TableMigration {
  return {
    table, version: PUA_VERSION,
    create: (k: Knex) => k.schema.createTable(table, (t) => {
      t.increments('id').primary();
      t.string('pres_uri', 255).notNullable();
      t.string('pres_id', 255).notNullable();
      t.integer('event').notNullable();
      t.integer('expires').notNullable();
      t.integer('desired_expires').notNullable();
      t.integer('flag').notNullable();
      t.string('etag', 64).nullable();
      t.string('tuple_id', 64).nullable();
      t.string('watcher_uri', 255).nullable();
      t.string('to_uri', 255).nullable();
      t.string('call_id', 64).nullable();
      t.string('to_tag', 64).nullable();
      t.string('from_tag', 64).nullable();
      t.integer('cseq').nullable();
      t.text('record_route').nullable();
      t.string('contact', 255).nullable();
      t.string('remote_contact', 255).nullable();
      t.integer('version').nullable();
      t.text('extra_headers').nullable();
      t.string('sharing_tag', 32).nullable().defaultTo(null);
      t.string('outbound_proxy', 255).nullable();
      t.index(['pres_uri', 'event'], `${table}_del1_idx`);
      t.index(['expires'], `${table}_del2_idx`);
      t.index(['pres_uri', 'pres_id', 'flag', 'event'], `${table}_update_idx`);
    }),
  };
}

/** Adds tsips's `outbound_proxy` column to a table OpenSIPS created. */
export async function addProxyColumn(k: Knex, table: string): Promise<void> {
  if (!(await k.schema.hasColumn(table, 'outbound_proxy'))) {
    await k.schema.alterTable(table, (t) => { t.string('outbound_proxy', 255).nullable(); }).catch(async (e: unknown) => {
      if (!(await k.schema.hasColumn(table, 'outbound_proxy'))) throw e; // another node added it
    });
  }
}

export interface PuaRow {
  id?: number;
  pres_uri: string;
  pres_id: string;
  event: number;
  expires: number;
  desired_expires: number;
  flag: number;
  etag: string | null;
  tuple_id: string | null;
  watcher_uri: string | null;
  to_uri: string | null;
  call_id: string | null;
  to_tag: string | null;
  from_tag: string | null;
  cseq: number | null;
  record_route: string | null;
  contact: string | null;
  remote_contact: string | null;
  version: number | null;
  extra_headers: string | null;
  sharing_tag: string | null;
  outbound_proxy: string | null;
}

// Publications use call_id, from_tag and cseq too (OpenSIPS leaves them empty): every
// PUBLISH of a publication continues one Call-ID, also after a restart or on another node.

/** The columns tsips writes, with their types for bulk writes (engine/db/bulk.ts). */
export const PUA_COLUMNS = {
  pres_uri: 'text', pres_id: 'text', event: 'integer', expires: 'integer', desired_expires: 'integer', flag: 'integer', etag: 'text',
  tuple_id: 'text', watcher_uri: 'text', to_uri: 'text', call_id: 'text', to_tag: 'text', from_tag: 'text', cseq: 'integer',
  record_route: 'text', contact: 'text', remote_contact: 'text', version: 'integer', extra_headers: 'text', sharing_tag: 'text',
  outbound_proxy: 'text',
} as const satisfies BulkColumns satisfies Record<Exclude<keyof PuaRow, 'id'>, unknown>;

/** Route set values are joined with CRLF: a Route value may itself contain commas. */
const ROUTE_SEP = '\r\n';

export function rowOf(r: PuaRecord): PuaRow {
  const sub = r.kind === 'subscribe' ? r : undefined;
  const pub = r.kind === 'publish' ? r : undefined;
  return {
    pres_uri: r.presUri, pres_id: r.id, event: r.event, expires: r.expires, desired_expires: r.desiredExpires, flag: r.flag,
    etag: pub?.etag ?? null, tuple_id: pub?.tupleId ?? null,
    watcher_uri: sub?.watcherUri ?? null, to_uri: sub?.toUri ?? null, call_id: r.callId ?? null,
    to_tag: sub?.toTag ?? null, from_tag: r.fromTag ?? null, cseq: r.cseq,
    record_route: sub && sub.routeSet.length > 0 ? sub.routeSet.join(ROUTE_SEP) : null,
    contact: sub?.contact ?? null, remote_contact: sub?.remoteTarget ?? null, version: r.version,
    extra_headers: r.extraHeaders || null, sharing_tag: r.sharingTag ?? null, outbound_proxy: r.outboundProxy ?? null,
  };
}

/** A record from a row: a subscription when it has a watcher (OpenSIPS's test too). */
export function recordOf(row: PuaRow): PuaRecord {
  const base = {
    id: row.pres_id, presUri: row.pres_uri, event: Number(row.event), flag: Number(row.flag), expires: Number(row.expires),
    desiredExpires: Number(row.desired_expires), extraHeaders: row.extra_headers ?? '', outboundProxy: row.outbound_proxy ?? undefined,
    version: Number(row.version ?? 0), sharingTag: row.sharing_tag ?? undefined, cbParam: undefined, dbId: row.id === undefined ? undefined : Number(row.id),
    inFlight: false, timer: undefined, live: false,
  };
  if (row.watcher_uri) {
    const s: Subscription = {
      ...base, kind: 'subscribe', watcherUri: row.watcher_uri, toUri: row.to_uri || row.pres_uri, contact: row.contact ?? '',
      callId: row.call_id ?? undefined, fromTag: row.from_tag ?? undefined, toTag: row.to_tag ?? undefined, cseq: Number(row.cseq ?? 1),
      routeSet: row.record_route ? row.record_route.split(ROUTE_SEP) : [], remoteTarget: row.remote_contact ?? undefined,
      queuedExpires: undefined, ending: false,
    };
    return s;
  }
  const p: Publication = {
    ...base, kind: 'publish', etag: row.etag ?? undefined, tupleId: row.tuple_id ?? undefined, body: undefined, contentType: undefined, queue: [],
    callId: row.call_id ?? undefined, fromTag: row.from_tag ?? undefined, cseq: Number(row.cseq ?? 0),
  };
  return p;
}

/** Copies what a row says into a record held in memory (another node changed it). */
export function applyRow(r: PuaRecord, row: PuaRow): void {
  const fresh = recordOf(row);
  r.expires = fresh.expires;
  r.desiredExpires = fresh.desiredExpires;
  r.extraHeaders = fresh.extraHeaders;
  r.outboundProxy = fresh.outboundProxy;
  r.version = fresh.version;
  r.sharingTag = fresh.sharingTag;
  r.dbId = fresh.dbId;
  r.callId = fresh.callId;
  r.fromTag = fresh.fromTag;
  r.cseq = fresh.cseq;
  if (r.kind === 'publish' && fresh.kind === 'publish') {
    r.etag = fresh.etag;
    r.tupleId = fresh.tupleId;
  } else if (r.kind === 'subscribe' && fresh.kind === 'subscribe') {
    r.toTag = fresh.toTag;
    r.routeSet = fresh.routeSet;
    r.remoteTarget = fresh.remoteTarget;
  }
}
