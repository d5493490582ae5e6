// The notifier (RFC 6665) and event state compositor (RFC 3903): PUBLISHed state per
// presentity and event, subscriptions of watchers, and a NOTIFY to every watcher of a
// presentity whenever its state changes, numbered per watcher. One per process.
import { randomBytes } from 'node:crypto';
import { LogLevel } from '../../engine/core/log.js';
import type { TimerService } from '../../engine/core/timers.js';
import type { Stat } from '../../engine/stats/stat.js';
import type { TmApi } from '../tm/api.js';
import type { SignalingApi } from '../signaling/api.js';
import { PresenceStore, type Presentity, type Watcher } from './store.js';
import type { PresencePersistence } from './persist.js';
import type { PresenceEventDef } from './api.js';

export interface PresenceConfig {
  readonly maxExpiresSubscribe: number;
  readonly maxExpiresPublish: number;
  readonly minExpires: number;
  /** Contact of our 200s and NOTIFYs; derived from the socket when unset. */
  readonly serverAddress: string | undefined;
  readonly contactUser: string;
}

export type PresenceStats = Record<'published' | 'publish_refused' | 'subscribed' | 'notify_sent' | 'notify_failed', Stat>;

export class PresenceServer {
  readonly store = new PresenceStore();
  readonly events = new Map<string, PresenceEventDef>();
  private seq = 0;
  private readonly etagPrefix = `a${randomBytes(5).toString('hex')}`;
  private etagCount = 0;

  constructor(
    readonly cfg: PresenceConfig,
    readonly tm: TmApi,
    readonly sig: SignalingApi,
    readonly timers: TimerService,
    readonly db: PresencePersistence,
    readonly stats: PresenceStats,
    readonly log: (level: number, message: string) => void,
  ) {}

  nowSec(): number {
    return this.timers.wallSec();
  }

  /** Unique per node and restart (a random prefix) and per change (a counter): no random
   *  bytes per PUBLISH. */
  newEtag(): string {
    return `${this.etagPrefix}.${(++this.etagCount).toString(36)}`;
  }

  /** Newest first: the state watchers are told. */
  bodiesOf(uri: string, event: string): string[] {
    const now = this.nowSec();
    return this.store.presentitiesOf(uri, event).filter((p) => p.expires > now)
      .sort((a, b) => b.seq - a.seq).map((p) => p.body);
  }

  /** Stores state (new ETag) and notifies the watchers. */
  storePresentity(p: Presentity, isNew: boolean): void {
    p.seq = ++this.seq;
    if (isNew) this.store.addPresentity(p);
    this.db.savePresentity(p);
    this.notifyAll(p.presUri, p.event);
  }

  dropPresentity(p: Presentity): void {
    this.store.removePresentity(p);
    this.db.deletePresentity(p);
    this.notifyAll(p.presUri, p.event);
  }

  notifyAll(uri: string, event: string): void {
    for (const w of this.store.watchers(uri, event)) this.notify(w);
  }

  /** Sends the watcher the current state; `terminated` ends the subscription with it. NOTIFYs
   *  of one dialog go one at a time, each with the newest state. */
  notify(w: Watcher, terminated?: string): void {
    if (w.busy && !terminated) {
      w.again = true;
      return;
    }
    const ev = this.events.get(w.event);
    if (!ev) return;
    w.busy = true;
    w.again = false;
    w.localCseq++;
    const version = w.version++;
    const body = ev.notifyBody(this.bodiesOf(w.presUri, w.event), version, w.presUri);
    const left = Math.max(0, w.expires - this.nowSec());
    const state = terminated ? `terminated;reason=${terminated}` : `active;expires=${left}`;
    if (terminated) this.removeWatcher(w);
    else this.db.saveWatcher(w);
    this.stats.notify_sent.inc();
    this.tm.request({
      method: 'NOTIFY', ruri: w.contact, from: `<${w.presUri}>`, to: `<${w.watcherUri}>`,
      headers: [['Event', w.eventId ? `${w.event};id=${w.eventId}` : w.event], ['Subscription-State', state], ['Contact', `<${w.localContact}>`]],
      body, contentType: body !== undefined ? ev.contentType : undefined,
      dialog: { callId: w.callId, fromTag: w.toTag, toTag: w.fromTag, cseq: w.localCseq, routeSet: w.routeSet, remoteTarget: w.contact },
    }).then((res) => {
      w.busy = false;
      if (res.code >= 300 && res.code !== 491) {
        // RFC 6665 4.2.2: the subscriber is gone (481), unreachable (408) or refuses: end
        // the subscription (491, a NOTIFY crossing a request, is worth no ending).
        this.stats.notify_failed.inc();
        if (w.live) {
          this.log(LogLevel.INFO, `watcher ${w.watcherUri} of ${w.presUri} (${w.event}) answered NOTIFY with ${res.code}: subscription ended`);
          this.removeWatcher(w);
        }
        return;
      }
      if (w.again && w.live) this.notify(w);
    }, (e: unknown) => {
      w.busy = false;
      this.stats.notify_failed.inc();
      this.log(LogLevel.ERR, `NOTIFY to ${w.contact} not sent: ${(e as Error).message}`);
      if (w.live) this.removeWatcher(w);
    });
  }

  removeWatcher(w: Watcher): void {
    if (!w.live) return;
    this.store.removeWatcher(w);
    this.db.deleteWatcher(w);
  }

  /** The clean timer: expired watchers are told (timeout), expired presentities dropped. */
  clean(): void {
    const now = this.nowSec();
    for (const w of this.store.allWatchers()) if (w.expires <= now) this.notify(w, 'timeout');
    for (const p of this.store.allPresentities()) if (p.expires <= now) this.dropPresentity(p);
  }

  /** State this node publishes itself (pua_reginfo with presence loaded). */
  async publishLocal(presUri: string, event: string, body: string, expires: number): Promise<void> {
    if (!this.events.has(event)) throw new Error(`event ${event} is not served (load its presence_* module)`);
    const mine = this.store.presentitiesOf(presUri, event).find((p) => p.sender === 'local');
    if (expires === 0) {
      if (mine) this.dropPresentity(mine);
      return;
    }
    const now = this.nowSec();
    if (mine) {
      mine.body = body;
      mine.etag = this.newEtag();
      mine.expires = now + expires;
      mine.receivedTime = now;
      this.storePresentity(mine, false);
    } else {
      this.storePresentity({ presUri, event, etag: this.newEtag(), expires: now + expires, receivedTime: now, body, sender: 'local', dbId: undefined, seq: 0 }, true);
    }
  }
}
