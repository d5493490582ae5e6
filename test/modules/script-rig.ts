// Runs a real script (parsed, linked and compiled against the real modules) over a fake
// network and a fake clock: messages go in as text from any address, what tsips sends is
// captured, and time moves only with advance(). For modules whose behaviour is about
// timing and message exchanges (tm's transactions, usrloc expiry, pua refreshes).
import { expect } from 'vitest';
import { loadScriptText } from '../../engine/config/index.js';
import { checkScript, createCoreServices, createMessageHandler, InFlight } from '../../engine/core/server/index.js';
import { initModules, childInitModules, destroyModules, MessageHookLists, type ModuleSet } from '../../engine/modules/index.js';
import { declareCoreStats } from '../../engine/stats/index.js';
import type { InboundMessage, ListenSocket, SendTarget, SendOptions, Transport } from '../../engine/transport/index.js';
import { parseMessage, type SipMessage } from '../../engine/sip/index.js';
import { scriptRuntime } from '../../engine/core/server/index.js';
import { testServices } from '../engine/modules/services.js';

export interface Sent {
  readonly to: SendTarget;
  readonly text: string;
  readonly msg: SipMessage;
}

interface From { address?: string; port?: number; proto?: 'udp' | 'tcp' }

export interface Rig {
  readonly sent: Sent[];
  readonly services: ReturnType<typeof testServices>;
  readonly modules: ModuleSet;
  readonly socket: ListenSocket;
  /** Feeds a message as if it arrived from address:port (over UDP unless `proto` says TCP,
   *  which needs the rig's `tcp` option). */
  receive(text: string, from?: From): void;
  /** The same with exact bytes (no line-end conversion): bodies with their own line ends. */
  receiveRaw(buf: Buffer, from?: From): void;
  /** Moves the fake clock, running due timers; then lets promises settle. */
  advance(ms: number): Promise<void>;
  /** Messages sent to a port, optionally only those whose first line matches. */
  to(port: number, firstLine?: RegExp): Sent[];
  /** Makes sends to this port fail (a dead peer). */
  failPort(port: number): void;
  stat(name: string): number;
  state<T>(module: string): T;
  settle(): Promise<void>;
  /** MI command as mi_http would run it. */
  mi(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Destroys the modules (closes databases). */
  stop(): Promise<void>;
}

/** `tcp`: a TCP socket too (the fake transport takes sends to either). */
export async function scriptRig(cfg: string, opts: { tcp?: boolean } = {}): Promise<Rig> {
  const load = loadScriptText(cfg, 'rig.cfg', '/tmp');
  const res = await checkScript(load, { listen: [], version: 'test' });
  expect(res.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`)).toEqual([]);
  expect(res.errors).toEqual([]);
  const c = res.checked!;
  const services = testServices();
  const socket: ListenSocket = {
    id: 1, proto: 'udp', address: '127.0.0.1', port: 5060, family: 'IPv4', name: 'udp:127.0.0.1:5060',
    spec: { proto: 'udp', host: '127.0.0.1', port: 5060 },
  } as ListenSocket;
  const sockets = opts.tcp ? [socket, { ...socket, id: 2, proto: 'tcp', name: 'tcp:127.0.0.1:5060', spec: { ...socket.spec, proto: 'tcp' } } as ListenSocket] : [socket];
  const sent: Sent[] = [];
  const failing = new Set<number>();
  const transport = {
    sockets,
    send: (to: SendTarget, buf: Buffer, _o?: SendOptions) => {
      if (failing.has(to.port)) return Promise.reject(new Error('ECONNREFUSED'));
      const text = buf.toString('utf8');
      sent.push({ to, text, msg: parseMessage(Buffer.from(buf)) });
      return Promise.resolve();
    },
  } as unknown as Transport;
  const hooks = services.hooks as MessageHookLists;
  const modules = await initModules(c.prepared, services);
  const moduleStates = new Map(modules.modules.map((m) => [m.name, m.state]));
  const script = scriptRuntime.compileScript(c.linked, { moduleStates, log: services.log });
  const coreStats = declareCoreStats(services.stats);
  const core = createCoreServices({ transport, config: c.config, log: services.log, stats: services.stats, coreStats, startedAt: 0 });
  services.runtime.set({
    core, script, sockets, send: (t, b, o) => transport.send(t, b, o),
    createDummyContext: (type) => scriptRuntime.createDummyContext(core, type),
  });
  await childInitModules(modules);
  const handler = createMessageHandler({ transport, core, script, stats: coreStats, log: services.log, inFlight: new InFlight(), hooks });
  const settle = () => new Promise<void>((r) => setImmediate(r));
  const receiveRaw = (buf: Buffer, from: From) => {
    const proto = from.proto ?? 'udp';
    const inb: InboundMessage = {
      buf,
      source: { proto, address: from.address ?? '127.0.0.1', port: from.port ?? 5000, family: 'IPv4' },
      local: sockets.find((k) => k.proto === proto) ?? socket,
      ...(proto === 'tcp' ? { connectionId: 1 } : {}),
    };
    handler(inb);
  };

  return {
    sent, services, modules, socket,
    receive(text, from = {}) {
      receiveRaw(Buffer.from(text.replace(/\r?\n/g, '\r\n')), from);
    },
    receiveRaw: (buf, from = {}) => receiveRaw(buf, from),
    async advance(ms) {
      // Step in ticks so promise continuations between timers run in order.
      const step = 10;
      for (let t = 0; t < ms; t += step) {
        services.timers.advance(Math.min(step, ms - t));
        await settle();
      }
    },
    to: (port, firstLine) => sent.filter((s) => s.to.port === port && (!firstLine || firstLine.test(s.text.slice(0, s.text.indexOf('\r\n'))))),
    failPort: (port) => void failing.add(port),
    stat: (name) => services.stats.find(name)?.get() ?? NaN,
    async mi(method, params = {}) {
      const cmd = services.mi.lookup(method);
      if (!cmd) throw new Error(`no MI command ${method}`);
      const recipe = cmd.recipes.find((r) => r.length === Object.keys(params).length && r.every((k) => k in params)) ?? [];
      return cmd.handler(params, { command: method, recipe });
    },
    stop: async () => { await destroyModules(modules); },
    state: <T>(module: string) => modules.modules.find((m) => m.name === module)!.state as T,
    settle,
  };
}

/** A request as a UAC at 127.0.0.1:port would send it. */
export function uacRequest(o: {
  method: string; port: number; branch: string; callId: string; cseq?: number; ruri?: string; toTag?: string; extra?: string[]; body?: string;
}): string {
  const ruri = o.ruri ?? 'sip:bob@127.0.0.1:5060';
  const body = o.body ?? '';
  return [
    `${o.method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${o.port};branch=${o.branch}`,
    'Max-Forwards: 70',
    `From: <sip:alice@127.0.0.1>;tag=a-${o.callId}`,
    `To: <sip:bob@127.0.0.1>${o.toTag ? `;tag=${o.toTag}` : ''}`,
    `Call-ID: ${o.callId}`,
    `CSeq: ${o.cseq ?? 1} ${o.method === 'ACK' || o.method === 'CANCEL' ? o.method : o.method}`,
    `Contact: <sip:alice@127.0.0.1:${o.port}>`,
    ...(o.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** The reply a UAS sends to a request it received (Vias copied, To tagged). */
export function uasReply(req: SipMessage, status: number, reason: string, o: { toTag?: string; extra?: string[] } = {}): string {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const v of req.headers('via')) lines.push(`Via: ${v}`);
  lines.push(`From: ${req.header('from')}`);
  const to = req.header('to')!;
  lines.push(`To: ${status > 100 && !/;tag=/.test(to) ? `${to};tag=${o.toTag ?? 'uas1'}` : to}`);
  lines.push(`Call-ID: ${req.callId}`, `CSeq: ${req.header('cseq')}`, ...(o.extra ?? []), 'Content-Length: 0', '', '');
  return lines.join('\r\n');
}

/** The start of a test script: the UDP socket the rig serves and a loadmodule line for each
 *  module (proto_udp, sl and signaling always). */
export function scriptHead(modules: readonly string[]): string {
  return ['socket=udp:127.0.0.1:5060', ...['proto_udp', 'sl', 'signaling', ...modules].map((m) => `loadmodule "${m}.so"`)].join('\n');
}
