// presence's rows follow memory as it changes (each write in the background, in order per
// object); a database outage is logged once and the state keeps being served from memory.
// At start-up the live rows are loaded so watchers keep their dialogs over a restart.
import { ensureTables, isConnectionError, type Database } from '../../engine/db/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { activeWatchersMigration, presentityMigration, presentityOf, presentityRow, watcherOf, watcherRow } from './tables.js';
import type { PresenceStore, Presentity, Watcher } from './store.js';

export class PresencePersistence {
  private readonly chains = new WeakMap<object, Promise<void>>();
  private down = false;

  constructor(
    readonly db: Database,
    private readonly presentityTable: string,
    private readonly watchersTable: string,
    private readonly log: (level: number, message: string) => void,
  ) {}

  async prepare(): Promise<void> {
    await ensureTables(this.db, [presentityMigration(this.presentityTable), activeWatchersMigration(this.watchersTable)]);
  }

  async load(store: PresenceStore, now: number): Promise<number> {
    const k = this.db.knex;
    await k(this.presentityTable).where('expires', '<=', now).del();
    await k(this.watchersTable).where('expires', '<=', now).del();
    const ps = await k(this.presentityTable).select('*') as Record<string, unknown>[];
    for (const r of ps) store.addPresentity(presentityOf(r));
    const ws = await k(this.watchersTable).select('*') as Record<string, unknown>[];
    for (const r of ws) store.addWatcher(watcherOf(r));
    return ps.length + ws.length;
  }

  savePresentity(p: Presentity): void {
    this.chain(p, async () => {
      const row = presentityRow(p);
      if (p.dbId !== undefined && await this.db.knex(this.presentityTable).where({ id: p.dbId }).update(row) > 0) return;
      const [r] = await this.db.knex(this.presentityTable).insert(row).returning('id') as { id: number }[];
      p.dbId = Number(r!.id);
    });
  }

  deletePresentity(p: Presentity): void {
    this.chain(p, async () => {
      if (p.dbId !== undefined) await this.db.knex(this.presentityTable).where({ id: p.dbId }).del();
    });
  }

  saveWatcher(w: Watcher): void {
    this.chain(w, async () => {
      const row = watcherRow(w);
      if (w.dbId !== undefined && await this.db.knex(this.watchersTable).where({ id: w.dbId }).update(row) > 0) return;
      const [r] = await this.db.knex(this.watchersTable).insert(row).returning('id') as { id: number }[];
      w.dbId = Number(r!.id);
    });
  }

  deleteWatcher(w: Watcher): void {
    this.chain(w, async () => {
      if (w.dbId !== undefined) await this.db.knex(this.watchersTable).where({ id: w.dbId }).del();
    });
  }

  /** Resolves when every write started so far is done. */
  async drain(objs: Iterable<object>): Promise<void> {
    await Promise.all([...objs].map((o) => this.chains.get(o)));
  }

  private chain(o: object, write: () => Promise<void>): void {
    const run = async () => {
      try {
        await write();
        if (this.down) {
          this.down = false;
          this.log(LogLevel.NOTICE, `database ${this.db.safeUrl} is reachable again`);
        }
      } catch (e) {
        if (isConnectionError(e)) {
          if (!this.down) this.log(LogLevel.ERR, `database ${this.db.safeUrl} unreachable: presence state is served from memory (${(e as Error).message})`);
          this.down = true;
        } else this.log(LogLevel.ERR, `presence table write failed: ${(e as Error).message}`);
      }
    };
    const prev = this.chains.get(o);
    const p = prev ? prev.then(run) : run();
    this.chains.set(o, p);
  }
}
