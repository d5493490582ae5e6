// The records in memory: by identity (publication or subscription key) and, for
// subscriptions, by dialog (Call-ID) so an incoming NOTIFY finds its subscription at once.
import { recordKey, type PuaRecord, type Subscription } from './record.js';

export class PuaTable {
  private readonly byKey = new Map<string, PuaRecord>();
  private readonly byCallId = new Map<string, Subscription>();
  publications = 0;
  subscriptions = 0;

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): PuaRecord | undefined {
    return this.byKey.get(key);
  }

  add(r: PuaRecord): void {
    const key = recordKey(r);
    const old = this.byKey.get(key);
    if (old) this.remove(old);
    this.byKey.set(key, r);
    r.live = true;
    if (r.kind === 'publish') this.publications++;
    else {
      this.subscriptions++;
      if (r.callId) this.byCallId.set(r.callId, r);
    }
  }

  remove(r: PuaRecord): void {
    const key = recordKey(r);
    if (this.byKey.get(key) !== r) return;
    this.byKey.delete(key);
    r.live = false;
    if (r.kind === 'publish') this.publications--;
    else {
      this.subscriptions--;
      if (r.callId && this.byCallId.get(r.callId) === r) this.byCallId.delete(r.callId);
    }
  }

  /** A subscription's Call-ID became known or changed. */
  indexDialog(s: Subscription, oldCallId?: string): void {
    if (oldCallId && this.byCallId.get(oldCallId) === s) this.byCallId.delete(oldCallId);
    if (s.callId && s.live) this.byCallId.set(s.callId, s);
  }

  byDialog(callId: string): Subscription | undefined {
    return this.byCallId.get(callId);
  }

  values(): IterableIterator<PuaRecord> {
    return this.byKey.values();
  }
}
