// pua: the presence user agent (OpenSIPS modules/pua, reference/modules/pua.md). Sends
// PUBLISH (RFC 3903) and SUBSCRIBE (RFC 6665) for event modules through tm, refreshes them,
// keeps them in the `pua` table across restarts and, with cluster_id, shares them between
// nodes on one PostgreSQL.
import { defineModule, fn, param, stat } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { openDatabase } from '../../engine/db/index.js';
import type { TmApi } from '../tm/api.js';
import { Pua, type PuaStats } from './pua.js';
import { PuaPersistence } from './persist.js';
import { PuaCluster } from './cluster.js';
import { publicationDue, sendPublish } from './publish.js';
import { sendSubscribe, subscriptionDue } from './subscribe.js';
import { handleNotify } from './notify.js';
import { PUA_MI } from './mi.js';
import type { DialogQuery, PuaApi } from './api.js';
import type { Subscription } from './record.js';
import type { PuaState } from './state.js';

export * from './api.js';

/** How often due refreshes run. */
const TICK_MS = 200;

export default defineModule({
  name: 'pua',
  doc: 'The presence user agent: sends PUBLISH (RFC 3903) and SUBSCRIBE (RFC 6665) on behalf of event modules (pua_reginfo, pua_mi), keeps one PUBLISH per publication on the wire and queues the others, refreshes publications and subscriptions the user wants kept longer than the server granted, and removes them when their time is up. Unlike OpenSIPS, a 412 re-publishes the last state as a new publication, a 423 is retried with the Min-Expires asked for, a 481 to a refresh starts a new subscription, and Subscription-State of the NOTIFYs is applied by pua_update_contact(). Records are written to the `pua` table (version 9) every `update_period` seconds (at once when clustering) and loaded at start-up, so refreshes after a restart carry the old ETags and dialogs. With `cluster_id`, nodes share the table on one PostgreSQL, tell each other about changes with LISTEN/NOTIFY, and the node holding the `cluster_sharing_tag` (a PostgreSQL advisory lock, taken over within a second when its node dies) refreshes and expires the records stamped with it.',
  deps: { tm: 'abort', db_postgres: 'optional' },
  params: {
    hash_size: param.int({ default: 9, doc: 'Accepted for compatibility (records are kept in hash maps that grow as needed).' }),
    db_url: param.str({ doc: 'Database of the `pua` table: postgres://user:password@host/db, pglite:///path or pglite://memory. Required.' }),
    db_table: param.str({ default: 'pua', doc: 'Name of the table.' }),
    min_expires: param.int({ default: 300, doc: 'Lowest Expires put in a PUBLISH or SUBSCRIBE (0: no lower bound; negative values count as 0).' }),
    default_expires: param.int({ default: 3600, doc: 'Expires used when the caller asks for a negative value, and for refreshes of records kept for good; values below 600 are replaced by 3600 (as in OpenSIPS), with a warning.' }),
    update_period: param.int({ default: 100, min: 1, doc: 'Seconds between writes of changed records to the table (with clustering, changes are written at once and this only deletes expired rows); also the longest time before expiry at which a record is refreshed (half the granted time when that is shorter).' }),
    cluster_id: param.int({ default: 0, min: 0, doc: 'Cluster of nodes sharing the `pua` table (0: no clustering). Needs a postgres:// db_url and cluster_sharing_tag.' }),
    cluster_sharing_tag: param.str({ doc: 'Sharing tag stamped on new records; the node where it is active refreshes and expires them. Required with cluster_id.' }),
  },
  stats: {
    publications: stat.computed<PuaState>({ doc: 'Publications held in memory.', read: (st) => st.pua.table.publications }),
    subscriptions: stat.computed<PuaState>({ doc: 'Subscriptions held in memory.', read: (st) => st.pua.table.subscriptions }),
    publish_sent: stat.counter({ doc: 'PUBLISH requests sent (initial, modify, refresh, remove).' }),
    publish_failed: stat.counter({ doc: 'Publications that failed (error reply, no SIP-ETag, nothing to re-publish after a 412).' }),
    subscribe_sent: stat.counter({ doc: 'SUBSCRIBE requests sent.' }),
    subscribe_failed: stat.counter({ doc: 'SUBSCRIBE requests that got an error reply or none.' }),
    notify_matched: stat.counter({ doc: 'NOTIFYs matched to a subscription by pua_update_contact().' }),
    notify_unmatched: stat.counter({ doc: 'NOTIFYs pua_update_contact() found no subscription for.' }),
  },
  mi: PUA_MI,
  functions: {
    pua_update_contact: fn({
      args: [],
      routes: ['request'],
      run: (ctx, st: PuaState) => (handleNotify(st.pua, ctx.msg).code === 200 ? 1 : -1),
      doc: 'For a NOTIFY of a subscription pua made: stores its Contact as the remote target of later SUBSCRIBEs and applies its Subscription-State (an earlier expiry moves the refresh; `terminated` ends the subscription and subscribes again when the reason is deactivated or timeout, after retry-after for probation and giveup). Matches every pua subscription by exact Call-ID and tags (OpenSIPS only some kinds, by prefix). 1 when the NOTIFY belongs to one, -1 otherwise (the script should answer 481).',
    }),
  },
  init: async (ctx): Promise<PuaState> => {
    const p = ctx.params;
    const log = (level: number, message: string) => ctx.log(level, message);
    if (!p.db_url) throw new Error('pua keeps its records in SQL: set modparam("pua", "db_url", "postgres://...") or "pglite:///path"');
    let defaultExpires = p.default_expires;
    if (defaultExpires < 600) {
      log(LogLevel.WARN, `default_expires ${defaultExpires} is below 600: using 3600 (as OpenSIPS does)`);
      defaultExpires = 3600;
    }
    if (p.cluster_id > 0 && !p.cluster_sharing_tag) throw new Error('cluster_id is set: cluster_sharing_tag is required (the tag decides which node refreshes and expires records)');
    const timers = ctx.services.timers;
    const pua = new Pua(
      { minExpires: Math.max(0, p.min_expires), defaultExpires, updatePeriod: p.update_period, sharingTag: p.cluster_id > 0 ? p.cluster_sharing_tag : undefined },
      ctx.api('tm') as TmApi, timers, ctx.stats as unknown as PuaStats, log,
    );
    pua.localHost = () => ctx.services.runtime.ready.sockets[0]?.address;
    pua.onDue = (r) => {
      if (!pua.owns(r)) pua.watchForeign(r);
      else if (r.kind === 'publish') publicationDue(pua, r);
      else subscriptionDue(pua, r);
    };
    const db = await openDatabase(p.db_url);
    const persistence = new PuaPersistence(db, p.db_table, pua);
    try {
      await persistence.prepare();
    } catch (e) {
      await db.close();
      throw e;
    }
    pua.sink = persistence;
    let cluster: PuaCluster | undefined;
    if (p.cluster_id > 0) {
      if (db.kind !== 'postgres') {
        await db.close();
        throw new Error(`cluster_id needs nodes sharing one PostgreSQL server: db_url ${db.safeUrl} is embedded`);
      }
      cluster = new PuaCluster(db, p.db_table, pua, persistence, p.cluster_id, p.cluster_sharing_tag!);
      pua.cluster = cluster;
    }
    const onError = (e: unknown) => log(LogLevel.ERR, `pua timer: ${(e as Error).message}`);
    const stopTick = timers.every(TICK_MS, () => pua.queue.run(onError));
    const stopFlush = timers.every(p.update_period * 1000, () => void persistence.flush());
    return { pua, db, persistence, cluster, stopTimers: () => { stopTick(); stopFlush(); } };
  },
  // Records are loaded (and their refreshes armed) once the runtime can send.
  async childInit(st) {
    const n = await st.persistence.load();
    st.pua.log(LogLevel.INFO, `loaded ${n} record(s) from ${st.db.safeUrl}`);
    await st.cluster?.start();
  },
  destroy: async (st) => {
    st.stopTimers();
    await st.cluster?.stop();
    await st.persistence.flush();
    await st.db.close();
  },
  api: (st): PuaApi => ({
    sendPublish: (publ) => sendPublish(st.pua, publ),
    sendSubscribe: (subs) => sendSubscribe(st.pua, subs),
    isDialog: (d) => (findDialog(st, d) ? 0 : -1),
    getRecordId: (d) => findDialog(st, d)?.id,
    registerPuacb: (types, cb, param) => st.pua.registerCallback(types, cb, param),
    addEvent: (flag, name, contentType, processBody) => st.pua.events.add(flag, name, contentType, processBody),
    eventFlag: (name) => st.pua.events.byName(name)?.flag,
    getSubsList: (prefix) => [...st.pua.table.values()].filter((r) => r.kind === 'subscribe' && r.id.startsWith(prefix)).map((r) => r.presUri),
    handleNotify: (ctx) => handleNotify(st.pua, ctx.msg),
  }),
});

function findDialog(st: PuaState, d: DialogQuery): Subscription | undefined {
  const s = st.pua.table.byDialog(d.callId);
  if (!s || s.fromTag !== d.fromTag || s.toTag !== d.toTag || s.watcherUri !== d.watcherUri || (s.presUri !== d.presUri && s.toUri !== d.presUri)) return undefined;
  return s;
}
