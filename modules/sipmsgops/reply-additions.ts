// append_to_reply, append_time, append_body_to_reply: queue reply lumps for the next local
// reply to this request (sent by sl, signaling, tm or registrar, which all read
// engine/core/reply-lumps.ts). Nothing is sent here.
import type { MessageContext } from '../../engine/core/message-context.js';
import { addReplyHeader, addReplyBody } from '../../engine/core/reply-lumps.js';
import { LogLevel } from '../../engine/core/log.js';
import { parseHeaderLines } from './header-lines.js';
import type { SipmsgopsState } from './state.js';

export function appendToReply(st: SipmsgopsState, ctx: MessageContext, text: string): number {
  const lines = parseHeaderLines(text);
  if (typeof lines === 'string') {
    st.log(LogLevel.ERR, `append_to_reply: ${lines}`);
    return -1;
  }
  for (const [name, value] of lines) addReplyHeader(ctx, name, value);
  return 1;
}

/** `Date: Tue, 04 Mar 2025 10:11:12 GMT` (RFC 1123 form, RFC 3261 20.17): the usual way to
 *  put the recommended Date into REGISTER replies. */
export function appendTime(ctx: MessageContext, now: Date = new Date()): number {
  addReplyHeader(ctx, 'Date', now.toUTCString());
  return 1;
}

export function appendBodyToReply(ctx: MessageContext, body: string): number {
  if (body === '') return -1;
  addReplyBody(ctx, body);
  return 1;
}
