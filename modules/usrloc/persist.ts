// Keeping the `location` table in step with memory (reference 7.1-7.2). Write-through and
// sql-only write each change before persisted() resolves; write-back collects changes and
// the timer writes them in batches. A write that fails because the database is down is not
// lost: the contact stays marked and the next timer run writes it. The outage is logged once,
// and its end once.
import type { Knex } from 'knex';
import { ensureTables, dbErrorText, isConnectionError, type Database } from '../../engine/db/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { locationMigration, rowOf, contactOf, type LocationRow } from './location-table.js';
import type { UContact, UDomain, URecord } from './store.js';
import type { ChangeSink, Usrloc } from './ul.js';

/** The location columns and their SQL types, in the order the upsert sends them. */
const UPSERT_COLUMNS: readonly (readonly [keyof LocationRow, string])[] = [
  ['contact_id', 'bigint'], ['username', 'text'], ['domain', 'text'], ['contact', 'text'], ['received', 'text'], ['path', 'text'],
  ['expires', 'integer'], ['q', 'real'], ['callid', 'text'], ['cseq', 'integer'], ['last_modified', 'timestamp'], ['flags', 'integer'],
  ['cflags', 'text'], ['user_agent', 'text'], ['socket', 'text'], ['methods', 'integer'], ['sip_instance', 'text'], ['kv_store', 'text'], ['attr', 'text'],
];

/** Contact flag (OpenSIPS FL_MEM): save(..., "memory-only") contacts are never written. */
export const FL_MEM = 1;
const BATCH = 500;

export class Persistence implements ChangeSink {
  private readonly dirty = new Map<UContact, URecord>();
  private readonly deletes = new Map<bigint, string>(); // contact id -> table
  private down = false;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly ul: Usrloc,
    private readonly log: (level: number, message: string) => void,
    private readonly flagNames: (mask: number) => string[],
    private readonly flagBit: (name: string) => number | undefined,
  ) {}

  get writeThrough(): boolean {
    return this.ul.dbMode === 1 || this.ul.dbMode === 3;
  }

  saved(r: URecord, c: UContact): void {
    if (c.flags & FL_MEM) return;
    if (!this.writeThrough) {
      this.dirty.set(c, r);
      return;
    }
    this.chain(r, async () => {
      await this.upsert(r.domain.name, [rowOf(r, c, this.ul.useDomain, this.flagNames)]);
      if (c.state !== 'CS_SYNC') c.state = 'CS_SYNC';
    }, () => this.dirty.set(c, r));
  }

  deleted(r: URecord, c: UContact): void {
    this.dirty.delete(c);
    if (c.flags & FL_MEM && c.state === 'CS_NEW') return;
    if (!this.writeThrough) {
      if (c.state !== 'CS_NEW') this.deletes.set(c.id, r.domain.name);
      return;
    }
    this.chain(r, () => this.db.knex(r.domain.name).where({ contact_id: BigInt.asIntN(64, c.id).toString() }).del().then(() => undefined),
      () => this.deletes.set(c.id, r.domain.name));
  }

  /** Writes of one record run in order; persisted(r) is the last of them. */
  private chain(r: URecord, write: () => Promise<void>, onFail: () => void): void {
    const run = async () => {
      try {
        await write();
        this.up();
      } catch (e) {
        onFail();
        this.failed(e);
        throw e;
      }
    };
    const p = r.pending ? r.pending.then(run, run) : run();
    r.pending = p;
    p.then(() => { if (r.pending === p) r.pending = undefined; }, () => { if (r.pending === p) r.pending = undefined; });
  }

  /** One statement per batch: each column travels as one array parameter (unnest), which
   *  costs far less to build and send than a bind parameter per value. */
  private async upsert(table: string, rows: LocationRow[]): Promise<void> {
    const cols = UPSERT_COLUMNS.map(([c]) => `"${c}"`).join(', ');
    const arrays = UPSERT_COLUMNS.map(([, t]) => `?::${t}[]`).join(', ');
    const set = UPSERT_COLUMNS.filter(([c]) => c !== 'contact_id').map(([c]) => `"${c}" = excluded."${c}"`).join(', ');
    const sql = `insert into "${table}" (${cols}) select * from unnest(${arrays}) on conflict (contact_id) do update set ${set}`;
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const params = UPSERT_COLUMNS.map(([c]) => part.map((r) => r[c]));
      // Each array is one binding (pg sends a JS array as a PostgreSQL array).
      await this.db.knex.raw(sql, params as unknown as Knex.RawBinding[]);
    }
  }

  /** The timer's write: every change not in SQL yet, in batches. Resolves when done (a
   *  failure is logged and kept for the next run, never thrown). */
  flush(): Promise<void> {
    return (this.flushing ??= this.doFlush().finally(() => { this.flushing = undefined; }));
  }

  private async doFlush(): Promise<void> {
    if (this.dirty.size === 0 && this.deletes.size === 0) return;
    const batch = [...this.dirty];
    this.dirty.clear();
    const dels = [...this.deletes];
    this.deletes.clear();
    try {
      const byTable = new Map<string, LocationRow[]>();
      for (const [c, r] of batch) {
        const rows = byTable.get(r.domain.name) ?? [];
        rows.push(rowOf(r, c, this.ul.useDomain, this.flagNames));
        byTable.set(r.domain.name, rows);
      }
      for (const [table, rows] of byTable) await this.upsert(table, rows);
      for (const [c] of batch) c.state = 'CS_SYNC';
      const delTables = new Map<string, string[]>();
      for (const [id, table] of dels) delTables.set(table, [...(delTables.get(table) ?? []), BigInt.asIntN(64, id).toString()]);
      for (const [table, ids] of delTables) {
        for (let i = 0; i < ids.length; i += BATCH) await this.db.knex(table).whereIn('contact_id', ids.slice(i, i + BATCH)).del();
      }
      this.up(batch.length + dels.length);
    } catch (e) {
      // Nothing is lost: what was not written is written by a later run.
      for (const [c, r] of batch) if (!this.dirty.has(c) && r.contacts.includes(c)) this.dirty.set(c, r);
      for (const [id, table] of dels) this.deletes.set(id, table);
      this.failed(e);
    }
  }

  get pendingChanges(): number {
    return this.dirty.size + this.deletes.size;
  }

  /** Creates the domain's table if missing (version 1013) and loads its rows into memory. */
  async load(d: UDomain): Promise<number> {
    await ensureTables(this.db, [locationMigration(d.name)]);
    const rows = await this.db.knex(d.name).select<LocationRow[]>('*');
    let n = 0;
    for (const row of rows) {
      if (!row.username || (this.ul.useDomain && !row.domain)) continue; // OpenSIPS skips them too
      const aor = this.ul.useDomain ? `${row.username}@${row.domain}` : row.username;
      const r = this.ul.insertUrecord(d, aor, 'db-load');
      const c = contactOf(row, this.flagBit);
      r.nextLabel = Math.max(r.nextLabel, Number(c.id & 0x3fffn) + 1);
      this.ul.restore(r, c);
      n++;
    }
    return n;
  }

  private failed(e: unknown): void {
    if (!isConnectionError(e)) {
      this.log(LogLevel.ERR, `writing the location table in ${this.db.safeUrl} failed: ${dbErrorText(e)}`);
      return;
    }
    if (!this.down) {
      this.down = true;
      this.db.markDown();
      this.log(LogLevel.ERR, `database ${this.db.safeUrl} is unreachable (${dbErrorText(e)}); registrations are kept in memory and written when it is back`);
    }
  }

  private up(written?: number): void {
    if (!this.down) return;
    this.down = false;
    this.db.markHealthy();
    this.log(LogLevel.NOTICE, `database ${this.db.safeUrl} is back${written !== undefined ? `: ${written} pending change(s) written` : ''}`);
  }
}
