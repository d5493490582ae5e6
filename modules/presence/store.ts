// presence's state in memory: presentities (published state, one per ETag) and watchers
// (subscription dialogs we are the notifier of), both by presentity URI and event.

export interface Presentity {
  readonly presUri: string;
  readonly event: string;
  etag: string;
  expires: number;
  receivedTime: number;
  body: string;
  /** '' for SIP publishers; 'local' for state published by this node (publishLocal). */
  readonly sender: string;
  dbId: number | undefined;
  /** Order of the last change (newest state first when several publishers). */
  seq: number;
}

export interface Watcher {
  readonly presUri: string;
  readonly event: string;
  readonly eventId: string | undefined;
  readonly watcherUri: string;
  readonly callId: string;
  /** Our tag (the To tag of our 200 to the SUBSCRIBE). */
  readonly toTag: string;
  /** The subscriber's tag. */
  readonly fromTag: string;
  localCseq: number;
  remoteCseq: number;
  /** The subscriber's Contact: Request-URI of our NOTIFYs. */
  contact: string;
  /** Record-Route values of the SUBSCRIBE, in order: our NOTIFYs' route set. */
  readonly routeSet: string[];
  expires: number;
  /** Counts NOTIFYs (RFC 3680 version per subscription). */
  version: number;
  readonly socket: string;
  readonly localContact: string;
  dbId: number | undefined;
  /** A NOTIFY is on the wire; the next waits (NOTIFYs of a dialog go out in order). */
  busy: boolean;
  /** Another NOTIFY was asked for while one was on the wire. */
  again: boolean;
  live: boolean;
}

const key = (uri: string, event: string) => `${event}\n${uri}`;

export class PresenceStore {
  private readonly presentities = new Map<string, Presentity[]>();
  private readonly watchersOf = new Map<string, Set<Watcher>>();
  private readonly dialogs = new Map<string, Watcher>();

  presentitiesOf(uri: string, event: string): Presentity[] {
    return this.presentities.get(key(uri, event)) ?? [];
  }

  byEtag(uri: string, event: string, etag: string): Presentity | undefined {
    return this.presentitiesOf(uri, event).find((p) => p.etag === etag);
  }

  addPresentity(p: Presentity): void {
    const k = key(p.presUri, p.event);
    const list = this.presentities.get(k);
    if (list) list.push(p);
    else this.presentities.set(k, [p]);
  }

  removePresentity(p: Presentity): void {
    const k = key(p.presUri, p.event);
    const list = this.presentities.get(k);
    if (!list) return;
    const i = list.indexOf(p);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.presentities.delete(k);
  }

  allPresentities(): Presentity[] {
    return [...this.presentities.values()].flat();
  }

  watchers(uri: string, event: string): Watcher[] {
    return [...(this.watchersOf.get(key(uri, event)) ?? [])];
  }

  dialog(callId: string, toTag: string, fromTag: string): Watcher | undefined {
    return this.dialogs.get(`${callId}\n${toTag}\n${fromTag}`);
  }

  addWatcher(w: Watcher): void {
    const k = key(w.presUri, w.event);
    let set = this.watchersOf.get(k);
    if (!set) this.watchersOf.set(k, (set = new Set()));
    set.add(w);
    this.dialogs.set(`${w.callId}\n${w.toTag}\n${w.fromTag}`, w);
    w.live = true;
  }

  removeWatcher(w: Watcher): void {
    w.live = false;
    const k = key(w.presUri, w.event);
    const set = this.watchersOf.get(k);
    set?.delete(w);
    if (set?.size === 0) this.watchersOf.delete(k);
    this.dialogs.delete(`${w.callId}\n${w.toTag}\n${w.fromTag}`);
  }

  allWatchers(): Watcher[] {
    return [...this.dialogs.values()];
  }

  get counts(): { presentities: number; watchers: number } {
    let p = 0;
    for (const l of this.presentities.values()) p += l.length;
    return { presentities: p, watchers: this.dialogs.size };
  }
}
