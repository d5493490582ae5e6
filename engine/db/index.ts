// engine/db: db_url -> knex (PostgreSQL through pg, embedded PGlite), OpenSIPS's version
// table, and the outage test modules use to degrade instead of failing. The only door.
export { openDatabase, type Database, type OpenOptions } from './open.js';
export { parseDbUrl, maskUrl, type DbKind, type DbUrl } from './url.js';
export { ensureTables, type TableMigration } from './version-table.js';
export { DbError, dbErrorText, isConnectionError } from './errors.js';
export { openSession, notify, type DbSession } from './session.js';
export { bulkInsert, bulkUpsertById, type BulkColumns } from './bulk.js';
