// engine/db: URLs (masked in every message), PGlite in memory and on disk, the real
// PostgreSQL when TSIPS_TEST_PG_URL is set, OpenSIPS's version table, outage detection.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, ensureTables, maskUrl, parseDbUrl, isConnectionError, dbErrorText, DbError, type TableMigration } from '../../../engine/db/index.js';

const pgUrl = process.env.TSIPS_TEST_PG_URL;

const table = (name: string, version: number): TableMigration => ({
  table: name, version,
  create: (k) => k.schema.createTable(name, (t) => { t.increments('id'); t.string('v'); }),
});

describe('db urls', () => {
  it('masks the password and refuses backends tsips does not have', () => {
    expect(maskUrl('postgres://opensips:secret@db.example.com:5432/opensips')).toBe('postgres://opensips:***@db.example.com:5432/opensips');
    expect(parseDbUrl('pglite://memory').kind).toBe('pglite');
    expect(parseDbUrl('pglite:///var/lib/tsips').target).toBe('/var/lib/tsips');
    expect(() => parseDbUrl('mysql://u:p@h/db')).toThrow(/no mysql backend.*postgres:\/\//);
    expect(() => parseDbUrl('mysql://u:p@h/db')).toThrow(/^(?!.*:p@)/);
  });

  it('an unreachable PostgreSQL is a clear error naming the URL without its password', async () => {
    const t0 = Date.now();
    const e = await openDatabase('postgres://tsips:hunter2@127.0.0.1:1/nowhere', { connectTimeoutMs: 2000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DbError);
    expect((e as Error).message).toMatch(/^cannot connect to postgres:\/\/tsips:\*\*\*@127\.0\.0\.1:1\/nowhere: /);
    expect((e as Error).message).not.toContain('hunter2');
    expect(isConnectionError((e as Error).cause)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('pglite', () => {
  it('is shared per URL and ends with the last close', async () => {
    const a = await openDatabase('pglite://memory');
    const b = await openDatabase('pglite://memory');
    expect(a).toBe(b);
    await a.knex.schema.createTable('shared_t', (t) => t.integer('x'));
    await a.close();
    expect(await b.ping()).toBe(true);
    expect(await b.knex.schema.hasTable('shared_t')).toBe(true);
    await b.close();
    const c = await openDatabase('pglite://memory');
    expect(await c.knex.schema.hasTable('shared_t')).toBe(false); // a fresh in-memory database
    await c.close();
  });

  it('logs what the server said about a failed batch, not the statement with its placeholders', async () => {
    const db = await openDatabase('pglite://memory');
    try {
      const rows = Array.from({ length: 200 }, (_, i) => ({ v: i }));
      const e = await db.knex('no_such_table').insert(rows).catch((x: unknown) => x);
      expect((e as Error).message.length).toBeGreaterThan(1000);
      expect(dbErrorText(e)).toBe('relation "no_such_table" does not exist');
      expect(dbErrorText(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    } finally {
      await db.close();
    }
  });

  it('keeps a directory database across reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsips-pglite-'));
    try {
      const url = `pglite://${dir}`;
      const db = await openDatabase(url);
      await ensureTables(db, [table('kept', 1)]);
      await db.knex('kept').insert({ v: 'hello' });
      await db.close();
      const again = await openDatabase(url);
      expect(await again.knex('kept').select('v')).toEqual([{ v: 'hello' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('version table: creates once, accepts a hand-made table, refuses a wrong version', async () => {
    const db = await openDatabase('pglite://memory');
    try {
      await ensureTables(db, [table('t1', 3)]);
      await ensureTables(db, [table('t1', 3)]);
      expect(await db.knex('version').select('table_name', 'table_version').orderBy('table_name')).toEqual([{ table_name: 't1', table_version: 3 }]);
      await db.knex.schema.createTable('t2', (t) => t.integer('x'));
      await ensureTables(db, [table('t2', 7)]);
      expect((await db.knex('version').where({ table_name: 't2' }).first()).table_version).toBe(7);
      const e = await ensureTables(db, [table('t1', 4)]).catch((x: unknown) => x);
      expect((e as Error).message).toMatch(/table 't1' in pglite:\/\/memory has version 3, tsips needs 4/);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!pgUrl)('postgres', () => {
  it('opens, pings and runs the version table on the real server', async () => {
    const db = await openDatabase(pgUrl!);
    try {
      expect(db.kind).toBe('postgres');
      expect(await db.ping()).toBe(true);
      const name = `tsips_t_${process.pid}`;
      await db.knex.schema.dropTableIfExists(name);
      await db.knex('version').where({ table_name: name }).del().catch(() => {});
      await ensureTables(db, [table(name, 1)]);
      expect(await db.knex.schema.hasTable(name)).toBe(true);
      await db.knex.schema.dropTable(name);
      await db.knex('version').where({ table_name: name }).del();
    } finally {
      await db.close();
    }
  });
});
