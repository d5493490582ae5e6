// has_body([mime]) / has_body_part([mime]). OpenSIPS's has_body() without an argument is true
// for every UDP message, even with Content-Length: 0 (maxfwd-sipmsgops.md B.3 #1); tsips
// answers the question the name asks: true only when the body is not empty.
import type { MessageContext } from '../../engine/core/message-context.js';
import { bodyHasType, mimeType } from './body-parts.js';

export function hasBody(ctx: MessageContext, mime?: string): number {
  const msg = ctx.msg;
  const body = msg.body;
  if (body.length === 0) return -1;
  if (mime === undefined || mime === '') return 1;
  const contentType = msg.contentType;
  // RFC 3261 20.15 makes Content-Type mandatory with a body; without one no type matches.
  if (contentType === undefined) return -1;
  return bodyHasType(contentType, body.toString('latin1'), mimeType(mime)) ? 1 : -1;
}
