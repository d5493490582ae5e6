// The timer heap: entries fire in due order, a cancelled one never fires and leaves the
// heap at once (so a finished transaction is not held by its long timers).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TimerQueue } from '../../../engine/core/timer-queue.js';

describe('TimerQueue', () => {
  it('fires live entries in due order and never a cancelled one', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.boolean()), { maxLength: 200 }), (specs) => {
      let now = 0;
      const q = new TimerQueue(() => now);
      const fired: number[] = [];
      const entries = specs.map(([delay], k) => q.schedule(delay, () => fired.push(k)));
      specs.forEach(([, cancel], k) => { if (cancel) q.cancel(entries[k]); });
      const live = specs.map(([d, c], k) => ({ d, c, k })).filter((x) => !x.c);
      expect(q.size).toBe(live.length);
      now = 1000;
      q.run(() => {});
      expect(fired.map((k) => specs[k]![0])).toEqual(live.map((x) => x.d).sort((a, b) => a - b));
      expect(q.size).toBe(0);
    }));
  });

  it('runs only what is due and keeps the rest', () => {
    let now = 0;
    const q = new TimerQueue(() => now);
    const fired: string[] = [];
    q.schedule(500, () => fired.push('a'));
    q.schedule(100, () => fired.push('b'));
    now = 200;
    q.run(() => {});
    expect(fired).toEqual(['b']);
    expect(q.size).toBe(1);
  });
});
