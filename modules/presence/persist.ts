// presence's rows follow memory as it changes: changes made within a few milliseconds are
// written together (one insert and one upsert by id per batch, a column array each, see
// engine/db/bulk.ts; delete by id), one pass at a time so a delete never overtakes its
// insert; a database outage is logged once, the changes are kept and written when it is
// back, and the state keeps being served from memory meanwhile.
// At start-up the live rows are loaded so watchers keep their dialogs over a restart.
import { bulkInsert, bulkUpsertById, dbErrorText, ensureTables, isConnectionError, type BulkColumns, type Database } from '../../engine/db/index.js';
import { LogLevel } from '../../engine/core/log.js';
import {
  activeWatchersMigration, PRESENTITY_COLUMNS, presentityMigration, presentityOf, presentityRow, WATCHER_COLUMNS, watcherOf, watcherRow,
} from './tables.js';
import type { PresenceStore, Presentity, Watcher } from './store.js';

/** Changes wait this long to be written together (a busy server writes thousands a second). */
const COALESCE_MS = 5;
const BATCH = 500;

interface Kind<T extends { dbId: number | undefined }> {
  readonly table: string;
  readonly columns: BulkColumns;
  readonly row: (o: T) => Record<string, unknown>;
  readonly saves: Set<T>;
  deletes: T[];
}

export class PresencePersistence {
  private readonly presentities: Kind<Presentity>;
  private readonly watchers: Kind<Watcher>;
  private down = false;
  private armed = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    readonly db: Database,
    presentityTable: string,
    watchersTable: string,
    private readonly log: (level: number, message: string) => void,
    private readonly later: (ms: number, fn: () => void) => void,
  ) {
    this.presentities = { table: presentityTable, columns: PRESENTITY_COLUMNS, row: presentityRow, saves: new Set(), deletes: [] };
    this.watchers = { table: watchersTable, columns: WATCHER_COLUMNS, row: watcherRow, saves: new Set(), deletes: [] };
  }

  async prepare(): Promise<void> {
    await ensureTables(this.db, [presentityMigration(this.presentities.table), activeWatchersMigration(this.watchers.table)]);
  }

  async load(store: PresenceStore, now: number): Promise<number> {
    const k = this.db.knex;
    await k(this.presentities.table).where('expires', '<=', now).del();
    await k(this.watchers.table).where('expires', '<=', now).del();
    const ps = await k(this.presentities.table).select('*') as Record<string, unknown>[];
    for (const r of ps) store.addPresentity(presentityOf(r));
    const ws = await k(this.watchers.table).select('*') as Record<string, unknown>[];
    for (const r of ws) store.addWatcher(watcherOf(r));
    return ps.length + ws.length;
  }

  savePresentity(p: Presentity): void { this.save(this.presentities, p); }
  deletePresentity(p: Presentity): void { this.remove(this.presentities, p); }
  saveWatcher(w: Watcher): void { this.save(this.watchers, w); }
  deleteWatcher(w: Watcher): void { this.remove(this.watchers, w); }

  /** Resolves when every change made so far is written (shutdown). */
  async drain(): Promise<void> {
    while (this.pending()) await this.flush();
    await this.flushing;
  }

  private save<T extends { dbId: number | undefined }>(k: Kind<T>, o: T): void {
    k.saves.add(o);
    this.arm();
  }

  private remove<T extends { dbId: number | undefined }>(k: Kind<T>, o: T): void {
    // Never written and not being written: nothing to delete.
    if (!k.saves.delete(o) || o.dbId !== undefined) k.deletes.push(o);
    this.arm();
  }

  private pending(): boolean {
    return this.presentities.saves.size + this.presentities.deletes.length + this.watchers.saves.size + this.watchers.deletes.length > 0;
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.later(COALESCE_MS, () => { this.armed = false; void this.flush(); });
  }

  /** One write pass at a time, in order: a delete never overtakes the insert it undoes. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeAll());
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    try {
      await this.writeKind(this.presentities);
      await this.writeKind(this.watchers);
      if (this.down) {
        this.down = false;
        this.log(LogLevel.NOTICE, `database ${this.db.safeUrl} is reachable again`);
      }
    } catch (e) {
      if (isConnectionError(e)) {
        if (!this.down) this.log(LogLevel.ERR, `database ${this.db.safeUrl} unreachable: presence state is served from memory (${dbErrorText(e)})`);
        this.down = true;
        this.later(1000, () => this.arm()); // try again
      } else this.log(LogLevel.ERR, `presence table write failed: ${dbErrorText(e)}`);
    }
  }

  private async writeKind<T extends { dbId: number | undefined }>(k: Kind<T>): Promise<void> {
    const knex = this.db.knex;
    const saves = [...k.saves];
    k.saves.clear();
    const deletes = k.deletes;
    k.deletes = [];
    try {
      for (let i = 0; i < saves.length; i += BATCH) {
        const chunk = saves.slice(i, i + BATCH);
        const fresh = chunk.filter((o) => o.dbId === undefined);
        const known = chunk.filter((o) => o.dbId !== undefined);
        if (fresh.length > 0) {
          const ids = await bulkInsert(knex, k.table, k.columns, fresh.map(k.row));
          fresh.forEach((o, j) => { o.dbId = ids[j]; });
        }
        if (known.length > 0) await bulkUpsertById(knex, k.table, k.columns, known.map((o) => ({ id: o.dbId, ...k.row(o) })));
      }
      const ids = deletes.map((o) => o.dbId).filter((id): id is number => id !== undefined);
      for (let i = 0; i < ids.length; i += BATCH) await knex(k.table).whereIn('id', ids.slice(i, i + BATCH)).del();
    } catch (e) {
      for (const o of saves) k.saves.add(o); // kept for the next pass
      k.deletes.push(...deletes);
      throw e;
    }
  }
}
