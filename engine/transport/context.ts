// What the listeners and connections share with the Transport that owns them: the limits,
// the counters, the logger and the way up to the core. Passed in, never module-level.

import { LogLevel, type Logger } from '../core/log.js';
import type { InboundMessage, ResolvedTransportConfig, TransportStats } from './types.js';

export interface TransportContext {
  readonly cfg: ResolvedTransportConfig;
  readonly stats: TransportStats;
  deliver(msg: InboundMessage): void;
  log(level: number, message: string): void;
}

export function makeLog(logger: Logger | undefined): (level: number, message: string) => void {
  return logger ? (level, message) => logger.log(level, 'transport', message) : () => {};
}

export { LogLevel };
