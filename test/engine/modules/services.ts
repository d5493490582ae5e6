// Engine services for tests: a quiet logger that keeps its lines, fresh MI and stats registries.
import { createLogger, LogLevel } from '../../../engine/core/log.js';
import { createMiRegistry } from '../../../engine/mi/index.js';
import { createStatsRegistry } from '../../../engine/stats/index.js';
import { MessageHookLists, RuntimeSlot, type EngineServices } from '../../../engine/modules/index.js';
import { FakeTimers } from '../../../engine/core/timers.js';

/** The timers are fake: tests move time with `services.timers.advance(ms)`. */
export function testServices(): EngineServices & { lines: string[]; timers: FakeTimers } {
  const lines: string[] = [];
  return { log: createLogger(LogLevel.DBG, (s) => void lines.push(s)), mi: createMiRegistry(), stats: createStatsRegistry(), hooks: new MessageHookLists(), lines,
    timers: new FakeTimers(), runtime: new RuntimeSlot() };
}
