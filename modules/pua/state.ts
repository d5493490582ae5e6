import type { Database } from '../../engine/db/index.js';
import type { Pua } from './pua.js';
import type { PuaPersistence } from './persist.js';
import type { PuaCluster } from './cluster.js';

export interface PuaState {
  readonly pua: Pua;
  readonly db: Database;
  readonly persistence: PuaPersistence;
  readonly cluster: PuaCluster | undefined;
  readonly stopTimers: () => void;
}
