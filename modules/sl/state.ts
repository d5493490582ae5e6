// What sl's init returns: its statistics, whether to count them, a logger, and the cached
// To-tag prefix (it depends on the first listening socket, known only once sockets are bound).
import type { SlStats } from './stats.js';

export interface SlState {
  readonly stats: SlStats;
  /** modparam enable_stats: 0 leaves the counters at 0 (they stay registered). */
  readonly countStats: boolean;
  readonly log: (level: number, message: string) => void;
  /** md5 prefix of our To-tags and the socket name it was computed from. */
  tagPrefix: { readonly socket: string; readonly hex: string } | undefined;
}
