// A dedicated PostgreSQL connection for the two things a pooled query cannot do: LISTEN
// (notifications arrive on the connection that listens) and session advisory locks (held as
// long as the connection lives; PostgreSQL releases them the moment a node dies or loses
// its link). Clustering is built on these: NOTIFY is the bus between nodes sharing one
// database, an advisory lock is the "active" state of a sharing tag.
import pg from 'pg';
import { DbError } from './errors.js';
import type { Database } from './open.js';

export interface DbSession {
  /** Subscribes to a channel; every NOTIFY on it (from any node, this one included) calls
   *  onPayload. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  /** pg_try_advisory_lock on a name: true when this session holds it now. */
  tryLock(name: string): Promise<boolean>;
  unlock(name: string): Promise<void>;
  /** False once the connection ended or failed (its locks and LISTENs are gone with it). */
  readonly alive: boolean;
  /** Called once when the connection ends for any reason other than close(). */
  onLost(cb: (err: Error | undefined) => void): void;
  close(): Promise<void>;
}

/** Sends a notification through the pool (any connection may NOTIFY). */
export async function notify(db: Database, channel: string, payload: string): Promise<void> {
  await db.knex.raw('select pg_notify(?, ?)', [channel, payload]);
}

export async function openSession(db: Database, connectTimeoutMs = 5000): Promise<DbSession> {
  if (db.kind !== 'postgres') {
    throw new DbError('DB_NO_SESSION', `${db.safeUrl}: clustering needs a shared PostgreSQL server (postgres://...), not an embedded database`);
  }
  const client = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: connectTimeoutMs });
  const handlers = new Map<string, (payload: string) => void>();
  let alive = true;
  let closing = false;
  let lost: ((err: Error | undefined) => void) | undefined;
  const end = (err: Error | undefined) => {
    if (!alive) return;
    alive = false;
    if (!closing) lost?.(err);
  };
  client.on('notification', (n) => handlers.get(n.channel)?.(n.payload ?? ''));
  client.on('error', (e) => end(e));
  client.on('end', () => end(undefined));
  try {
    await client.connect();
  } catch (e) {
    throw new DbError('DB_UNREACHABLE', `cannot open a session to ${db.safeUrl}: ${(e as Error).message}`, { cause: e });
  }
  return {
    async listen(channel, onPayload) {
      handlers.set(channel, onPayload);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    },
    async tryLock(name) {
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [name]);
      return r.rows[0]?.ok === true;
    },
    async unlock(name) {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    },
    get alive() { return alive; },
    onLost(cb) { lost = cb; },
    async close() {
      closing = true;
      alive = false;
      await client.end().catch(() => {});
    },
  };
}
