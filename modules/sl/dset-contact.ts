// The Contact of a 3xx stateless reply: the destination set (OpenSIPS print_dset), i.e. the
// Request-URI when the script changed it, then every branch added by append_branch/lookup,
// each with its q. Nothing when the set holds only the untouched Request-URI, as OpenSIPS.
import type { MessageContext } from '../../engine/core/message-context.js';

function contactOf(uri: string, q: number): string {
  // q is kept as 0..1000 (-1 = unset); printed the way OpenSIPS's q2str does: 500 -> 0.5.
  return q < 0 ? `<${uri}>` : `<${uri}>;q=${q / 1000}`;
}

export function destinationSetContact(ctx: MessageContext): string | undefined {
  const parts: string[] = [];
  if (ctx.newRuri !== undefined) parts.push(contactOf(ctx.newRuri, -1));
  for (const b of ctx.branches) parts.push(contactOf(b.uri, b.q));
  return parts.length ? parts.join(', ') : undefined;
}
