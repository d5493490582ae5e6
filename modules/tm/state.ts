// tm's module state: configuration, the table, the timer heap, statistics, and how it
// reaches the rest of the engine (sending and routes, through the runtime handle).
import type { RuntimeSlot } from '../../engine/modules/index.js';
import type { TmConfig } from './config.js';
import type { TxTable } from './table.js';
import type { TimerQueue } from '../../engine/core/timer-queue.js';
import type { TmStats } from './stats.js';

export interface TmState {
  readonly cfg: TmConfig;
  readonly table: TxTable;
  readonly queue: TimerQueue;
  readonly stats: TmStats;
  readonly countStats: boolean;
  readonly runtime: RuntimeSlot;
  log(level: number, message: string): void;
  /** Stops the tick (destroy). */
  stop: () => void;
}
