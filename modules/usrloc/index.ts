// usrloc: the location service (OpenSIPS modules/usrloc, reference/modules/usrloc.md).
// Registrations live in memory and, by working mode, in the OpenSIPS `location` table:
// written on each change (write-through, sql-only), by the timer (write-back), or not at
// all; loaded back at start-up before any SIP message is handled.
import { defineModule, fn, arg, param, stat } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { processFlags } from '../../engine/core/flags.js';
import { openDatabase } from '../../engine/db/index.js';
import { dbModeOf } from './config.js';
import { Usrloc } from './ul.js';
import { Persistence } from './persist.js';
import { ulTimer } from './timer.js';
import { UL_MI } from './mi.js';
import { ulAddKey, ulDelKey, ulGetKey } from './kv-functions.js';
import type { UlState } from './state.js';
import type { UsrlocApi } from './api.js';

export * from './api.js';

const COLUMN_PARAMS = ['contact_id', 'user', 'domain', 'contact', 'expires', 'q', 'callid', 'cseq', 'flags', 'cflags',
  'user_agent', 'received', 'path', 'socket', 'methods', 'sip_instance', 'kv_store', 'attr'] as const;
const DEFAULT_COLUMN: Record<string, string> = { user: 'username' };
const columnParams = Object.fromEntries(COLUMN_PARAMS.map((c) => [`${c}_column`,
  param.str({ default: DEFAULT_COLUMN[c] ?? c, doc: `Name of the ${DEFAULT_COLUMN[c] ?? c} column; only OpenSIPS's default name is supported.` })]));

export default defineModule({
  name: 'usrloc',
  doc: 'The location service: AORs and their contacts in memory, kept in the OpenSIPS `location` table (version 1013) according to `working_mode_preset` (or 3.x `db_mode`): `single-instance-no-db` (memory only), `single-instance-sql-write-through` (each change is in SQL before the registrar answers), `single-instance-sql-write-back` (the timer writes changes every `timer_interval`), `sql-only`. Rows are loaded at start-up before any message is handled. When the database is unreachable, changes stay in memory and are written when it is back; the outage and its end are logged once. Contacts are kept in one order (q descending, then oldest first) on insert and on update. `sql-only` keeps a memory copy in tsips (one node); several nodes sharing one table is not supported yet.',
  params: {
    use_domain: param.int({ default: 0, oneOf: [0, 1], doc: 'The AOR key is user@domain (1) or user (0, OpenSIPS 3.x default).' }),
    working_mode_preset: param.str({ doc: 'single-instance-no-db (default), single-instance-sql-write-through, single-instance-sql-write-back or sql-only.' }),
    db_mode: param.int({ doc: 'OpenSIPS 3.x (deprecated): 0 no DB, 1 write-through, 2 write-back, 3 sql-only.' }),
    cluster_mode: param.str({ default: 'none', doc: 'none or sql-only (the other values need clustering, which tsips does not have).' }),
    restart_persistency: param.str({ default: 'none', oneOf: ['none', 'load-from-sql', 'sync-from-cluster'], doc: 'load-from-sql: load the table at start-up.' }),
    sql_write_mode: param.str({ default: 'none', oneOf: ['none', 'write-through', 'write-back'], doc: 'With load-from-sql: when changes reach SQL.' }),
    db_url: param.str({ doc: 'Database for the SQL modes: postgres://user:password@host/db or pglite:///path.' }),
    timer_interval: param.int({ default: 60, min: 1, doc: 'Seconds between expiry runs (and SQL writes in write-back).' }),
    matching_mode: param.int({ default: 0, oneOf: [0, 1], doc: '0: contacts match by URI; 1: by URI and Call-ID.' }),
    cseq_delay: param.int({ default: 20, min: 0, doc: 'A REGISTER with the same Call-ID and CSeq within this many seconds is a retransmission.' }),
    desc_time_order: param.int({ default: 0, oneOf: [0, 1], doc: '1: newest contact first instead of by q.' }),
    hash_size: param.int({ default: 9, max: 16, doc: 'Accepted for compatibility (tsips uses one hash map per domain).' }),
    nat_bflag: param.str({ doc: 'Branch flag that marks NATed contacts (given to other modules as nat_flag).' }),
    mi_dump_kv_store: param.int({ default: 0, oneOf: [0, 1], doc: 'Show the kv stores in ul_dump and ul_show_contact.' }),
    max_contact_delete: param.int({ default: 10, doc: 'Accepted; tsips deletes in batches of 500.' }),
    ...columnParams,
  },
  stats: {
    registered_users: stat.computed<UlState>({ doc: 'AORs in memory, all domains.', read: (st) => [...st.ul.domains.values()].reduce((n, d) => n + d.records.size, 0) }),
  },
  mi: UL_MI,
  functions: {
    ul_add_key: fn({
      args: [arg.str({ static: true, doc: 'domain: the usrloc table, e.g. "location"' }), arg.str({ doc: 'aor' }), arg.str({ doc: 'key' }), arg.str({ optional: true, doc: 'value (omitted or empty: delete)' })],
      routes: 'all',
      run: (ctx, st: UlState, d, aor, key, value) => ulAddKey(ctx, st, d, aor, key, value),
      doc: 'Stores a value in the kv store of a registered AOR. -1 when the AOR is not registered.',
    }),
    ul_get_key: fn({
      args: [arg.str({ static: true, doc: 'domain' }), arg.str({ doc: 'aor' }), arg.str({ doc: 'key' }), arg.pvar({ writable: true, doc: 'dest: variable for the value' })],
      routes: 'all',
      run: (ctx, st: UlState, d, aor, key, dest) => ulGetKey(ctx, st, d, aor, key, dest),
      doc: 'Reads a value of the kv store of a registered AOR into dest. -1 when absent.',
    }),
    ul_del_key: fn({
      args: [arg.str({ static: true, doc: 'domain' }), arg.str({ doc: 'aor' }), arg.str({ doc: 'key' })],
      routes: 'all',
      run: (ctx, st: UlState, d, aor, key) => ulDelKey(ctx, st, d, aor, key),
      doc: 'Deletes a key of the kv store of a registered AOR (1 also when absent); -1 when the AOR is not registered.',
    }),
  },
  init: async (ctx): Promise<UlState> => {
    const p = ctx.params as Record<string, unknown> & typeof ctx.params;
    for (const c of COLUMN_PARAMS) {
      const v = p[`${c}_column`];
      if (v !== (DEFAULT_COLUMN[c] ?? c)) throw new Error(`${c}_column: only the OpenSIPS default column name '${DEFAULT_COLUMN[c] ?? c}' is supported, not '${String(v)}'`);
    }
    const log = (level: number, message: string) => ctx.log(level, message);
    const { mode, warnings } = dbModeOf({
      working_mode_preset: p.working_mode_preset, db_mode: p.db_mode, cluster_mode: p.cluster_mode,
      restart_persistency: p.restart_persistency, sql_write_mode: p.sql_write_mode,
    });
    for (const w of warnings) log(LogLevel.WARN, w);
    let natFlag = 0;
    if (p.nat_bflag) {
      const bit = processFlags.bit(p.nat_bflag);
      if (bit === undefined) throw new Error(`nat_bflag '${p.nat_bflag}': no flag bit left`);
      natFlag = 1 << bit;
    }
    const timers = ctx.services.timers;
    const ul = new Usrloc({
      useDomain: p.use_domain === 1, natFlag, dbMode: mode, matchingMode: p.matching_mode as 0 | 1, cseqDelay: p.cseq_delay,
      descTimeOrder: p.desc_time_order === 1, nowSec: () => timers.wallSec(),
      declareDomainStats: (d) => {
        const stats = ctx.services.stats;
        stats.declare('usrloc', `${d.name}-users`, stat.computed({ doc: `AORs in ${d.name}`, read: () => 0 }), () => d.records.size);
        stats.declare('usrloc', `${d.name}-contacts`, stat.computed({ doc: `contacts in ${d.name}`, read: () => 0 }), () => d.contacts);
        return { expires: stats.declare('usrloc', `${d.name}-expires`, stat.counter({ doc: `contacts of ${d.name} that expired` })) };
      },
    });
    let db;
    let persistence: Persistence | undefined;
    if (mode > 0) {
      if (!p.db_url) throw new Error('this working mode keeps registrations in SQL: set modparam("usrloc", "db_url", "postgres://...") or "pglite:///path"');
      db = await openDatabase(p.db_url);
      persistence = new Persistence(db, ul, log, (m) => processFlags.names(m), (n) => processFlags.bit(n));
      ul.sink = persistence;
    }
    let running: Promise<void> | undefined;
    const tick = () => (running ??= ulTimer(ul, persistence).catch((e: unknown) => log(LogLevel.ERR, `timer failed: ${(e as Error).message}`)).finally(() => { running = undefined; }));
    const stopTimer = timers.every(p.timer_interval * 1000, () => void tick());
    return { ul, db, persistence, dumpKv: p.mi_dump_kv_store === 1, tick, log, stopTimer };
  },
  // After every module's init (the registrar has registered its domains): tables made and
  // loaded before the first message (reference 8 #9: OpenSIPS loads after traffic starts).
  async childInit(st) {
    if (st.persistence) {
      for (const d of st.ul.domains.values()) {
        const n = await st.persistence.load(d);
        st.log(LogLevel.INFO, `loaded ${n} contact(s) of ${d.name} from ${st.db!.safeUrl}`);
      }
    }
    st.ul.sealed = true;
  },
  destroy: async (st) => {
    st.stopTimer();
    // Write-back: what the timer has not written yet is written on a clean stop.
    await st.persistence?.flush();
    await st.db?.close();
  },
  api: (st): UsrlocApi => st.ul,
});
