// presence's tables with OpenSIPS's PostgreSQL columns: `presentity` (version 5) and
// `active_watchers` (version 12), rows to and from the store's objects.
import type { Knex } from 'knex';
import type { BulkColumns, TableMigration } from '../../engine/db/index.js';
import type { Presentity, Watcher } from './store.js';

export function presentityMigration(table: string): TableMigration {
  return {
    table, version: 5,
    create: (k: Knex) => k.schema.createTable(table, (t) => {
      t.increments('id').primary();
      t.string('username', 64).notNullable();
      t.string('domain', 64).notNullable();
      t.string('event', 64).notNullable();
      t.string('etag', 64).notNullable();
      t.integer('expires').notNullable();
      t.integer('received_time').notNullable();
      t.binary('body').notNullable();
      t.binary('extra_hdrs').notNullable().defaultTo('');
      t.string('sender', 255).nullable().defaultTo(null);
      t.integer('priority').notNullable().defaultTo(0);
      t.unique(['username', 'domain', 'event', 'etag'], { indexName: `${table}_presentity_idx` });
    }),
  };
}

export function activeWatchersMigration(table: string): TableMigration {
  return {
    table, version: 12,
    create: (k: Knex) => k.schema.createTable(table, (t) => {
      t.increments('id').primary();
      t.string('presentity_uri', 255).notNullable();
      t.string('watcher_username', 64).notNullable();
      t.string('watcher_domain', 64).notNullable();
      t.string('to_user', 64).notNullable();
      t.string('to_domain', 64).notNullable();
      t.string('event', 64).notNullable().defaultTo('presence');
      t.string('event_id', 64).nullable();
      t.string('to_tag', 64).notNullable();
      t.string('from_tag', 64).notNullable();
      t.string('callid', 255).notNullable();
      t.integer('local_cseq').notNullable();
      t.integer('remote_cseq').notNullable();
      t.string('contact', 255).notNullable();
      t.text('record_route').nullable();
      t.integer('expires').notNullable();
      t.integer('status').notNullable().defaultTo(2);
      t.string('reason', 64).nullable();
      t.integer('version').defaultTo(0);
      t.string('socket_info', 64).notNullable();
      t.string('local_contact', 255).notNullable();
      t.string('sharing_tag', 32).nullable().defaultTo(null);
      t.unique(['callid', 'to_tag', 'from_tag'], { indexName: `${table}_active_watchers_idx` });
    }),
  };
}

/** user and host of a SIP URI ('' when absent). */
export function userHost(uri: string): { user: string; host: string } {
  const m = /^(?:sips?|tel):(?:([^@;?]*)@)?([^;?>]*)/i.exec(uri);
  return { user: m?.[1] ?? '', host: m?.[2] ?? '' };
}

/** The columns tsips writes, with their types for bulk writes (engine/db/bulk.ts). */
export const PRESENTITY_COLUMNS = {
  username: 'text', domain: 'text', event: 'text', etag: 'text', expires: 'integer', received_time: 'integer', body: 'bytea',
  extra_hdrs: 'bytea', sender: 'text', priority: 'integer',
} as const satisfies BulkColumns;

export const WATCHER_COLUMNS = {
  presentity_uri: 'text', watcher_username: 'text', watcher_domain: 'text', to_user: 'text', to_domain: 'text', event: 'text', event_id: 'text',
  to_tag: 'text', from_tag: 'text', callid: 'text', local_cseq: 'integer', remote_cseq: 'integer', contact: 'text', record_route: 'text',
  expires: 'integer', status: 'integer', reason: 'text', version: 'integer', socket_info: 'text', local_contact: 'text',
} as const satisfies BulkColumns;

export function presentityRow(p: Presentity): Record<keyof typeof PRESENTITY_COLUMNS, unknown> {
  const { user, host } = userHost(p.presUri);
  return {
    username: user, domain: host, event: p.event, etag: p.etag, expires: p.expires, received_time: p.receivedTime,
    body: Buffer.from(p.body), extra_hdrs: Buffer.alloc(0), sender: p.sender || null, priority: 0,
  };
}

export function presentityOf(row: Record<string, unknown>): Presentity {
  const body = row.body;
  return {
    presUri: `sip:${row.username ? `${String(row.username)}@` : ''}${String(row.domain)}`, event: String(row.event), etag: String(row.etag),
    expires: Number(row.expires), receivedTime: Number(row.received_time),
    body: Buffer.isBuffer(body) ? body.toString('utf8') : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : String(body ?? ''),
    sender: row.sender ? String(row.sender) : '', dbId: Number(row.id), seq: 0,
  };
}

const ROUTE_SEP = '\r\n';

export function watcherRow(w: Watcher): Record<keyof typeof WATCHER_COLUMNS, unknown> {
  const wa = userHost(w.watcherUri);
  const to = userHost(w.presUri);
  return {
    presentity_uri: w.presUri, watcher_username: wa.user, watcher_domain: wa.host, to_user: to.user, to_domain: to.host, event: w.event,
    event_id: w.eventId ?? null, to_tag: w.toTag, from_tag: w.fromTag, callid: w.callId, local_cseq: w.localCseq, remote_cseq: w.remoteCseq,
    contact: w.contact, record_route: w.routeSet.length > 0 ? w.routeSet.join(ROUTE_SEP) : null, expires: w.expires, status: 1, reason: null,
    version: w.version, socket_info: w.socket, local_contact: w.localContact,
  };
}

export function watcherOf(row: Record<string, unknown>): Watcher {
  const s = (k: string) => (row[k] === null || row[k] === undefined ? '' : String(row[k]));
  return {
    presUri: s('presentity_uri'), event: s('event'), eventId: row.event_id ? s('event_id') : undefined,
    watcherUri: `sip:${s('watcher_username') ? `${s('watcher_username')}@` : ''}${s('watcher_domain')}`,
    callId: s('callid'), toTag: s('to_tag'), fromTag: s('from_tag'), localCseq: Number(row.local_cseq), remoteCseq: Number(row.remote_cseq),
    contact: s('contact'), routeSet: row.record_route ? s('record_route').split(ROUTE_SEP) : [], expires: Number(row.expires),
    version: Number(row.version ?? 0), socket: s('socket_info'), localContact: s('local_contact'), dbId: Number(row.id),
    busy: false, again: false, live: false,
  };
}
