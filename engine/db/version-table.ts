// OpenSIPS's `version` table: one row per table with the schema version the code expects.
// Each module owns its tables and creates them when missing; a table whose recorded version
// differs is refused (OpenSIPS will not start on a wrong schema either).
import type { Knex } from 'knex';
import { DbError } from './errors.js';
import type { Database } from './open.js';

export interface TableMigration {
  readonly table: string;
  readonly version: number;
  create(knex: Knex): Promise<void>;
}

export async function ensureTables(db: Database, migrations: readonly TableMigration[]): Promise<void> {
  const k = db.knex;
  if (!(await k.schema.hasTable('version'))) {
    await k.schema.createTable('version', (t) => {
      t.string('table_name', 32).notNullable().primary();
      t.integer('table_version').notNullable().defaultTo(0);
    }).catch(async (e: unknown) => { if (!(await k.schema.hasTable('version'))) throw e; }); // another node made it
  }
  for (const m of migrations) {
    const row = await k('version').where({ table_name: m.table }).first() as { table_version: number } | undefined;
    const exists = await k.schema.hasTable(m.table);
    if (row && Number(row.table_version) !== m.version) {
      throw new DbError('DB_VERSION', `table '${m.table}' in ${db.safeUrl} has version ${row.table_version}, tsips needs ${m.version} (OpenSIPS's schema for this release)`);
    }
    if (!exists) await m.create(k);
    if (!row) await k('version').insert({ table_name: m.table, table_version: m.version }).onConflict('table_name').ignore();
  }
}
