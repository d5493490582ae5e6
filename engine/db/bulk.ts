// Many rows in one statement whose text does not grow with them: one array parameter per
// column, unnest()ed by the server (PostgreSQL and PGlite alike). knex's multi-row VALUES
// builds, numbers and binds a placeholder per value, which a presence server writing
// thousands of rows a second paid for on every batch.
import type { Knex } from 'knex';

/** PostgreSQL types of the columns written, by column name. */
export type BulkColumns = Readonly<Record<string, 'text' | 'integer' | 'bytea'>>;

/** Inserts the rows; the new ids come back in the order of the rows. */
export async function bulkInsert(k: Knex, table: string, columns: BulkColumns, rows: readonly object[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const { names, sql, bindings } = statement(table, columns, rows, false);
  const r = await k.raw(`insert into ?? (${names}) select * from ${sql} returning "id"`, bindings) as { rows: { id: number | string }[] };
  return r.rows.map((x) => Number(x.id));
}

/** Writes rows that have an id: inserted again if they are gone, updated otherwise. */
export async function bulkUpsertById(k: Knex, table: string, columns: BulkColumns, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const { names, sql, bindings } = statement(table, columns, rows, true);
  const set = Object.keys(columns).map((c) => `"${c}" = excluded."${c}"`).join(', ');
  await k.raw(`insert into ?? (${names}) select * from ${sql} on conflict ("id") do update set ${set}`, bindings);
}

/** The column's values as one PostgreSQL array literal (elements quoted, `\` and `"`
 *  escaped, bytea as `\\x` hex): knex would spread a JavaScript array into a placeholder
 *  per element, which is what this file avoids. */
function arrayLiteral(rows: readonly object[], name: string): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const v = (rows[i] as Record<string, unknown>)[name];
    if (i > 0) out += ',';
    if (v === null || v === undefined) {
      out += 'NULL';
      continue;
    }
    const text = Buffer.isBuffer(v) ? `\\\\x${v.toString('hex')}` : String(v).replace(/[\\"]/g, '\\$&');
    out += `"${text}"`;
  }
  return `${out}}`;
}

function statement(table: string, columns: BulkColumns, rows: readonly object[], withId: boolean) {
  const cols: [string, string][] = Object.entries(columns);
  if (withId) cols.unshift(['id', 'integer']);
  const bindings: string[] = [table];
  for (const [name] of cols) bindings.push(arrayLiteral(rows, name));
  return {
    names: cols.map(([c]) => `"${c}"`).join(', '),
    sql: `unnest(${cols.map(([, type]) => `?::${type}[]`).join(', ')})`,
    bindings,
  };
}
