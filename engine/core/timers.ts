// The engine's timer service (DESIGN.md "Timers"): transaction retransmissions, usrloc expiry,
// DB flushes and pua refreshes all ask it for time and ticks instead of keeping their own
// intervals, so shutdown stops them in one place and tests drive them with a fake clock.
// Modules with many deadlines (tm) keep their own ordered lists and tick on `every`; a
// one-off deadline uses `after`.

export interface TimerService {
  /** Milliseconds on a monotonic clock (not wall time). */
  now(): number;
  /** Wall-clock seconds since the epoch (expires columns, Date headers). */
  wallSec(): number;
  /** Runs fn every ms until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
  /** Runs fn once after ms unless the returned function is called first. */
  after(ms: number, fn: () => void): () => void;
}

/** Real timers; `stopAll` (server shutdown) clears whatever is still armed. A throwing
 *  callback is reported to `onError` and does not stop its interval. */
export class RealTimers implements TimerService {
  private readonly live = new Set<NodeJS.Timeout>();
  constructor(private readonly onError: (e: unknown) => void = () => {}) {}

  now(): number {
    return performance.now();
  }
  wallSec(): number {
    return Math.floor(Date.now() / 1000);
  }
  every(ms: number, fn: () => void): () => void {
    const h = setInterval(() => this.guard(fn), Math.max(1, ms));
    this.live.add(h);
    return () => { clearInterval(h); this.live.delete(h); };
  }
  after(ms: number, fn: () => void): () => void {
    const h = setTimeout(() => { this.live.delete(h); this.guard(fn); }, Math.max(0, ms));
    this.live.add(h);
    return () => { clearTimeout(h); this.live.delete(h); };
  }
  stopAll(): void {
    for (const h of this.live) clearTimeout(h);
    this.live.clear();
  }
  private guard(fn: () => void): void {
    try { fn(); } catch (e) { this.onError(e); }
  }
}

interface FakeTimer { due: number; period: number; fn: () => void; live: boolean }

/** A clock that only moves when told to (tests): `advance(ms)` runs every timer that falls
 *  due, in time order, with now() set to its due time. */
export class FakeTimers implements TimerService {
  private t = 0;
  private wall0 = 1_800_000_000;
  private readonly timers: FakeTimer[] = [];

  now(): number {
    return this.t;
  }
  wallSec(): number {
    return this.wall0 + Math.floor(this.t / 1000);
  }
  every(ms: number, fn: () => void): () => void {
    return this.add(Math.max(1, ms), Math.max(1, ms), fn);
  }
  after(ms: number, fn: () => void): () => void {
    return this.add(Math.max(0, ms), 0, fn);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: FakeTimer | undefined;
      for (const x of this.timers) if (x.live && x.due <= end && (!next || x.due < next.due)) next = x;
      if (!next) break;
      this.t = next.due;
      if (next.period > 0) next.due += next.period;
      else next.live = false;
      next.fn();
    }
    this.t = end;
    for (let i = this.timers.length - 1; i >= 0; i--) if (!this.timers[i]!.live) this.timers.splice(i, 1);
  }
  private add(delay: number, period: number, fn: () => void): () => void {
    const x: FakeTimer = { due: this.t + delay, period, fn, live: true };
    this.timers.push(x);
    return () => { x.live = false; };
  }
}
