// Stateless forwarding (OpenSIPS core `forward()`, forward.c): a request goes to `dest`, $du
// or the Request-URI with our Via on top (RFC 3261 16.6 step 8) after received/rport were
// written into the sender's Via (18.2.1, RFC 3581 4); a reply loses our Via and goes to the
// next one (18.2.2 applied to the next hop's Via, as a stateless proxy does, 16.11).
import { generateBranch, type Via } from '../../sip/index.js';
import {
  defaultPort, type ListenSocket, type Proto, type SendTarget, type Transport,
} from '../../transport/index.js';
import type { MessageContext } from '../message-context.js';
import { markReceived } from '../via-received.js';
import { pickSocket, uriTarget } from '../uri-target.js';

export interface ForwardDeps {
  readonly transport: Transport;
  readonly sockets: () => readonly ListenSocket[];
  /** Whether a host[:port] names this server (our Via on a reply). */
  readonly isMyself: (host: string, port?: number) => boolean;
  readonly advertised: { address?: string; port?: number };
}

/** Where a request goes: the explicit destination, else $du, else the Request-URI. */
export function requestDestination(ctx: MessageContext, dest?: SendTarget): SendTarget {
  if (dest) return dest;
  return uriTarget(ctx.dstUri ?? ctx.newRuri ?? ctx.msg.ruri);
}

export async function forwardRequest(d: ForwardDeps, ctx: MessageContext, dest?: SendTarget): Promise<void> {
  const target = requestDestination(ctx, dest);
  const local = pickSocket(d.sockets(), target.proto, ctx.inbound?.local);
  if (!local) throw new Error(`no ${target.proto} socket to forward to ${target.address}:${target.port}`);
  const ed = ctx.editor;
  if (ctx.newRuri !== undefined) ed.setRequestUri(ctx.newRuri);
  markReceived(ctx);
  const host = local.advertised?.host ?? d.advertised.address ?? hostText(local.address);
  const port = local.advertised?.port ?? d.advertised.port ?? local.port;
  ed.prependVia(`SIP/2.0/${local.proto.toUpperCase()} ${host}:${port};branch=${generateBranch()}${ctx.localRport ? ';rport' : ''}`);
  let buf: Buffer;
  try {
    buf = ed.toBuffer();
  } finally {
    ed.removeTopVia(); // our Via belongs to this send only: a second forward gets its own
  }
  await d.transport.send(target, buf, { local });
}

/** Sends a received reply on to the next Via; false when the top Via is not ours (not ours
 *  to forward) or there is no next hop. */
export async function forwardReply(d: ForwardDeps, ctx: MessageContext): Promise<boolean> {
  const vias = ctx.msg.vias;
  const top = vias[0];
  if (!top || !d.isMyself(top.host, top.port ?? defaultPort(top.transport))) return false;
  const next = vias[1];
  if (!next) return false;
  ctx.editor.removeTopVia();
  const target = nextHop(next);
  const local = pickSocket(d.sockets(), target.proto, ctx.inbound?.local);
  await d.transport.send(target, ctx.editor.toBuffer(), local ? { local } : {});
  return true;
}

/** RFC 3261 18.2.2 read from the Via alone: received wins over sent-by, a filled rport over
 *  the sent-by port. */
function nextHop(v: Via): SendTarget {
  const address = stripBrackets(v.received ?? v.maddr ?? v.host);
  const port = typeof v.rport === 'number' ? v.rport : v.port ?? defaultPort(v.transport);
  return { proto: v.transport.toLowerCase() as Proto, address, port };
}


function hostText(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function stripBrackets(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}
