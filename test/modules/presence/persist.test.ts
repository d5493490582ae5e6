// presence's tables as a restarted server reads them: what was stored, modified and removed
// in memory is what a fresh store loads back.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/db/index.js';
import { PresencePersistence } from '../../../modules/presence/persist.js';
import { PresenceStore, type Presentity, type Watcher } from '../../../modules/presence/store.js';

const urls = ['pglite://memory', ...(process.env.TSIPS_TEST_PG_URL ? [process.env.TSIPS_TEST_PG_URL] : [])];
const NOW = 1_900_000_000;

const presentity = (user: string, body: string): Presentity => ({
  presUri: `sip:${user}@example.com`, event: 'reg', etag: `e-${user}`, expires: NOW + 600, receivedTime: NOW, body, sender: '', dbId: undefined, seq: 0,
});
const watcher = (callId: string): Watcher => ({
  presUri: 'sip:alice@example.com', event: 'reg', eventId: undefined, watcherUri: 'sip:w@example.net', callId, toTag: 't1', fromTag: 'f1',
  localCseq: 3, remoteCseq: 2, contact: 'sip:w@192.0.2.9:5060', routeSet: ['<sip:p1.example.net;lr>', '<sip:p2.example.net;lr>'], expires: NOW + 300,
  version: 4, socket: 'udp:127.0.0.1:5060', localContact: 'sip:127.0.0.1:5060', dbId: undefined, busy: false, again: false, live: true,
});

describe.each(urls)('presence tables on %s', (url) => {
  it('load back what was stored, modified and removed', async () => {
    const db = await openDatabase(url);
    const suffix = Math.random().toString(36).slice(2, 8);
    const tables = [`presentity_${suffix}`, `active_watchers_${suffix}`] as const;
    const persistence = () => new PresencePersistence(db, tables[0], tables[1], () => {}, (ms, fn) => { setTimeout(fn, ms); });
    try {
      const p = persistence();
      await p.prepare();
      const alice = presentity('alice', '<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full"/>\u00e9"\\');
      const bob = presentity('bob', 'b');
      const w = watcher('c1');
      const gone = watcher('c2');
      for (const x of [alice, bob]) p.savePresentity(x);
      for (const x of [w, gone]) p.saveWatcher(x);
      await p.drain();
      expect(alice.dbId).toBeTypeOf('number');
      alice.body = 'modified';
      alice.etag = 'e-alice-2';
      p.savePresentity(alice);
      p.deletePresentity(bob);
      w.version = 5;
      p.saveWatcher(w);
      p.deleteWatcher(gone);
      await p.drain();

      const store = new PresenceStore();
      expect(await persistence().load(store, NOW)).toBe(2);
      expect(store.allPresentities()).toEqual([{ ...alice, seq: 0 }]);
      expect(store.allWatchers()).toEqual([w]);
    } finally {
      for (const t of tables) await db.knex.schema.dropTableIfExists(t);
      await db.knex('version').whereIn('table_name', [...tables]).del();
      await db.close();
    }
  });
});
