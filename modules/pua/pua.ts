// The presence user agent: the records, their timers and the callbacks, shared by the
// PUBLISH side (publish.ts), the SUBSCRIBE side (subscribe.ts), persistence (persist.ts)
// and clustering (cluster.ts). One instance per process (DESIGN.md "Concurrency").
import { TimerQueue } from '../../engine/core/timer-queue.js';
import { LogLevel } from '../../engine/core/log.js';
import type { TimerService } from '../../engine/core/timers.js';
import type { Stat } from '../../engine/stats/stat.js';
import type { TmApi } from '../tm/api.js';
import { EventList } from './events.js';
import { PuaTable } from './table.js';
import type { PuaCallback } from './api.js';
import type { PuaRecord, PuaReply, RecordIdent } from './record.js';

export interface PuaConfig {
  readonly minExpires: number;
  readonly defaultExpires: number;
  /** Seconds: SQL flush period and the longest a refresh is sent before expiry. */
  readonly updatePeriod: number;
  /** Stamped on new records when clustering. */
  readonly sharingTag: string | undefined;
}

/** Where changes go besides memory: the SQL table and, when clustering, the other nodes. */
export interface RecordSink {
  changed(r: PuaRecord): void;
  removed(r: PuaRecord): void;
}

/** Clustering as pua sees it. */
export interface ClusterView {
  /** Whether this node refreshes and expires records stamped with `tag`. */
  isActive(tag: string | undefined): boolean;
  /** Loads a record this node does not hold from the shared table. */
  loadOne(ident: RecordIdent): Promise<PuaRecord | undefined>;
}

export type PuaStats = Record<'publish_sent' | 'publish_failed' | 'subscribe_sent' | 'subscribe_failed' | 'notify_matched' | 'notify_unmatched', Stat>;

/** Seconds after expiry at which a record another node refreshes is dropped from memory
 *  when no notice about it came (its owner deletes the row). */
const FOREIGN_GRACE = 10;

export class Pua {
  readonly table = new PuaTable();
  readonly events = new EventList();
  readonly queue: TimerQueue;
  sink: RecordSink | undefined;
  cluster: ClusterView | undefined;
  /** The address our Call-IDs name (the first listening socket). */
  localHost: () => string | undefined = () => undefined;
  /** What a record's timer does when it falls due (refresh.ts). */
  onDue: (r: PuaRecord) => void = () => {};
  private readonly callbacks: { types: number; cb: PuaCallback; param: unknown }[] = [];

  constructor(
    readonly cfg: PuaConfig,
    readonly tm: TmApi,
    readonly timers: TimerService,
    readonly stats: PuaStats,
    private readonly logFn: (level: number, message: string) => void,
  ) {
    this.queue = new TimerQueue(() => timers.now());
  }

  log(level: number, message: string): void {
    this.logFn(level, message);
  }

  nowSec(): number {
    return this.timers.wallSec();
  }

  /** The Expires a request carries for what the caller asked (reference 6.3/6.4); RFC 3903
   *  allows any value, so unlike OpenSIPS no second is added (reference 8 #4). */
  wireExpires(asked: number): number {
    if (asked < 0) return this.cfg.defaultExpires;
    if (asked === 0) return 0;
    return Math.max(asked, this.cfg.minExpires);
  }

  /** What a refresh asks for: the time the user still wants, or default_expires when the
   *  user wants it kept for good. */
  refreshExpires(r: PuaRecord): number {
    const left = r.desiredExpires === 0 ? this.cfg.defaultExpires : r.desiredExpires - this.nowSec();
    return Math.max(left, this.cfg.minExpires, 1);
  }

  /** Whether the user wants the state kept beyond what the server granted (reference 7.3). */
  wantsRefresh(r: PuaRecord): boolean {
    return r.desiredExpires === 0 || r.desiredExpires > r.expires + 5;
  }

  registerCallback(types: number, cb: PuaCallback, param: unknown): number {
    if (!Number.isInteger(types) || types <= 0) return -1;
    this.callbacks.push({ types, cb, param });
    return 1;
  }

  /** Runs the callbacks registered for the record's source flag. */
  report(r: PuaRecord, reply: PuaReply): void {
    for (const c of this.callbacks) {
      if ((c.types & r.flag) === 0) continue;
      try {
        c.cb(r, reply, c.param);
      } catch (e) {
        this.log(LogLevel.ERR, `a pua callback failed: ${(e as Error).message}`);
      }
    }
  }

  /** A record whose state changed: written to SQL (and told to the cluster). */
  changed(r: PuaRecord): void {
    this.sink?.changed(r);
  }

  /** Takes a record out of memory, its row out of SQL and its timer off. */
  remove(r: PuaRecord): void {
    if (!r.live) return;
    this.table.remove(r);
    this.unschedule(r);
    this.sink?.removed(r);
  }

  /** Takes a record out of memory only (another node removed it). */
  forget(r: PuaRecord): void {
    this.table.remove(r);
    this.unschedule(r);
  }

  unschedule(r: PuaRecord): void {
    if (r.timer) this.queue.cancel(r.timer);
    r.timer = undefined;
  }

  /** Arms the record's timer at an absolute wall second. */
  scheduleAt(r: PuaRecord, atSec: number, fire: (r: PuaRecord) => void): void {
    this.unschedule(r);
    const delayMs = Math.max(0, (atSec - this.nowSec()) * 1000);
    r.timer = this.queue.schedule(delayMs, () => {
      r.timer = undefined;
      if (r.live) fire(r);
    });
  }

  /** When a confirmed record is refreshed or ended: `update_period` before expiry, or half
   *  the granted time when the server granted less (no refresh storm for short grants,
   *  reference 8 #14). */
  refreshAt(r: PuaRecord, grantedSec: number): number {
    const margin = Math.min(this.cfg.updatePeriod, Math.max(1, Math.floor(grantedSec / 2)));
    return r.expires - margin;
  }

  /** Whether this node acts on the record's timer (clustering: the tag's active node). */
  owns(r: PuaRecord): boolean {
    return !this.cluster || this.cluster.isActive(r.sharingTag);
  }

  /** Arms a confirmed record's timer: its refresh or end here, or only its eventual
   *  forgetting when another node owns it. `grantedSec` is what the server granted. */
  arm(r: PuaRecord, grantedSec = r.expires - this.nowSec()): void {
    if (r.expires === 0) return;
    if (this.owns(r)) this.scheduleAt(r, this.refreshAt(r, grantedSec), this.onDue);
    else this.watchForeign(r);
  }

  /** Every record's timer again (a sharing tag changed hands). */
  rearmAll(): void {
    for (const r of this.table.values()) if (!r.inFlight) this.arm(r);
  }

  /** Arms the timer of a record this node does not own: forgotten when long expired. */
  watchForeign(r: PuaRecord): void {
    this.scheduleAt(r, Math.max(r.expires, this.nowSec()) + FOREIGN_GRACE, (x) => this.forget(x));
  }
}
