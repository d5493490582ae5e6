// Keeping the `pua` table in step with memory (reference 7.5-7.6, with 8 #10 fixed: rows are
// updated by primary key and every mutable field is written). Changes are collected and
// written every `update_period`, or at once when clustering (the other nodes read the row as
// soon as they are told). Removals leave SQL at once. At start-up the live rows are loaded
// so publications and subscriptions carry on with their ETags and dialogs; expired rows are
// deleted. A database outage keeps the changes in memory until it is back, logged once.
import type { Knex } from 'knex';
import { bulkInsert, bulkUpsertById, dbErrorText, ensureTables, isConnectionError, type Database } from '../../engine/db/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { addProxyColumn, PUA_COLUMNS, puaMigration, recordOf, rowOf, type PuaRow } from './pua-table.js';
import type { Pua, RecordSink } from './pua.js';
import type { PuaRecord } from './record.js';

/** Rows this many seconds past expiry are deleted by any node's flush (reference 7.5). */
const STALE_SEC = 10;
/** Rows per statement when flushing. */
const BATCH = 500;

export type WriteOp = 'update' | 'delete';

export class PuaPersistence implements RecordSink {
  private readonly dirty = new Set<PuaRecord>();
  private readonly writing = new WeakMap<PuaRecord, Promise<void>>();
  private down = false;
  private flushing: Promise<void> | undefined;
  /** Write each change at once (clustering) instead of on the flush timer. */
  immediate = false;
  /** Told after a change reached SQL (clustering sends it to the other nodes). */
  onWritten: ((r: PuaRecord, op: WriteOp) => void) | undefined;

  constructor(
    readonly db: Database,
    readonly table: string,
    private readonly pua: Pua,
  ) {}

  async prepare(): Promise<void> {
    await ensureTables(this.db, [puaMigration(this.table)]);
    await addProxyColumn(this.db.knex, this.table);
  }

  changed(r: PuaRecord): void {
    if (r.expires === 0) return; // not confirmed yet: nothing the server knows
    if (this.immediate) this.chain(r, () => this.write(r));
    else this.dirty.add(r);
  }

  removed(r: PuaRecord): void {
    this.dirty.delete(r);
    if (r.dbId === undefined && !this.writing.has(r)) return;
    this.chain(r, async () => {
      if (r.dbId === undefined) return;
      await this.db.knex(this.table).where({ id: r.dbId }).del();
      this.onWritten?.(r, 'delete');
    });
  }

  /** Writes of one record run in order (an insert gets its id before an update uses it). */
  private chain(r: PuaRecord, write: () => Promise<void>): void {
    const run = async () => {
      try {
        await write();
        this.up();
      } catch (e) {
        if (r.live) this.dirty.add(r); // the flush timer tries again
        this.failed(e);
      }
    };
    const prev = this.writing.get(r);
    const p = prev ? prev.then(run) : run();
    this.writing.set(r, p);
    void p.then(() => { if (this.writing.get(r) === p) this.writing.delete(r); });
  }

  private async write(r: PuaRecord): Promise<void> {
    if (!r.live) return;
    const row = rowOf(r);
    const k = this.db.knex;
    let n = 0;
    if (r.dbId !== undefined) n = await k(this.table).where({ id: r.dbId }).update(row);
    if (n === 0) { // new, or its row was deleted by another node meanwhile
      const [ins] = await k(this.table).insert(row).returning('id') as { id: number }[];
      r.dbId = Number(ins!.id);
    }
    this.onWritten?.(r, 'update');
  }

  /** The update_period job: dirty records out, stale rows gone. */
  flush(): Promise<void> {
    return (this.flushing ??= this.doFlush().finally(() => { this.flushing = undefined; }));
  }

  private async doFlush(): Promise<void> {
    const now = this.pua.nowSec();
    const batch = [...this.dirty].filter((r) => r.live && r.expires > now); // expired ones are skipped (reference 7.5)
    this.dirty.clear();
    for (let i = 0; i < batch.length; i += BATCH) {
      const chunk = batch.slice(i, i + BATCH);
      // Each record's later writes (a delete) wait for this batch, as for a single write.
      const done = this.writeBatch(chunk).then(() => this.up(), (e: unknown) => {
        for (const r of chunk) if (r.live) this.dirty.add(r); // the next flush tries again
        this.failed(e);
      });
      for (const r of chunk) this.chainAfter(r, done);
      await done;
    }
    try {
      await this.db.knex(this.table).where('expires', '<', now - STALE_SEC).del();
      this.up();
    } catch (e) {
      this.failed(e);
    }
  }

  /** New rows in one INSERT (ids come back in order), known ones in one upsert by id, a
   *  column array each (engine/db/bulk.ts). */
  private async writeBatch(chunk: PuaRecord[]): Promise<void> {
    const k = this.db.knex;
    const fresh = chunk.filter((r) => r.dbId === undefined);
    const known = chunk.filter((r) => r.dbId !== undefined);
    if (fresh.length > 0) {
      const ids = await bulkInsert(k, this.table, PUA_COLUMNS, fresh.map(rowOf));
      fresh.forEach((r, i) => { r.dbId = ids[i]; });
    }
    if (known.length > 0) {
      await bulkUpsertById(k, this.table, PUA_COLUMNS, known.map((r) => ({ id: r.dbId, ...rowOf(r) })));
    }
    for (const r of chunk) this.onWritten?.(r, 'update');
  }

  private chainAfter(r: PuaRecord, p: Promise<void>): void {
    const prev = this.writing.get(r);
    const next = prev ? prev.then(() => p) : p;
    this.writing.set(r, next);
    void next.then(() => { if (this.writing.get(r) === next) this.writing.delete(r); });
  }

  /** Loads the live rows at start-up (all of them: a node of a cluster holds the records of
   *  the others too); deletes the expired ones. */
  async load(): Promise<number> {
    const now = this.pua.nowSec();
    await this.db.knex(this.table).where('expires', '<=', now).del();
    const rows = await this.db.knex(this.table).select('*') as PuaRow[];
    for (const row of rows) this.adopt(recordOf(row));
    return rows.length;
  }

  /** A record read from SQL joins memory with its timer armed. */
  adopt(r: PuaRecord): PuaRecord {
    this.pua.table.add(r);
    this.pua.arm(r);
    return r;
  }

  private up(): void {
    if (!this.down) return;
    this.down = false;
    this.db.markHealthy();
    this.pua.log(LogLevel.NOTICE, `database ${this.db.safeUrl} is reachable again: pending pua changes written`);
  }

  private failed(e: unknown): void {
    if (isConnectionError(e)) {
      if (!this.down) {
        this.down = true;
        this.db.markDown();
        this.pua.log(LogLevel.ERR, `database ${this.db.safeUrl} unreachable: pua changes kept in memory until it is back (${dbErrorText(e)})`);
      }
      return;
    }
    this.pua.log(LogLevel.ERR, `pua table write failed: ${dbErrorText(e)}`);
  }
}
