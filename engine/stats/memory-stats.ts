// OpenSIPS's "shmem" statistics group, read from the V8 heap (one process holds what
// OpenSIPS keeps in shared memory): total_size = heap reserved, used_size = heap in use,
// real_used_size = resident size, free_size = reserved minus used, max_used_size = the
// highest used_size read so far. When tsips runs with --expose-gc (the benchmarks' leak
// check), reading used_size collects garbage first, so it shows live data only.
import { stat } from './stat.js';
import type { StatsRegistry } from './registry.js';

export function declareMemoryStats(reg: StatsRegistry): void {
  let max = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const used = () => {
    gc?.();
    const u = process.memoryUsage().heapUsed;
    if (u > max) max = u;
    return u;
  };
  const computed = (name: string, doc: string, read: () => number) => reg.declare('shmem', name, stat.computed({ doc, read: () => 0 }), read);
  computed('total_size', 'bytes of JavaScript heap reserved', () => process.memoryUsage().heapTotal);
  computed('used_size', 'bytes of JavaScript heap in use', used);
  computed('real_used_size', 'resident size of the process in bytes', () => process.memoryUsage().rss);
  computed('free_size', 'heap reserved but not in use', () => { const m = process.memoryUsage(); return m.heapTotal - m.heapUsed; });
  computed('max_used_size', 'highest used_size read so far', () => Math.max(max, process.memoryUsage().heapUsed));
}
