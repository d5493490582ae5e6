// pua clustering on one shared PostgreSQL (reference 7.7, opensips-docs/pua.txt 1.2):
// records live in the shared `pua` table; a node that changes one writes it at once and
// tells the others with NOTIFY on `tsips_pua_<cluster_id>`, and they reload it from the
// table (or load it, so a tag's owner can refresh what another node created). A node that
// needs a record it does not hold loads it from the table. The sharing tag is active on the
// node holding a PostgreSQL advisory lock named after it; the others try to take it every
// second, so when the owner dies (its connection, and with it the lock, goes) another node
// takes over within about a second. Only the active node refreshes and expires records
// stamped with the tag.
import { randomBytes } from 'node:crypto';
import { notify, openSession, type Database, type DbSession } from '../../engine/db/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { applyRow, recordOf, type PuaRow } from './pua-table.js';
import { recordKey, type PuaRecord, type RecordIdent } from './record.js';
import type { ClusterView, Pua } from './pua.js';
import type { PuaPersistence, WriteOp } from './persist.js';

interface Notice {
  /** Sending node. */
  n: string;
  o: WriteOp;
  k: string;
  i: number | undefined;
}

const RETRY_MS = 1000;

export class PuaCluster implements ClusterView {
  readonly node = randomBytes(6).toString('hex');
  readonly channel: string;
  private active = false;
  private session: DbSession | undefined;
  private stopTick: (() => void) | undefined;
  private busy = false;
  private stopped = false;
  private sessionDownLogged = false;

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly pua: Pua,
    private readonly persistence: PuaPersistence,
    readonly clusterId: number,
    readonly tag: string,
  ) {
    this.channel = `tsips_pua_${clusterId}`;
    persistence.immediate = true;
    persistence.onWritten = (r, op) => this.tell(r, op);
  }

  get tagActive(): boolean {
    return this.active;
  }

  get lockName(): string {
    return `tsips:pua:${this.clusterId}:${this.tag}`;
  }

  isActive(tag: string | undefined): boolean {
    return tag === undefined || (tag === this.tag && this.active);
  }

  async start(): Promise<void> {
    await this.tick();
    this.stopTick = this.pua.timers.every(RETRY_MS, () => void this.tick());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTick?.();
    const s = this.session;
    this.session = undefined;
    this.active = false;
    await s?.close();
  }

  /** Keeps the session up and tries to take the tag while it is not ours. */
  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      if (!this.session?.alive) await this.connect();
      if (this.session && !this.active && await this.session.tryLock(this.lockName)) {
        this.active = true;
        this.pua.log(LogLevel.NOTICE, `sharing tag '${this.tag}' of cluster ${this.clusterId} is active on this node (${this.node})`);
        this.pua.rearmAll();
      }
    } catch (e) {
      if (!this.sessionDownLogged) {
        this.sessionDownLogged = true;
        this.pua.log(LogLevel.ERR, `cluster ${this.clusterId}: ${(e as Error).message}`);
      }
    } finally {
      this.busy = false;
    }
  }

  private async connect(): Promise<void> {
    const s = await openSession(this.db);
    s.onLost((err) => {
      if (this.session !== s) return;
      this.session = undefined;
      if (this.active) {
        this.active = false;
        this.pua.log(LogLevel.ERR, `cluster ${this.clusterId}: session to ${this.db.safeUrl} lost${err ? ` (${err.message})` : ''}; sharing tag '${this.tag}' is backup here until it is taken again`);
      }
    });
    await s.listen(this.channel, (p) => this.heard(p));
    this.session = s;
    this.sessionDownLogged = false;
  }

  private tell(r: PuaRecord, op: WriteOp): void {
    const n: Notice = { n: this.node, o: op, k: recordKey(r), i: r.dbId };
    notify(this.db, this.channel, JSON.stringify(n)).catch((e: unknown) =>
      this.pua.log(LogLevel.ERR, `cluster ${this.clusterId}: notice not sent: ${(e as Error).message}`));
  }

  private heard(payload: string): void {
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (n.n === this.node || typeof n.k !== 'string') return;
    const held = this.pua.table.get(n.k);
    if (n.o === 'delete') {
      if (held && !held.inFlight && (held.dbId === undefined || held.dbId === n.i)) this.pua.forget(held);
      return;
    }
    if (typeof n.i !== 'number' || held?.inFlight) return; // our own reply will be the newer state
    void this.reload(n.k, n.i);
  }

  private async reload(key: string, id: number): Promise<void> {
    try {
      const row = await this.db.knex(this.table).where({ id }).first() as PuaRow | undefined;
      if (!row) return;
      const held = this.pua.table.get(key);
      if (held) {
        if (held.inFlight) return;
        const oldCallId = held.kind === 'subscribe' ? held.callId : undefined;
        applyRow(held, row);
        if (held.kind === 'subscribe') this.pua.table.indexDialog(held, oldCallId);
        this.pua.arm(held);
      } else {
        const r = recordOf(row);
        if (recordKey(r) === key) this.persistence.adopt(r);
      }
    } catch (e) {
      this.pua.log(LogLevel.ERR, `cluster ${this.clusterId}: reloading a record failed: ${(e as Error).message}`);
    }
  }

  async loadOne(ident: RecordIdent): Promise<PuaRecord | undefined> {
    const q = this.db.knex(this.table).where({ pres_uri: ident.presUri, pres_id: ident.id, flag: ident.flag, event: ident.event });
    if (ident.kind === 'subscribe') q.where({ watcher_uri: ident.watcherUri ?? '', to_uri: ident.toUri ?? ident.presUri });
    else q.where((w) => w.whereNull('watcher_uri').orWhere('watcher_uri', ''));
    const row = await q.andWhere('expires', '>', this.pua.nowSec()).orderBy('id', 'desc').first() as PuaRow | undefined;
    if (!row) return undefined;
    const key = recordKey(ident);
    const held = this.pua.table.get(key);
    if (held) return held;
    const r = recordOf(row);
    return recordKey(r) === key ? this.persistence.adopt(r) : undefined;
  }
}
