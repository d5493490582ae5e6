// RFC 3261 18.2.1 / RFC 3581 4: before a received request is sent on, the sender's top Via
// gets `received` (source address differs from sent-by) and a filled `rport` (asked for, or
// forced by force_rport()). Shared by stateless forwarding and tm, once per request.
import type { SipMessage } from '../sip/index.js';
import { receivedParams } from '../transport/index.js';
import type { MessageContext } from './message-context.js';

const RECEIVED_MARKED = 'core:via-received';

export function markReceived(ctx: MessageContext): void {
  const inb = ctx.inbound;
  if (!inb || ctx.moduleData.has(RECEIVED_MARKED)) return; // a second forward of the same request
  ctx.moduleData.set(RECEIVED_MARKED, true);
  const msg: SipMessage = ctx.msg;
  const top = msg.via;
  if (!top) return;
  const add = receivedParams(top, { proto: inb.local.proto, address: inb.source.address, port: inb.source.port });
  if (ctx.forceRport) add.rport = inb.source.port;
  if (add.received === undefined && add.rport === undefined) return;
  const line = msg.names.indexOf('via');
  if (line < 0) return;
  const value = msg.valueAt(line);
  const comma = value.indexOf(',');
  let first = comma < 0 ? value : value.slice(0, comma);
  first = first.replace(/;\s*rport(?=\s*(;|$))/i, '').replace(/;\s*received=[^;]*/i, '').trimEnd();
  if (add.received !== undefined) first += `;received=${add.received}`;
  if (add.rport !== undefined) first += `;rport=${add.rport}`;
  ctx.editor.removeTopVia();
  ctx.editor.insertHeaderAt(line, 'Via', first);
}
