// The core's statistics, OpenSIPS's "core" group (core_stats.c), with its names so scripts,
// dashboards and `get_statistics core:` read the same.
import { stat } from './stat.js';
import type { Stat } from './stat.js';
import type { StatsRegistry } from './registry.js';

export const CORE_STATS = {
  rcv_requests: stat.counter({ doc: 'requests received' }),
  rcv_replies: stat.counter({ doc: 'replies received' }),
  fwd_requests: stat.counter({ doc: 'requests forwarded statelessly' }),
  fwd_replies: stat.counter({ doc: 'replies forwarded statelessly' }),
  drop_requests: stat.counter({ doc: 'requests dropped before or by the script' }),
  drop_replies: stat.counter({ doc: 'replies dropped' }),
  err_requests: stat.counter({ doc: 'requests that could not be processed (bad message)' }),
  err_replies: stat.counter({ doc: 'replies that could not be processed (bad message)' }),
  bad_URIs_rcvd: stat.counter({ doc: 'URIs that failed to parse' }),
  unsupported_methods: stat.counter({ doc: 'requests with a method tsips does not know' }),
  bad_msg_hdr: stat.counter({ doc: 'messages with a header that failed to parse' }),
} as const;

export type CoreStats = { readonly [K in keyof typeof CORE_STATS]: Stat };

export function declareCoreStats(reg: StatsRegistry): CoreStats {
  const out: Record<string, Stat> = {};
  for (const [name, def] of Object.entries(CORE_STATS)) out[name] = reg.declare('core', name, def);
  return out as CoreStats;
}
