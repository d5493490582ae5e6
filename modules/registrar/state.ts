import type { UsrlocApi } from '../usrloc/api.js';
import type { SignalingApi } from '../signaling/api.js';
import type { Stat } from '../../engine/stats/stat.js';
import type { AorOptions } from '../../engine/core/aor-key.js';

export interface RegConfig extends AorOptions {
  readonly defaultExpires: number;
  readonly minExpires: number;
  readonly maxExpires: number;
  readonly defaultQ: number;
  readonly maxContacts: number;
  readonly maxContactLen: number;
  readonly allowDupCseq: boolean;
  readonly retryAfter: number;
  readonly receivedAvp: string | undefined;
  readonly receivedParam: string;
  readonly rejectShortExpires: boolean;
  readonly addDate: boolean;
}

export interface RegState {
  readonly cfg: RegConfig;
  readonly ul: UsrlocApi;
  readonly sig: SignalingApi;
  readonly stats: { accepted_regs: Stat; rejected_regs: Stat };
  log(level: number, message: string): void;
}
