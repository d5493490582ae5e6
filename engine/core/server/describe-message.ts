// One line naming a message for logs: what it is and where it came from, never throwing
// (its headers may be the reason we are logging).
import type { MessageContext } from '../message-context.js';

export function describeMessage(ctx: MessageContext): string {
  const m = ctx.msg;
  let what: string;
  try {
    what = m.isRequest ? `${m.method} ${m.ruri}` : `reply ${m.status} ${m.reason}`;
  } catch {
    what = 'message';
  }
  let callId = '';
  try {
    callId = ` Call-ID ${m.callId}`;
  } catch { /* unreadable Call-ID */ }
  const from = ctx.inbound ? ` from ${ctx.inbound.local.proto}:${ctx.inbound.source.address}:${ctx.inbound.source.port}` : '';
  return `${what}${callId}${from}`;
}
