// sl's statistics, with OpenSIPS's names (group "sl") so dashboards and
// `get_statistics sl:` read the same.
import { stat } from '../../engine/modules/index.js';
import type { Stat } from '../../engine/stats/stat.js';

export const SL_STATS = {
  '1xx_replies': stat.counter({ doc: 'Stateless replies sent with a 1xx code.' }),
  '2xx_replies': stat.counter({ doc: 'Stateless replies sent with a 2xx code.' }),
  '3xx_replies': stat.counter({ doc: 'Stateless replies sent with a 3xx code.' }),
  '4xx_replies': stat.counter({ doc: 'Stateless replies sent with a 4xx code.' }),
  '5xx_replies': stat.counter({ doc: 'Stateless replies sent with a 5xx code.' }),
  '6xx_replies': stat.counter({ doc: 'Stateless replies sent with a 6xx code.' }),
  sent_replies: stat.counter({ doc: 'All stateless replies sent.' }),
  sent_err_replies: stat.counter({ doc: 'Replies sent by sl_reply_error().' }),
  received_ACKs: stat.counter({ doc: 'ACKs to our own stateless replies, absorbed before the script.' }),
} as const;

export type SlStats = { readonly [K in keyof typeof SL_STATS]: Stat };

/** Counts one sent reply in its class and in the total. */
export function countReply(stats: SlStats, code: number): void {
  const cls = Math.floor(code / 100);
  const byClass = cls === 1 ? stats['1xx_replies'] : cls === 2 ? stats['2xx_replies'] : cls === 3 ? stats['3xx_replies']
    : cls === 4 ? stats['4xx_replies'] : cls === 5 ? stats['5xx_replies'] : stats['6xx_replies'];
  byClass.inc();
  stats.sent_replies.inc();
}
