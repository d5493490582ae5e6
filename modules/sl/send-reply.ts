// Sending one stateless reply: OpenSIPS sl_send_reply. The reply is built and sent by the
// core (copied Vias with received/rport, To with our tag, ...); sl adds what is its own
// business: the stable To-tag, the script's reply lumps (append_to_reply), the 3xx Contact
// from the destination set, Record-Route for 180..299, and the statistics.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { HeaderList } from '../../engine/sip/index.js';
import { replyLumps } from '../../engine/core/reply-lumps.js';
import { LogLevel } from '../../engine/core/log.js';
import { genTotag } from './totag.js';
import { destinationSetContact } from './dset-contact.js';
import { countReply } from './stats.js';
import type { SlState } from './state.js';
import type { SlReplyExtra, SlReplyResult } from './api.js';

export function isReplyCode(code: number): boolean {
  return Number.isInteger(code) && code >= 100 && code <= 699;
}

function replyHeaders(ctx: MessageContext, code: number, extra: SlReplyExtra | undefined): (readonly [string, string])[] {
  // Order as OpenSIPS's build_res_buf_from_sip_req: the lumps in insertion order (script
  // first, then what the calling module adds), then the destination set of a 3xx.
  const out: (readonly [string, string])[] = [];
  const lumps = replyLumps(ctx);
  if (lumps) out.push(...lumps.headers);
  if (extra?.headers) out.push(...pairs(extra.headers));
  if (code >= 300 && code < 400) {
    const contact = destinationSetContact(ctx);
    if (contact !== undefined) out.push(['Contact', contact]);
  }
  return out;
}

function pairs(h: HeaderList): (readonly [string, string])[] {
  return Array.isArray(h) ? (h as (readonly [string, string])[]) : Object.entries(h);
}

export function sendStateless(st: SlState, ctx: MessageContext, code: number, reason: string, extra?: SlReplyExtra): SlReplyResult {
  const msg = ctx.msg;
  if (!msg.isRequest) {
    st.log(LogLevel.ERR, 'cannot send a stateless reply to a reply');
    return { rc: -1, toTag: '' };
  }
  const toTag = genTotag(st, ctx);
  // An ACK is never answered (RFC 3261 17.1.1.3); OpenSIPS reports success without sending.
  if (msg.method === 'ACK') return { rc: 1, toTag };
  if (!isReplyCode(code)) {
    st.log(LogLevel.ERR, `invalid reply code ${code}: must be 100..699`);
    return { rc: -1, toTag };
  }
  const lumps = replyLumps(ctx);
  let sent: boolean;
  try {
    sent = ctx.core.sendReply(ctx, code, reason, {
      toTag,
      headers: replyHeaders(ctx, code, extra),
      body: extra?.body ?? lumps?.body,
      contentType: extra?.contentType,
      // OpenSIPS copies Record-Route only for 180..299 (dialog-establishing answers).
      copyRecordRoute: code >= 180 && code < 300,
    });
  } catch (e) {
    st.log(LogLevel.ERR, `failed to build the ${code} reply: ${(e as Error).message}`);
    sent = false;
  }
  if (!sent) return { rc: -1, toTag };
  ctx.replied = true;
  if (st.countStats) countReply(st.stats, code);
  return { rc: 1, toTag };
}
