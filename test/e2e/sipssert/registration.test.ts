// OpenSIPS's own SIPssert registration scenarios 01-09 against tsips, each script run as it
// is but for addresses, ports, paths and db_url. With TSIPS_TEST_PG_URL (CI) the SQL checks
// read the same `location` table tsips writes, in a database of their own
// (<name>_sipssert); without it tsips uses an embedded PGlite and the SQL checks are
// skipped (only tsips may open that database while it runs).
import { describe, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { sharedDir } from '../tsips-process.js';
import { freePort } from '../free-port.js';
import { runScenario, type ScenarioEnv } from './scenario.js';
import { registrationCheck } from './checks.js';
import { callMi, miUrl } from '../../../engine/cli/mi-client.js';

const corpus = join(sharedDir, 'corpus', 'sipssert', 'registration');
const scenarios = readdirSync(corpus).filter((d) => /^\d\d\./.test(d)).sort();
const pgUrl = process.env.TSIPS_TEST_PG_URL;

/** A database for these tests only, so other tests' `location` tables do not interfere. */
async function ownDatabase(base: string): Promise<string> {
  const u = new URL(base);
  const name = `${u.pathname.slice(1) || 'postgres'}_sipssert`;
  const admin = knexFactory({ client: 'pg', connection: base });
  try {
    const found = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name]);
    if (found.rows.length === 0) await admin.raw(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
  u.pathname = `/${name}`;
  return u.toString();
}

async function freeBlock(): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (p < 60000) return p; // +1..+3 must stay valid ports; taken ones make sipp fail loudly
  }
}

describe.sequential('SIPssert registration scenarios', () => {
  for (const name of scenarios) {
    it(name, async () => {
      const work = mkdtempSync(join(tmpdir(), `tsips-sipssert-${name}-`));
      let db: ReturnType<typeof knexFactory> | undefined;
      try {
        let dbUrl = `pglite://${join(work, 'db')}`;
        if (pgUrl) {
          dbUrl = await ownDatabase(pgUrl);
          db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 1 } });
          await db.schema.dropTableIfExists('location');
          if (await db.schema.hasTable('version')) await db('version').where({ table_name: 'location' }).del();
        }
        const miPort = await freePort();
        const env: ScenarioEnv = {
          dir: join(corpus, name), work, sipPort: await freePort(), miPort, uacPort: await freeBlock(), uasPort: await freePort(), dbUrl,
          mi: async (method) => (await callMi(miUrl(miPort), method)).result,
          sql: db ? async (q) => (await db!.raw(q)).rows as unknown[] : undefined,
          check: registrationCheck,
        };
        await runScenario(env, () => {});
      } finally {
        await db?.destroy();
        rmSync(work, { recursive: true, force: true });
      }
    }, 90_000);
  }
});
