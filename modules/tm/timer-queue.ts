// tm's deadlines (retransmissions, final-response and wait timers) in one binary heap, run
// from a single engine tick (DESIGN.md: timers live on the engine's timer service). A
// transaction holds a few entries at most; cancelling only marks an entry dead, and the
// heap drops dead entries when they reach the top, so re-arming costs O(log n) and nothing
// scans the whole set.

export interface TimerEntry {
  due: number;
  /** False once cancelled or fired. */
  live: boolean;
  readonly fire: () => void;
}

export class TimerQueue {
  private readonly heap: TimerEntry[] = [];

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.heap.length;
  }

  schedule(delayMs: number, fire: () => void): TimerEntry {
    const e: TimerEntry = { due: this.now() + delayMs, live: true, fire };
    this.push(e);
    return e;
  }

  cancel(e: TimerEntry | undefined): void {
    if (e) e.live = false;
  }

  /** Runs every live entry that is due; an entry scheduled while running waits for the next
   *  tick if it is due later. A throwing callback is reported and does not stop the others. */
  run(onError: (e: unknown) => void): void {
    const now = this.now();
    const h = this.heap;
    while (h.length > 0 && h[0]!.due <= now) {
      const e = this.pop();
      if (!e.live) continue;
      e.live = false;
      try {
        e.fire();
      } catch (err) {
        onError(err);
      }
    }
  }

  /** Drops everything (module shutdown). */
  clear(): void {
    for (const e of this.heap) e.live = false;
    this.heap.length = 0;
  }

  private push(e: TimerEntry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.due <= e.due) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private pop(): TimerEntry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && h[r]!.due < h[l]!.due ? r : l;
        if (h[c]!.due >= last.due) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
