import type { Database } from '../../engine/db/index.js';
import type { Usrloc } from './ul.js';
import type { Persistence } from './persist.js';

export interface UlState {
  readonly ul: Usrloc;
  readonly db: Database | undefined;
  readonly persistence: Persistence | undefined;
  readonly dumpKv: boolean;
  /** Runs the timer job (expiry, SQL flush) now. */
  tick(): Promise<void>;
  log(level: number, message: string): void;
  stopTimer: () => void;
}
