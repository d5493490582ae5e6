import { describe, expect, it } from 'vitest';
import { bulkInsert, bulkUpsertById, openDatabase, type BulkColumns } from '../../../engine/db/index.js';

const urls = ['pglite://memory', ...(process.env.TSIPS_TEST_PG_URL ? [process.env.TSIPS_TEST_PG_URL] : [])];
const COLUMNS: BulkColumns = { name: 'text', n: 'integer', body: 'bytea', note: 'text' };

describe.each(urls)('bulk writes on %s', (url) => {
  it('inserts rows with any text, bytes and nulls, ids in row order, then upserts them by id', async () => {
    const db = await openDatabase(url);
    const t = `bulk_${Math.random().toString(36).slice(2, 8)}`;
    try {
      await db.knex.schema.createTable(t, (c) => {
        c.increments('id'); c.string('name', 64).notNullable(); c.integer('n').notNullable(); c.binary('body').notNullable(); c.string('note').nullable();
      });
      const rows = [
        { name: 'plain', n: 1, body: Buffer.from('<reginfo/>'), note: null },
        { name: 'quo"te\\back,{br}a c\u00e9 NULL', n: -7, body: Buffer.from([0, 0x5c, 0x22, 0xff]), note: '' },
        { name: 'NULL', n: 2147483647, body: Buffer.alloc(0), note: 'x' },
      ];
      const ids = await bulkInsert(db.knex, t, COLUMNS, rows);
      expect(ids).toHaveLength(3);
      const read = async () => (await db.knex(t).select('*').orderBy('id') as Record<string, unknown>[])
        .map((r) => ({ id: r.id, name: r.name, n: r.n, body: Buffer.from(r.body as Uint8Array).toString('hex'), note: r.note }));
      expect(await read()).toEqual(rows.map((r, i) => ({ id: ids[i], name: r.name, n: r.n, body: r.body.toString('hex'), note: r.note })));

      await db.knex(t).where({ id: ids[2] }).del(); // gone meanwhile: written again
      await bulkUpsertById(db.knex, t, COLUMNS, [{ id: ids[0], ...rows[0], n: 10 }, { id: ids[2], ...rows[2], note: 'back' }]);
      const after = await read();
      expect(after.map((r) => [r.id, r.n, r.note])).toEqual([[ids[0], 10, null], [ids[1], -7, ''], [ids[2], 2147483647, 'back']]);
      expect(await bulkInsert(db.knex, t, COLUMNS, [])).toEqual([]);
    } finally {
      await db.knex.schema.dropTableIfExists(t);
      await db.close();
    }
  });
});
