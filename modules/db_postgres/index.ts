// db_postgres: OpenSIPS's PostgreSQL driver module. In tsips the database layer is part of
// the engine (engine/db: postgres:// through pg, pglite:// embedded), so this module only
// makes `loadmodule "db_postgres.so"` lines of existing scripts valid and checks, at start,
// that the PostgreSQL driver is there.
import { defineModule } from '../../engine/modules/index.js';

export default defineModule({
  name: 'db_postgres',
  doc: 'Accepted for OpenSIPS scripts: the engine itself opens `postgres://` (and the embedded `pglite://`) db_url values of every module, so loading this module changes nothing. Modules use PostgreSQL when their `db_url` says so.',
  init: async () => {
    await import('pg');
  },
});
