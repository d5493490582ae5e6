// The CoreServices a message context reaches for (engine/core/message-context.ts): replies,
// stateless forwarding, is_myself. One instance per server.
import { buildReply, type ReplyOptions } from '../../sip/index.js';
import { responseTarget, type ListenSocket, type Proto, type SendTarget, type Transport } from '../../transport/index.js';
import type { StatsRegistry, CoreStats } from '../../stats/index.js';
import type { CoreServices, MessageContext } from '../message-context.js';
import { LogLevel, type Logger } from '../log.js';
import type { CoreConfig } from './core-config.js';
import { forwardReply, forwardRequest, type ForwardDeps } from './stateless-forward.js';
import { createMyselfCheck } from './is-myself.js';
import { stableToTag } from './reply-tag.js';
import { describeMessage } from './describe-message.js';

export interface CoreServicesDeps {
  readonly transport: Transport;
  readonly config: CoreConfig;
  readonly log: Logger;
  readonly stats: StatsRegistry;
  readonly coreStats: CoreStats;
  readonly startedAt: number;
  /** Sends still on their way keep shutdown waiting (InFlight.track). */
  readonly track?: (p: Promise<unknown>) => void;
}

export function createCoreServices(d: CoreServicesDeps): CoreServices {
  const sockets = (): readonly ListenSocket[] => d.transport.sockets;
  const isMyself = createMyselfCheck(sockets, d.config);
  const fwd: ForwardDeps = {
    transport: d.transport, sockets, isMyself,
    advertised: { address: d.config.advertisedAddress, port: d.config.advertisedPort },
  };
  const serverHeader = splitHeader(d.config.serverHeader);
  const failed = (what: string, ctx: MessageContext, e: unknown) =>
    d.log.log(LogLevel.ERR, 'core', `${what} failed for ${describeMessage(ctx)}: ${(e as Error).message ?? e}`);

  return {
    log: d.log,
    script: { xlogLevel: d.config.xlogLevel, xlogPrintLevel: d.config.xlogPrintLevel },
    stats: d.stats,
    get sockets() { return sockets(); },
    startedAt: d.startedAt,
    isMyself,
    sendReply(ctx, status, reason, opts: ReplyOptions = {}) {
      const inb = ctx.inbound;
      const via = ctx.msg.via;
      if (!inb || !via) return false; // a dummy message (startup/timer route) has no one to answer
      let buf: Buffer;
      try {
        const headers = withServer(opts.headers, d.config.serverSignature ? serverHeader : undefined);
        buf = buildReply(ctx.msg, status, reason, { ...opts, toTag: opts.toTag ?? stableToTag(ctx.msg), headers });
      } catch (e) {
        failed(`building the ${status} reply`, ctx, e);
        return false;
      }
      // force_rport(): answer to the source port whatever the Via says (RFC 3581 behaviour).
      const topVia = ctx.forceRport ? { transport: via.transport, host: via.host, port: via.port, received: via.received, maddr: via.maddr, rport: true as const } : via;
      const t = responseTarget(topVia, { proto: inb.local.proto, address: inb.source.address, port: inb.source.port, connectionId: inb.connectionId });
      const target: SendTarget = { proto: t.proto as Proto, address: t.address, port: t.port };
      ctx.replied = true;
      const sending = d.transport.send(target, buf, { local: inb.local, connectionId: t.connectionId })
        .catch((e: unknown) => failed(`sending the ${status} reply`, ctx, e));
      d.track?.(sending);
      return true;
    },
    async forward(ctx, dest) {
      try {
        if (ctx.msg.isRequest) {
          await forwardRequest(fwd, ctx, dest);
          d.coreStats.fwd_requests.inc();
          return true;
        }
        const sent = await forwardReply(fwd, ctx);
        if (sent) d.coreStats.fwd_replies.inc();
        return sent;
      } catch (e) {
        failed('forwarding', ctx, e);
        return false;
      }
    },
  };
}

/** `server_header = "Server: X"` holds the whole header line. */
function splitHeader(line: string): [string, string] | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

function withServer(headers: ReplyOptions['headers'], server: [string, string] | undefined): ReplyOptions['headers'] {
  if (!server) return headers;
  if (!headers) return [server];
  const list = Array.isArray(headers) ? headers as ReadonlyArray<readonly [string, string]> : Object.entries(headers);
  if (list.some(([n]) => n.toLowerCase() === server[0].toLowerCase())) return headers;
  return [...list, server];
}
