// db_url -> a shared knex instance. Modules naming the same URL share one pool (OpenSIPS
// opens one connection per module and process; here one process holds them all), counted by
// reference so the last close() ends it.
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { DbError, isConnectionError } from './errors.js';
import { parseDbUrl, type DbKind } from './url.js';

export interface Database {
  readonly knex: Knex;
  readonly kind: DbKind;
  /** The URL without its password, for every log line and error. */
  readonly safeUrl: string;
  /** The URL as given (with its password): only for opening a dedicated session. */
  readonly url: string;
  /** False once a query failed because the database was unreachable, true again when one
   *  succeeds (callers report it through markHealthy/markDown). */
  readonly healthy: boolean;
  markDown(): boolean;
  markHealthy(): boolean;
  /** Resolves false instead of throwing when the server is unreachable. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const QUIET = { warn() {}, error() {}, deprecate() {}, debug() {} };

interface Shared { db: Database; refs: number; opening: Promise<Database> }
const open = new Map<string, Shared>();

export interface OpenOptions { connectTimeoutMs?: number; poolMax?: number }

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  const existing = open.get(url);
  if (existing) {
    existing.refs++;
    return existing.opening;
  }
  const shared = { refs: 1 } as Shared;
  shared.opening = create(url, opts, () => {
    if (--shared.refs > 0) return false;
    open.delete(url);
    return true;
  });
  open.set(url, shared);
  try {
    shared.db = await shared.opening;
    return shared.db;
  } catch (e) {
    open.delete(url);
    throw e;
  }
}

async function create(url: string, opts: OpenOptions, release: () => boolean): Promise<Database> {
  const u = parseDbUrl(url);
  const timeout = opts.connectTimeoutMs ?? 5000;
  const knex = u.kind === 'postgres'
    ? knexFactory({
      client: 'pg',
      connection: { connectionString: u.target, connectionTimeoutMillis: timeout },
      // No idle connection kept open: after an outage the pool builds new ones instead of
      // handing out dead sockets; a query waits at most this long for a connection.
      pool: { min: 0, max: opts.poolMax ?? 4, idleTimeoutMillis: 10_000 },
      acquireConnectionTimeout: timeout,
      // knex prints pool errors on the console itself; tsips reports them once, in its log.
      log: QUIET,
    })
    : knexFactory({ client: ClientPgLite as unknown as Knex.Config['client'], dialect: 'postgres', connection: u.target ? { filename: u.target } : {} });
  let healthy = true;
  const db: Database = {
    knex, kind: u.kind, safeUrl: u.safeUrl, url,
    get healthy() { return healthy; },
    markDown() { const was = healthy; healthy = false; return was; },
    markHealthy() { const was = healthy; healthy = true; return !was; },
    async ping() {
      try {
        await knex.raw('select 1');
        healthy = true;
        return true;
      } catch (e) {
        if (isConnectionError(e)) { healthy = false; return false; }
        throw e;
      }
    },
    async close() {
      if (release()) await knex.destroy();
    },
  };
  try {
    await knex.raw('select 1');
  } catch (e) {
    await knex.destroy().catch(() => {});
    throw new DbError('DB_UNREACHABLE', `cannot connect to ${u.safeUrl}: ${(e as Error).message}`, { cause: e });
  }
  return db;
}
