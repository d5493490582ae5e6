// Engine services for tests: a quiet logger that keeps its lines, fresh MI and stats registries.
import { createLogger, LogLevel } from '../../../engine/core/log.js';
import { createMiRegistry } from '../../../engine/mi/index.js';
import { createStatsRegistry } from '../../../engine/stats/index.js';
import { MessageHookLists, type EngineServices } from '../../../engine/modules/index.js';

export function testServices(): EngineServices & { lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger(LogLevel.DBG, (s) => void lines.push(s)), mi: createMiRegistry(), stats: createStatsRegistry(), hooks: new MessageHookLists(), lines };
}
