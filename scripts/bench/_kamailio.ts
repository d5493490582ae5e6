// Kamailio as a benchmark or interop peer: a PostgreSQL database of its own built from the
// SQL scripts Debian ships (its presence and pua tables differ from OpenSIPS's, and its
// version table would clash with ours), and its configuration filled in and started.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const SQL_DIR = '/usr/share/kamailio/postgres';

/** Drops and creates database `name` next to baseUrl's, with Kamailio's standard and presence
 *  tables; returns its URL. */
export async function kamailioDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: u.toString() });
  await db.connect();
  try {
    for (const f of ['standard-create.sql', 'presence-create.sql']) await db.query(readFileSync(join(SQL_DIR, f), 'utf8'));
  } finally {
    await db.end();
  }
  return u.toString();
}

/** A configuration with its @NAME@ placeholders filled in. */
export function fillTemplate(text: string, values: Record<string, string | number>): string {
  let out = text;
  for (const [k, v] of Object.entries(values)) out = out.replaceAll(`@${k}@`, String(v));
  return out;
}
