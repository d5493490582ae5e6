// What signaling's init returns: the two reply paths it found (at least one) and a logger.
import type { ModuleApis } from '../../engine/modules/index.js';
import type { StatefulReplier } from './stateful-replier.js';

export interface SignalingState {
  readonly sl: ModuleApis['sl'] | undefined;
  readonly tm: StatefulReplier | undefined;
  readonly log: (level: number, message: string) => void;
}
