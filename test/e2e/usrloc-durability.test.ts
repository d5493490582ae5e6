// Durability against the real PostgreSQL (TSIPS_TEST_PG_URL): a write-through tsips killed
// with SIGKILL in the middle of a REGISTER load loses no registration it answered 200, and a
// write-back tsips whose database goes away keeps answering, logs the outage once, and
// writes everything when the database is back. The outage is made by a TCP relay between
// tsips and PostgreSQL that the test cuts and restores, so other tests using the server
// carry on.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { startTsips } from './tsips-process.js';
import { freePort } from './free-port.js';
import { registerLoad } from './register-load.js';
import { miStatistic, miUrl } from '../../engine/cli/mi-client.js';

const pgUrl = process.env.TSIPS_TEST_PG_URL;
const dir = mkdtempSync(join(tmpdir(), 'tsips-durability-'));
let db: Knex;
let dbUrl: string;

const cfg = (mode: string, url: string, extra = '') => `
log_level=3
stderror_enabled=yes
loadmodule "proto_udp.so"
loadmodule "signaling.so"
loadmodule "sl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "db_postgres.so"
loadmodule "sipmsgops.so"
modparam("usrloc", "working_mode_preset", "${mode}")
modparam("usrloc", "db_url", "${url}")
${extra}
route { if (is_method("REGISTER")) save("location"); exit; }
`;

async function start(name: string, text: string, port: number) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const p = startTsips(['-f', file, '-l', `udp:127.0.0.1:${port}`]);
  await p.waitFor(/ready/, 20_000);
  return p;
}

const rowsLike = async (prefix: string) => (await db('location').where('username', 'like', `${prefix}%`).select('username')).map((r: { username: string }) => r.username);

describe.skipIf(!pgUrl)('usrloc durability on PostgreSQL', () => {
  beforeAll(async () => {
    const u = new URL(pgUrl!);
    const name = `${u.pathname.slice(1) || 'postgres'}_durability`;
    const admin = knexFactory({ client: 'pg', connection: pgUrl });
    if ((await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name])).rows.length === 0) await admin.raw(`CREATE DATABASE "${name}"`);
    await admin.destroy();
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 2 } });
    await db.schema.dropTableIfExists('location');
    if (await db.schema.hasTable('version')) await db('version').where({ table_name: 'location' }).del();
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('write-through: after kill -9 in the middle of a load, every registration answered 200 is in the table and back after restart', async () => {
    const port = await freePort();
    const p = await start('wt.cfg', cfg('single-instance-sql-write-through', dbUrl), port);
    const load = registerLoad({ port, count: 3000, prefix: 'kill', perTick: 30 });
    for (let i = 0; i < 300 && load.acked.size < 800; i++) await new Promise((r) => setTimeout(r, 20));
    p.child.kill('SIGKILL');
    await p.exited;
    load.stop();
    const acked = [...load.acked];
    expect(acked.length).toBeGreaterThan(500);
    expect(acked.length).toBeLessThan(3000); // the kill did land in the middle
    const stored = new Set(await rowsLike('kill'));
    expect(acked.filter((a) => !stored.has(a))).toEqual([]);
    // And a restarted tsips serves them again from the table.
    const http = await freePort();
    const again = await start('wt2.cfg', cfg('single-instance-sql-write-through', dbUrl,
      `loadmodule "httpd.so"\nmodparam("httpd", "port", ${http})\nloadmodule "mi_http.so"`), port);
    try {
      const users = await miStatistic(miUrl(http), 'usrloc:location-users');
      expect(users).toBe(stored.size);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('write-back: a database outage is survived, logged once, and everything is written when it returns', async () => {
    // A relay tsips talks to instead of PostgreSQL itself: cut = the database is gone.
    const target = new URL(dbUrl);
    const relayPort = await freePort();
    const conns = new Set<net.Socket>();
    let relay: net.Server | undefined;
    const openRelay = () => new Promise<void>((resolve) => {
      relay = net.createServer((c) => {
        const up = net.connect(Number(target.port || 5432), target.hostname);
        conns.add(c); conns.add(up);
        c.pipe(up); up.pipe(c);
        const close = () => { c.destroy(); up.destroy(); conns.delete(c); conns.delete(up); };
        c.on('error', close); up.on('error', close); c.on('close', close); up.on('close', close);
      });
      relay.listen(relayPort, '127.0.0.1', () => resolve());
    });
    const cutRelay = () => new Promise<void>((resolve) => {
      for (const c of conns) c.destroy();
      conns.clear();
      relay!.close(() => resolve());
    });
    await openRelay();
    const via = new URL(dbUrl);
    via.host = `127.0.0.1:${relayPort}`;
    const port = await freePort();
    const p = await start('wb.cfg', cfg('single-instance-sql-write-back', via.toString(), 'modparam("usrloc", "timer_interval", 1)'), port);
    try {
      const first = registerLoad({ port, count: 300, prefix: 'wbA', perTick: 30 });
      await first.done;
      expect(first.acked.size).toBe(300);
      for (let i = 0; i < 100 && (await rowsLike('wbA')).length < 300; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await rowsLike('wbA')).length).toBe(300);
      await cutRelay();
      const during = registerLoad({ port, count: 500, prefix: 'wbB', perTick: 25 });
      await during.done;
      expect(during.acked.size).toBe(500); // answered from memory while the database is away
      await new Promise((r) => setTimeout(r, 2500)); // a few timer runs fail meanwhile
      expect((await rowsLike('wbB')).length).toBe(0);
      await openRelay();
      for (let i = 0; i < 150 && (await rowsLike('wbB')).length < 500; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await rowsLike('wbB')).length).toBe(500);
      const out = p.output();
      expect(out.match(/is unreachable/g)?.length).toBe(1);
      expect(out).toMatch(/is back: \d+ pending change\(s\) written/);
    } finally {
      await p.stop();
      if (relay?.listening) await cutRelay();
    }
  }, 90_000);
});
