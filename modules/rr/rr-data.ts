// What rr remembers about the current message: parameters queued by add_rr_param() for our
// Record-Route, and the parameters of our Route that loose_route() consumed (for
// check_route_param and is_direction).
import type { MessageContext } from '../../engine/core/message-context.js';

export interface RrMsgData {
  /** `;name=value` strings, in call order. */
  params: string[];
  /** Where record_route() put our header(s), to add later params to. */
  recorded?: { line: number; values: string[] };
  /** The header parameters of our Route URI consumed by loose_route(), raw (";a=b;c"). */
  routeParams?: string;
}

const KEY = 'rr';

export function rrData(ctx: MessageContext): RrMsgData {
  let d = ctx.moduleData.get(KEY) as RrMsgData | undefined;
  if (!d) ctx.moduleData.set(KEY, (d = { params: [] }));
  return d;
}
