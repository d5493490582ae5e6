// A received message's way through the core (DESIGN.md "A request's way through"): parse,
// sanity checks, then the main route for a request, or (after any claimer such as tm) the
// global onreply_route and stateless forwarding for a reply. Never throws: bad input is
// answered 400 or dropped, a script failure is logged once with the message it hit.
import { checkSanity, parseMessage, SipParseError, type SipMessage } from '../../sip/index.js';
import type { InboundMessage, Proto, Transport } from '../../transport/index.js';
import type { CompiledScript } from '../../script/compiled-script.js';
import type { CoreStats } from '../../stats/index.js';
import { SipMessageContext, type CoreServices, type MessageContext } from '../message-context.js';
import { LogLevel, type Logger } from '../log.js';
import { badRequestReply } from './bad-message.js';
import { describeMessage } from './describe-message.js';
import type { InFlight } from './in-flight.js';
import type { MessageHookLists } from '../../modules/index.js';


export interface HandlerDeps {
  readonly transport: Transport;
  readonly core: CoreServices;
  readonly script: CompiledScript;
  readonly stats: CoreStats;
  readonly log: Logger;
  readonly inFlight: InFlight;
  /** Modules' pre-script claims (sl ACK absorption, tm reply matching). */
  readonly hooks: MessageHookLists;
}

export function createMessageHandler(d: HandlerDeps): (inb: InboundMessage) => void {
  return (inb) => {
    let msg: SipMessage;
    try {
      msg = parseMessage(inb.buf, { datagram: inb.local.proto === 'udp' });
    } catch (e) {
      onParseError(d, inb, e);
      return;
    }
    if (msg.isRequest) d.stats.rcv_requests.inc();
    else d.stats.rcv_replies.inc();
    const insane = checkSanity(msg);
    if (insane !== null) return onInsane(d, inb, msg, insane);
    if (msg.isRequest) {
      const ctx = new SipMessageContext(msg, inb, d.core, 'request');
      if (!claimed(d, d.hooks.requests, ctx)) runRequest(d, ctx);
    } else onReply(d, msg, inb);
  };
}

function runRequest(d: HandlerDeps, ctx: MessageContext): void {
  const finish = () => { if (ctx.dropped) d.stats.drop_requests.inc(); };
  let r: void | Promise<void>;
  try {
    r = d.script.runRequest(ctx);
  } catch (e) {
    return scriptFailed(d, ctx, e);
  }
  if (r instanceof Promise) d.inFlight.track(r.then(finish, (e: unknown) => scriptFailed(d, ctx, e)));
  else finish();
}

function onReply(d: HandlerDeps, msg: SipMessage, inb: InboundMessage): void {
  const ctx = new SipMessageContext(msg, inb, d.core, 'onreply');
  if (claimed(d, d.hooks.replies, ctx)) return;
  const after = () => {
    if (ctx.dropped) return d.stats.drop_replies.inc();
    // Only a reply whose top Via is ours is forwarded; others are dropped quietly (forward.c).
    const p = d.core.forward(ctx).then((sent) => { if (!sent) d.stats.drop_replies.inc(); });
    d.inFlight.track(p);
  };
  let r: void | Promise<void>;
  try {
    r = d.script.runReply(ctx);
  } catch (e) {
    return scriptFailed(d, ctx, e);
  }
  if (r instanceof Promise) d.inFlight.track(r.then(after, (e: unknown) => scriptFailed(d, ctx, e)));
  else after();
}

/** Whether a module took the message; a claimer that throws (a header it read is broken)
 *  is logged and the message goes on to the script, which decides what to do with it. */
function claimed(d: HandlerDeps, claimers: readonly ((ctx: MessageContext) => boolean)[], ctx: MessageContext): boolean {
  for (const claim of claimers) {
    try {
      if (claim(ctx)) return true;
    } catch (e) {
      d.log.log(LogLevel.WARN, 'core', `pre-script hook failed on ${describeMessage(ctx)}: ${(e as Error).message}`);
    }
  }
  return false;
}

/** A script run that threw: a header the script read turned out malformed (400 if nothing was
 *  sent yet), or a bug in a function (logged with the message it hit). */
function scriptFailed(d: HandlerDeps, ctx: MessageContext, e: unknown): void {
  const req = ctx.msg.isRequest;
  (req ? d.stats.err_requests : d.stats.err_replies).inc();
  if (e instanceof SipParseError) {
    d.stats.bad_msg_hdr.inc();
    d.log.log(LogLevel.WARN, 'core', `bad header in ${describeMessage(ctx)}: ${e.message}`);
    if (req && !ctx.replied && ctx.msg.method !== 'ACK') d.core.sendReply(ctx, 400, 'Bad Request');
    return;
  }
  d.log.log(LogLevel.ERR, 'core', `script failed on ${describeMessage(ctx)}: ${(e as Error)?.stack ?? String(e)}`);
}

function onInsane(d: HandlerDeps, inb: InboundMessage, msg: SipMessage, reason: string): void {
  if (!msg.isRequest) {
    d.stats.err_replies.inc();
    d.log.log(LogLevel.DBG, 'core', `dropping a malformed reply from ${inb.source.address}:${inb.source.port}: ${reason}`);
    return;
  }
  d.stats.err_requests.inc();
  const ctx = new SipMessageContext(msg, inb, d.core, 'request');
  d.log.log(LogLevel.INFO, 'core', `malformed request (${reason}): ${describeMessage(ctx)}`);
  let isAck = false;
  try { isAck = msg.method === 'ACK'; } catch { /* the method is in the start line: cannot fail */ }
  // Without the headers a reply copies there is no one to answer (RFC 3261 8.2.6.2).
  const answerable = ['via', 'from', 'to', 'call-id', 'cseq'].every((h) => msg.hasHeader(h));
  if (!isAck && answerable) d.core.sendReply(ctx, 400, sanitize(reason));
}

function onParseError(d: HandlerDeps, inb: InboundMessage, e: unknown): void {
  if (!(e instanceof SipParseError)) {
    d.log.log(LogLevel.ERR, 'core', `parser failed on a message from ${inb.source.address}:${inb.source.port}: ${(e as Error)?.stack ?? e}`);
    return;
  }
  if (e.code === 'SIP_BAD_HEADER') d.stats.bad_msg_hdr.inc();
  const reply = badRequestReply(inb, e);
  const isReply = inb.buf.subarray(0, 8).toString('latin1') === 'SIP/2.0 ';
  (isReply ? d.stats.err_replies : d.stats.err_requests).inc();
  d.log.log(LogLevel.INFO, 'core', `bad message from ${inb.local.proto}:${inb.source.address}:${inb.source.port}: ${e.message}${reply ? '; answered 400' : '; dropped'}`);
  if (!reply) return;
  d.transport.send({ proto: inb.local.proto as Proto, address: inb.source.address, port: inb.source.port }, reply,
    { local: inb.local, connectionId: inb.connectionId })
    .catch((err: unknown) => d.log.log(LogLevel.DBG, 'core', `400 not sent: ${(err as Error).message}`));
}

function sanitize(reason: string): string {
  const r = reason.replace(/[^\x20-\x7e]/g, ' ').slice(0, 80);
  return r ? `Bad Request (${r})` : 'Bad Request';
}
