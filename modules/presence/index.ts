// presence: the presence server (OpenSIPS modules/presence, the parts the reg event needs):
// handle_publish() stores PUBLISHed state in the `presentity` table, handle_subscribe()
// keeps watchers in `active_watchers`, and every change is NOTIFYed to the watchers of the
// presentity. Event packages come from presence_* modules (presence_reginfo adds `reg`).
import { defineModule, fn, param, stat } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { openDatabase } from '../../engine/db/index.js';
import type { TmApi } from '../tm/api.js';
import type { SignalingApi } from '../signaling/api.js';
import { PresenceServer, type PresenceStats } from './server.js';
import { PresencePersistence } from './persist.js';
import { handlePublish } from './handle-publish.js';
import { handleSubscribe } from './handle-subscribe.js';
import type { PresenceApi } from './api.js';

export type { PresenceApi, PresenceEventDef } from './api.js';

interface PresenceState {
  readonly server: PresenceServer;
  readonly persistence: PresencePersistence;
  readonly stopClean: () => void;
}

export default defineModule({
  name: 'presence',
  doc: 'The presence server for the event packages other modules add (presence_reginfo: `reg`): handle_publish() is the RFC 3903 state compositor (SIP-ETag, SIP-If-Match, 412, 423, 489, bodies checked by the event), handle_subscribe() the RFC 6665 notifier (200 with Expires and Contact, then a NOTIFY with the current state; refreshes, Expires: 0 and expiry end with terminated;reason=timeout; a NOTIFY answered 481 ends the subscription). Every change of a presentity is NOTIFYed to its watchers, one NOTIFY at a time per dialog, numbered per watcher. State lives in the OpenSIPS `presentity` (version 5) and `active_watchers` (version 12) tables and is loaded at start-up.',
  deps: { tm: 'abort', signaling: 'abort', db_postgres: 'optional' },
  params: {
    db_url: param.str({ doc: 'Database of the presentity and active_watchers tables (postgres://... or pglite:///path). Required.' }),
    presentity_table: param.str({ default: 'presentity', doc: 'Name of the presentity table.' }),
    active_watchers_table: param.str({ default: 'active_watchers', doc: 'Name of the active_watchers table.' }),
    clean_period: param.int({ default: 100, min: 1, doc: 'Seconds between runs that end expired subscriptions (final NOTIFY) and drop expired presentities.' }),
    max_expires_subscribe: param.int({ default: 3600, min: 1, doc: 'Longest subscription granted (seconds).' }),
    max_expires_publish: param.int({ default: 3600, min: 1, doc: 'Longest publication granted, and the one given to a PUBLISH without Expires (seconds).' }),
    min_expires: param.int({ default: 0, min: 0, doc: 'tsips: shorter non-zero Expires in PUBLISH or SUBSCRIBE are answered 423 (0: none).' }),
    server_address: param.str({ doc: 'Contact URI of our replies and NOTIFYs (default: contact_user at the socket the SUBSCRIBE came in on).' }),
    contact_user: param.str({ default: 'presence', doc: 'User part of the default Contact.' }),
  },
  stats: {
    presentities: stat.computed<PresenceState>({ doc: 'Published states held.', read: (st) => st.server.store.counts.presentities }),
    active_watchers: stat.computed<PresenceState>({ doc: 'Subscriptions held.', read: (st) => st.server.store.counts.watchers }),
    published: stat.counter({ doc: 'PUBLISH requests accepted.' }),
    publish_refused: stat.counter({ doc: 'PUBLISH bodies refused by their event (e.g. hostile XML).' }),
    subscribed: stat.counter({ doc: 'SUBSCRIBE requests accepted.' }),
    notify_sent: stat.counter({ doc: 'NOTIFY requests sent.' }),
    notify_failed: stat.counter({ doc: 'NOTIFYs answered with an error or not at all (the subscription ended).' }),
  },
  functions: {
    handle_publish: fn({
      args: [],
      routes: ['request'],
      run: (ctx, st: PresenceState) => handlePublish(st.server, ctx),
      doc: 'Handles a PUBLISH and sends the reply (200 with SIP-ETag and Expires, or 400/412/423/489). 1 on success, -1 otherwise.',
    }),
    handle_subscribe: fn({
      args: [],
      routes: ['request'],
      run: (ctx, st: PresenceState) => handleSubscribe(st.server, ctx),
      doc: 'Handles a SUBSCRIBE (initial, refresh or Expires: 0), sends the reply and the NOTIFY. 1 on success, -1 otherwise (the reply is sent either way).',
    }),
  },
  init: async (ctx): Promise<PresenceState> => {
    const p = ctx.params;
    if (!p.db_url) throw new Error('presence keeps its state in SQL: set modparam("presence", "db_url", "postgres://...") or "pglite:///path"');
    const db = await openDatabase(p.db_url);
    const log = (level: number, message: string) => ctx.log(level, message);
    const timers = ctx.services.timers;
    const persistence = new PresencePersistence(db, p.presentity_table, p.active_watchers_table, log, (ms, fn) => void timers.after(ms, fn));
    try {
      await persistence.prepare();
    } catch (e) {
      await db.close();
      throw e;
    }
    const server = new PresenceServer(
      { maxExpiresSubscribe: p.max_expires_subscribe, maxExpiresPublish: p.max_expires_publish, minExpires: p.min_expires, serverAddress: p.server_address, contactUser: p.contact_user },
      ctx.api('tm') as TmApi, ctx.api('signaling') as SignalingApi, ctx.services.timers, persistence, ctx.stats as unknown as PresenceStats, log,
    );
    const stopClean = ctx.services.timers.every(p.clean_period * 1000, () => server.clean());
    return { server, persistence, stopClean };
  },
  async childInit(st) {
    const n = await st.persistence.load(st.server.store, st.server.nowSec());
    st.server.log(LogLevel.INFO, `loaded ${n} presentities and watchers from ${st.persistence.db.safeUrl}`);
  },
  destroy: async (st) => {
    st.stopClean();
    await st.persistence.drain();
    await st.persistence.db.close();
  },
  api: (st): PresenceApi => ({
    addEvent: (def) => { st.server.events.set(def.name, def); },
    hasEvent: (name) => st.server.events.has(name),
    publishLocal: (uri, event, body, expires) => st.server.publishLocal(uri, event, body, expires),
  }),
});
