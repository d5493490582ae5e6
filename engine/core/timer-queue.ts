// Many deadlines in one binary heap, run from a single engine tick (DESIGN.md: timers live on
// the engine's timer service): tm's retransmission and wait timers, pua's refreshes. Each
// entry knows its place in the heap, so cancelling removes it at once (O(log n)): a
// finished transaction's 30-second timers do not keep it in memory until they fall due.

export interface TimerEntry {
  due: number;
  /** False once cancelled or fired. */
  live: boolean;
  /** Position in the heap; -1 when not in it. */
  pos: number;
  readonly fire: () => void;
}

export class TimerQueue {
  private readonly heap: TimerEntry[] = [];

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.heap.length;
  }

  schedule(delayMs: number, fire: () => void): TimerEntry {
    const e: TimerEntry = { due: this.now() + delayMs, live: true, pos: this.heap.length, fire };
    this.heap.push(e);
    this.up(e.pos);
    return e;
  }

  cancel(e: TimerEntry | undefined): void {
    if (!e || !e.live) return;
    e.live = false;
    this.removeAt(e.pos);
  }

  /** Runs every entry that is due; an entry scheduled while running waits for the next tick
   *  if it is due later. A throwing callback is reported and does not stop the others. */
  run(onError: (e: unknown) => void): void {
    const now = this.now();
    const h = this.heap;
    while (h.length > 0 && h[0]!.due <= now) {
      const e = h[0]!;
      e.live = false;
      this.removeAt(0);
      try {
        e.fire();
      } catch (err) {
        onError(err);
      }
    }
  }

  /** Drops everything (module shutdown). */
  clear(): void {
    for (const e of this.heap) { e.live = false; e.pos = -1; }
    this.heap.length = 0;
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const gone = h[i]!;
    gone.pos = -1;
    const last = h.pop()!;
    if (i === h.length) return;
    h[i] = last;
    last.pos = i;
    this.down(i);
    this.up(last.pos);
  }

  private up(i: number): void {
    const h = this.heap;
    const e = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (parent.due <= e.due) break;
      h[i] = parent;
      parent.pos = i;
      i = p;
    }
    h[i] = e;
    e.pos = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const e = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]!.due < h[l]!.due ? r : l;
      const child = h[c]!;
      if (child.due >= e.due) break;
      h[i] = child;
      child.pos = i;
      i = c;
    }
    h[i] = e;
    e.pos = i;
  }
}
